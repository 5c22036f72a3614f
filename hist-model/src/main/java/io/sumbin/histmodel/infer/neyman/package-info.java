/**
 * Neyman constructions with Feldman–Cousins ordering (arXiv:physics/9711021) over parameter grids,
 * coverage checks, and exact enumerations for counting experiments. May import everything up to
 * {@code infer.toys}.
 */
package io.sumbin.histmodel.infer.neyman;
