/**
 * One descriptor per modifier kind (normfactor, normsys, histosys, shapesys, staterror, shapefactor,
 * lumi), registered in pyhf's order in {@link io.sumbin.histmodel.modifier.ModifierRegistry}: each kind
 * says which parameters it needs (paramsets, their inits, bounds, constraints and auxiliary data) and
 * how it acts on a sample's yields. May import {@code util}, {@code interp}, {@code spec}.
 */
package io.sumbin.histmodel.modifier;
