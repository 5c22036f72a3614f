package io.sumbin.summaries;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The proposal distribution of parameter points θ used to train parametrized estimators
 * (arXiv:1805.00020, Sec. 3): uniform in a box [lo_a, hi_a], independent normals N(m_a, s_a²) (a prior
 * concentrated where an analysis is sensitive, e.g. the SM plus a few expected standard deviations), or
 * uniform over a finite list of points (e.g. the reweighting points of a sample). Sampling is seeded by the
 * caller's generator. Immutable.
 */
public final class ParameterPrior {
  private final List<String> names;
  private final double[] lower;
  private final double[] upper;
  private final double[][] points;
  private final boolean normal; // then lower = means, upper = widths

  private ParameterPrior(List<String> names, double[] lower, double[] upper, double[][] points) {
    this(names, lower, upper, points, false);
  }

  private ParameterPrior(List<String> names, double[] lower, double[] upper, double[][] points, boolean normal) {
    this.names = List.copyOf(names);
    this.lower = lower;
    this.upper = upper;
    this.points = points;
    this.normal = normal;
  }

  /**
   * Independent normals N(mean_a, width_a²).
   *
   * @param mean centres (read; copied)
   * @param width standard deviations (read; copied), each positive
   */
  public static ParameterPrior normal(List<String> names, double[] mean, double[] width) {
    if (mean.length != names.size() || width.length != names.size()) {
      throw new IllegalArgumentException("normal prior: " + names.size() + " parameters " + names + " but " + mean.length
          + " means and " + width.length + " widths");
    }
    for (int a = 0; a < mean.length; a++) {
      if (!Double.isFinite(mean[a]) || !(width[a] > 0) || !Double.isFinite(width[a])) {
        throw new IllegalArgumentException("normal prior for '" + names.get(a) + "': need a finite mean and a positive finite"
            + " width, got " + mean[a] + ", " + width[a]);
      }
    }
    return new ParameterPrior(names, mean.clone(), width.clone(), null, true);
  }

  /** True for independent normals. */
  public boolean isNormal() {
    return normal;
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
    return points == null && !normal;
  }

  /** True for a continuous prior (box or normal). */
  public boolean isContinuous() {
    return points == null;
  }

  /** Lower box edges (a copy; null for a point prior; for a normal prior, mean − 3 widths). */
  public double[] lower() {
    if (normal) {
      double[] o = new double[lower.length];
      for (int a = 0; a < o.length; a++) {
        o[a] = lower[a] - 3 * upper[a];
      }
      return o;
    }
    return lower == null ? null : lower.clone();
  }

  /** Upper box edges (a copy; null for a point prior; for a normal prior, mean + 3 widths). */
  public double[] upper() {
    if (normal) {
      double[] o = new double[lower.length];
      for (int a = 0; a < o.length; a++) {
        o[a] = lower[a] + 3 * upper[a];
      }
      return o;
    }
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
    } else if (normal) {
      for (int a = 0; a < lower.length; a++) {
        out[a] = lower[a] + upper[a] * rng.nextGaussian();
      }
    } else {
      for (int a = 0; a < lower.length; a++) {
        out[a] = lower[a] + (upper[a] - lower[a]) * rng.nextDouble();
      }
    }
  }

  /** Mean of θ under the prior (for input standardization). */
  public double[] mean() {
    double[] m = new double[dimension()];
    if (normal) {
      return lower.clone();
    }
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
    if (normal) {
      return upper.clone();
    }
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
    if (normal) {
      return "normal prior on " + names + " with means " + Arrays.toString(lower) + " and widths " + Arrays.toString(upper);
    }
    return points == null ? "uniform prior on " + names + " in " + Arrays.toString(lower) + " .. " + Arrays.toString(upper)
        : "prior over " + points.length + " points of " + names;
  }
}
