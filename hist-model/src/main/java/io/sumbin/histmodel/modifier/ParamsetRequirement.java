package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.util.RecordText;
import java.util.Arrays;

/**
 * What one modifier occurrence asks of its parameter set, mirroring pyhf's {@code required_parset}:
 * constraint type, size, scalar-ness and default inits, bounds, fixed flags, auxiliary data,
 * Gaussian widths and Poisson factors. {@code null} arrays mean the attribute is not used by the
 * kind (setting it from a measurement is then an error, as in pyhf); for {@code lumi} the values are
 * {@link #UNSET} placeholders that the measurement must provide.
 *
 * @param source JSON path of the modifier that produced it, for error messages
 */
public record ParamsetRequirement(
    String kind,
    Constraint constraint,
    int n,
    boolean scalar,
    double[] inits,
    double[][] bounds,
    boolean[] fixed,
    double[] auxdata,
    double[] sigmas,
    double[] factors,
    String source) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** Marker array for values that must come from the measurement (lumi). */
  public static final double[] UNSET = new double[0];

  /** Same defaults, other source path. */
  public ParamsetRequirement withSource(String s) {
    return new ParamsetRequirement(kind, constraint, n, scalar, inits, bounds, fixed, auxdata, sigmas, factors, s);
  }

  /**
   * Whether two requirements for the same parameter name agree on every attribute (pyhf raises
   * {@code InvalidNameReuse} otherwise). Returns the name of the first differing attribute, or
   * {@code null} when they agree.
   */
  public String firstDifference(ParamsetRequirement o) {
    if (constraint != o.constraint) {
      return "constraint type (" + constraint + " vs " + o.constraint + ")";
    }
    if (n != o.n) {
      return "number of parameters (" + n + " vs " + o.n + ")";
    }
    if (scalar != o.scalar) {
      return "scalar-ness";
    }
    if (!Arrays.equals(inits, o.inits)) {
      return "inits";
    }
    if (!Arrays.deepEquals(bounds, o.bounds)) {
      return "bounds";
    }
    if (!Arrays.equals(fixed, o.fixed)) {
      return "fixed";
    }
    if (!Arrays.equals(auxdata, o.auxdata)) {
      return "auxdata";
    }
    if (!Arrays.equals(sigmas, o.sigmas)) {
      return "sigmas";
    }
    if (!Arrays.equals(factors, o.factors)) {
      return "factors";
    }
    return null;
  }

  /** n copies of a value. */
  public static double[] fill(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** n copies of a bound pair. */
  public static double[][] fillBounds(int n, double lo, double hi) {
    double[][] b = new double[n][];
    for (int i = 0; i < n; i++) {
      b[i] = new double[] {lo, hi};
    }
    return b;
  }
}
