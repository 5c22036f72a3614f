package io.sumbin.histmodel.compile;

import java.util.List;

/**
 * The parameters of a compiled model: expanded names in pyhf's order, suggested initial values,
 * bounds and fixed flags, the parameter sets they belong to, and the parameter of interest.
 * Immutable: the arrays are never written after construction (accessors of {@link CompiledModel}
 * hand out copies).
 */
final class ParameterTable {
  final List<Paramset> paramsets;
  final String[] names;
  final double[] init;
  final double[] lower;
  final double[] upper;
  final boolean[] fixed;
  /** Index of the parameter of interest, −1 for none. */
  final int poiIndex;
  /** Name of the parameter of interest, null for none. */
  final String poiName;

  ParameterTable(List<Paramset> paramsets, String[] names, double[] init, double[] lower, double[] upper,
      boolean[] fixed, int poiIndex, String poiName) {
    this.paramsets = List.copyOf(paramsets);
    this.names = names;
    this.init = init;
    this.lower = lower;
    this.upper = upper;
    this.fixed = fixed;
    this.poiIndex = poiIndex;
    this.poiName = poiName;
  }

  /** Number of parameters. */
  int n() {
    return names.length;
  }
}
