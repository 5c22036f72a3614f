/**
 * Modifier descriptors: one {@link io.sumbin.histmodel.modifier.ModifierKind} per modifier type, one
 * file each (normfactor, normsys, histosys, shapesys, staterror, shapefactor, lumi), registered with
 * one line each in {@link io.sumbin.histmodel.modifier.ModifierRegistry} in pyhf's order. A
 * descriptor reads and writes its JSON {@code data} ({@link io.sumbin.histmodel.modifier.ModifierData}),
 * says which parameters it needs (paramsets, their inits, bounds, constraints and auxiliary data),
 * how it acts on a sample's yields, and whether a family's pair model keeps it on a delta sample.
 * Extensions register their own descriptor: one line in their jar's
 * {@code META-INF/services/io.sumbin.histmodel.modifier.ModifierKind} (found on the class path), or a
 * {@code ModifierRegistry.register} call. May import
 * {@code util}, {@code interp}, {@code spec}.
 */
package io.sumbin.histmodel.modifier;
