package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.interp.Interpolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The multiplicative modifiers with one value per unit — {@code normfactor} and {@code lumi} (the
 * parameter itself) and {@code normsys} (interpolated, code 1 or 4) — grouped by parameter: group g
 * of unit u ({@code g = start[u] .. start[u+1]−1}) is the product of the factors
 * {@code k = facStart[g] .. facStart[g+1]−1} of parameter {@code param[g]}, each of kind
 * {@code kind[k]} ({@link #LINEAR}, {@link #CODE1}, {@link #CODE4}) with normsys values
 * {@code hi[k]}, {@code lo[k]} and, for code 4, six polynomial coefficients at {@code c4[6k]}.
 * Grouping makes the unit's scale S = Π_g g(θ) and its derivatives one product rule per parameter.
 * Immutable.
 */
final class ScalarFactors {
  /** Factor kinds. */
  static final int LINEAR = 0;
  static final int CODE1 = 1;
  static final int CODE4 = 4;

  /** Per unit, first group (length nUnits + 1). */
  final int[] start;
  /** Per group, its parameter. */
  final int[] param;
  /** Per group, first factor (length nGroups + 1). */
  final int[] facStart;
  final int[] kind;
  final double[] hi;
  final double[] lo;
  /** Code-4 polynomial coefficients, six per factor (zeros for other kinds). */
  final double[] c4;
  /** Largest number of groups of one unit (scratch size). */
  final int maxGroupsPerUnit;

  private ScalarFactors(Builder b) {
    this.start = ModelCompiler.toIntArray(b.start);
    this.param = ModelCompiler.toIntArray(b.param);
    this.facStart = ModelCompiler.toIntArray(b.facStart);
    this.kind = ModelCompiler.toIntArray(b.kind);
    this.hi = ModelCompiler.toArray(b.hi);
    this.lo = ModelCompiler.toArray(b.lo);
    this.c4 = ModelCompiler.toArray(b.c4);
    this.maxGroupsPerUnit = b.maxGroups;
  }

  /** Number of groups over all units. */
  int nGroups() {
    return param.length;
  }

  /** Collects groups unit by unit. */
  static final class Builder {
    private final List<Integer> start = new ArrayList<>();
    private final List<Integer> param = new ArrayList<>();
    private final List<Integer> facStart = new ArrayList<>();
    private final List<Integer> kind = new ArrayList<>();
    private final List<Double> hi = new ArrayList<>();
    private final List<Double> lo = new ArrayList<>();
    private final List<Double> c4 = new ArrayList<>();
    private int maxGroups;

    /** Adds the next unit's groups: parameter → its factors {kind, hi, lo}, in iteration order (read). */
    void addUnit(Map<Integer, List<double[]>> groups) {
      start.add(param.size());
      maxGroups = Math.max(maxGroups, groups.size());
      for (Map.Entry<Integer, List<double[]>> g : groups.entrySet()) {
        param.add(g.getKey());
        facStart.add(kind.size());
        for (double[] fac : g.getValue()) {
          int k = (int) fac[0];
          kind.add(k);
          hi.add(fac[1]);
          lo.add(fac[2]);
          double[] c = k == CODE4 ? Interpolation.code4Coefficients(fac[1], fac[2]) : new double[6];
          for (double v : c) {
            c4.add(v);
          }
        }
      }
    }

    ScalarFactors build() {
      start.add(param.size());
      facStart.add(kind.size());
      return new ScalarFactors(this);
    }
  }
}
