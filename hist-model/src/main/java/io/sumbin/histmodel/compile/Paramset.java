package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.modifier.Constraint;

/**
 * One parameter set of a compiled model (pyhf's paramset): a name, its slice of the parameter
 * vector and its constraint.
 *
 * @param kind modifier type that created it ({@code "normfactor"}, ..., or {@code "term"} for POIs
 *     that only appear in sumbin's POI-dependent samples)
 */
public record Paramset(String name, String kind, int offset, int n, boolean scalar, Constraint constraint) {
  /** Expanded name of component i: {@code name} for scalars, {@code name[i]} otherwise (pyhf). */
  public String componentName(int i) {
    return scalar ? name : name + "[" + i + "]";
  }
}
