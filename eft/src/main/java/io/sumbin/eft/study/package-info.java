/**
 * Batch Asimov sensitivity studies: study files validated by a bundled schema, the grid of cells
 * (binning × observable × luminosity ...), Asimov scans per cell, sharding and merging of results,
 * and the truth-level VBF study. May import {@code io.sumbin.eft}, {@code eft.morphing} and the library modules.
 */
package io.sumbin.eft.study;
