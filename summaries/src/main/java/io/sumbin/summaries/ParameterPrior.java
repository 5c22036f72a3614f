package io.sumbin.summaries;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The proposal distribution of parameter points θ used to train parametrized estimators
 * (arXiv:1805.00020, Sec. 3): either uniform in a box [lo_a, hi_a] or uniform over a finite list of
 * points (e.g. the reweighting points of a sample). Sampling is seeded by the caller's generator.
 * Immutable.
 */
public final class ParameterPrior {
  private final List<String> names;
  private final double[] lower;
  private final double[] upper;
  private final double[][] points;

  private ParameterPrior(List<String> names, double[] lower, double[] upper, double[][] points) {
    this.names = List.copyOf(names);
    this.lower = lower;
    this.upper = upper;
    this.points = points;
  }

  /**
   * Uniform in a box.
   *
   * @param lower lower edges (read; copied)
   * @param upper upper edges (read; copied), each > the lower edge
   */
  public static ParameterPrior uniform(List<String> names, double[] lower, double[] upper) {
    if (lower.length != names.size() || upper.length != names.size()) {
      throw new IllegalArgumentException("prior box: " + names.size() + " parameters " + names + " but "
          + lower.length + " lower and " + upper.length + " upper edges");
    }
    for (int a = 0; a < lower.length; a++) {
      if (!(lower[a] < upper[a]) || !Double.isFinite(lower[a]) || !Double.isFinite(upper[a])) {
        throw new IllegalArgumentException("prior box for '" + names.get(a) + "': need finite lower < upper, got ["
            + lower[a] + ", " + upper[a] + "]");
      }
    }
    return new ParameterPrior(names, lower.clone(), upper.clone(), null);
  }

  /** Uniform over the listed points (each with one value per name; read, copied). */
  public static ParameterPrior points(List<String> names, double[][] points) {
    if (points.length == 0) {
      throw new IllegalArgumentException("a point prior needs at least one point");
    }
    double[][] p = new double[points.length][];
    for (int k = 0; k < points.length; k++) {
      if (points[k].length != names.size()) {
        throw new IllegalArgumentException("prior point " + k + " has " + points[k].length + " values, expected "
            + names.size() + " " + names);
      }
      p[k] = points[k].clone();
    }
    return new ParameterPrior(names, null, null, p);
  }

  /** Parameter names. */
  public List<String> names() {
    return names;
  }

  /** Number of parameters. */
  public int dimension() {
    return names.size();
  }

  /** True for a uniform box. */
  public boolean isBox() {
    return points == null;
  }

  /** Lower box edges (a copy; null for a point prior). */
  public double[] lower() {
    return lower == null ? null : lower.clone();
  }

  /** Upper box edges (a copy; null for a point prior). */
  public double[] upper() {
    return upper == null ? null : upper.clone();
  }

  /** Prior points (a deep copy; null for a box). */
  public double[][] pointList() {
    if (points == null) {
      return null;
    }
    double[][] out = new double[points.length][];
    for (int k = 0; k < out.length; k++) {
      out[k] = points[k].clone();
    }
    return out;
  }

  /** Draws one θ into {@code out} (written). */
  public void sample(SplittableRandom rng, double[] out) {
    if (points != null) {
      double[] p = points[rng.nextInt(points.length)];
      System.arraycopy(p, 0, out, 0, p.length);
    } else {
      for (int a = 0; a < lower.length; a++) {
        out[a] = lower[a] + (upper[a] - lower[a]) * rng.nextDouble();
      }
    }
  }

  /** Mean of θ under the prior (for input standardization). */
  public double[] mean() {
    double[] m = new double[dimension()];
    if (points == null) {
      for (int a = 0; a < m.length; a++) {
        m[a] = 0.5 * (lower[a] + upper[a]);
      }
    } else {
      for (double[] p : points) {
        for (int a = 0; a < m.length; a++) {
          m[a] += p[a] / points.length;
        }
      }
    }
    return m;
  }

  /** Standard deviation of θ under the prior (1 where it vanishes). */
  public double[] std() {
    double[] s = new double[dimension()];
    if (points == null) {
      for (int a = 0; a < s.length; a++) {
        s[a] = (upper[a] - lower[a]) / Math.sqrt(12);
      }
    } else {
      double[] m = mean();
      for (double[] p : points) {
        for (int a = 0; a < s.length; a++) {
          s[a] += (p[a] - m[a]) * (p[a] - m[a]) / points.length;
        }
      }
      for (int a = 0; a < s.length; a++) {
        s[a] = s[a] > 0 ? Math.sqrt(s[a]) : 1;
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return points == null ? "uniform prior on " + names + " in " + Arrays.toString(lower) + " .. " + Arrays.toString(upper)
        : "prior over " + points.length + " points of " + names;
  }
}
