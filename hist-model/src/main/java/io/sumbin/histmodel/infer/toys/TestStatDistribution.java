package io.sumbin.histmodel.infer.toys;

import java.util.Arrays;
import java.util.List;

/**
 * The distribution of a test statistic under one hypothesis: either an empirical one (equal-weight
 * samples from pseudo-experiments; non-converged toys are excluded and counted) or an exactly
 * enumerated one (outcomes weighted by their probabilities). Immutable.
 *
 * <p>Conventions (pyhf's {@code EmpiricalDistribution} for toys): the p-value of t is
 * P(T ≥ t) (ties count as at least as extreme); percentiles interpolate linearly between order
 * statistics (numpy's {@code percentile(..., method="linear")}). The Neyman critical value at
 * confidence level CL is the smallest value c with P(T ≤ c) ≥ CL, so that the acceptance region
 * {T ≤ c} holds at least CL of the probability (for toys: the ⌈CL·N⌉-th smallest sample).
 */
public final class TestStatDistribution implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Relative slack when comparing cumulative weights with CL·total (absorbs CL·N rounding). */
  static final double CUM_REL_TOL = 1e-12;
  private final double[] values;
  private final double[] cum; // cumulative weights; null for unit weights
  private final double total;
  private final int nFailed;

  private TestStatDistribution(double[] sorted, double[] cum, double total, int nFailed) {
    this.values = sorted;
    this.cum = cum;
    this.total = total;
    this.nFailed = nFailed;
  }

  /**
   * An empirical distribution of equal-weight samples.
   *
   * @param samples the statistic of each usable toy (read; must be finite)
   * @param nFailed toys left out because a fit did not converge
   */
  public static TestStatDistribution ofSamples(double[] samples, int nFailed) {
    double[] v = samples.clone();
    for (double x : v) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException("samples must be finite (leave non-converged toys out and count them), got " + x);
      }
    }
    Arrays.sort(v);
    return new TestStatDistribution(v, null, v.length, nFailed);
  }

  /** The usable statistics of toy results (non-usable ones counted as failed). */
  public static TestStatDistribution ofToys(List<ToyResult> toys) {
    double[] v = new double[toys.size()];
    int k = 0;
    int failed = 0;
    for (ToyResult r : toys) {
      if (r.usable()) {
        v[k++] = r.t();
      } else {
        failed++;
      }
    }
    return ofSamples(Arrays.copyOf(v, k), failed);
  }

  /**
   * An enumerated distribution: outcome i has statistic {@code values[i]} and probability
   * {@code weights[i]} (the weights need not sum to one when the enumeration is truncated; the
   * missing mass is {@code 1 − totalWeight()}).
   */
  public static TestStatDistribution ofWeighted(double[] values, double[] weights) {
    return ofWeighted(values, weights, 0);
  }

  /** As {@link #ofWeighted(double[], double[])} with {@code nFailed} outcomes left out. */
  public static TestStatDistribution ofWeighted(double[] values, double[] weights, int nFailed) {
    if (values.length != weights.length) {
      throw new IllegalArgumentException(values.length + " values but " + weights.length + " weights");
    }
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      if (!Double.isFinite(values[i]) || !(weights[i] >= 0)) {
        throw new IllegalArgumentException("outcome " + i + ": value " + values[i] + ", weight " + weights[i]
            + " (values must be finite, weights non-negative)");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] v = new double[values.length];
    double[] c = new double[values.length];
    double s = 0;
    for (int i = 0; i < order.length; i++) {
      v[i] = values[order[i]];
      s += weights[order[i]];
      c[i] = s;
    }
    return new TestStatDistribution(v, c, s, nFailed);
  }

  /** Number of samples (or enumerated outcomes). */
  public int size() {
    return values.length;
  }

  /** Toys (or enumerated outcomes) left out because their fits did not converge. */
  public int nFailed() {
    return nFailed;
  }

  /** Whether this is an enumerated (weighted) distribution. */
  public boolean weighted() {
    return cum != null;
  }

  /** Total weight: the number of samples, or the enumerated probability. */
  public double totalWeight() {
    return total;
  }

  /** The values in ascending order (copy). */
  public double[] sortedValues() {
    return values.clone();
  }

  /** Cumulative weight of the first {@code k} sorted values. */
  private double cumBefore(int k) {
    if (k <= 0) {
      return 0;
    }
    return cum == null ? k : cum[k - 1];
  }

  /** First index whose value is ≥ t. */
  private int lowerBound(double t) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index whose value is &gt; t. */
  private int upperBound(double t) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** P(T ≥ t) (NaN for an empty distribution). */
  public double pvalue(double t) {
    if (values.length == 0) {
      return Double.NaN;
    }
    return (total - cumBefore(lowerBound(t))) / total;
  }

  /** P(T ≤ t) (NaN for an empty distribution). */
  public double cdf(double t) {
    if (values.length == 0) {
      return Double.NaN;
    }
    return cumBefore(upperBound(t)) / total;
  }

  /**
   * The Neyman critical value: the smallest value c with P(T ≤ c) ≥ cl (NaN for an empty
   * distribution).
   */
  public double criticalValue(double cl) {
    if (!(cl > 0 && cl < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + cl);
    }
    if (values.length == 0) {
      return Double.NaN;
    }
    double target = cl * total * (1 - CUM_REL_TOL);
    for (int lo = 0, hi = values.length - 1;;) {
      // first index k with cumBefore(k + 1) >= target
      if (lo >= hi) {
        return values[lo];
      }
      int mid = (lo + hi) >>> 1;
      if (cumBefore(mid + 1) >= target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
  }

  /**
   * The q-th percentile (q in [0, 100]) with linear interpolation between order statistics (numpy's
   * default); equal-weight samples only.
   */
  public double percentile(double q) {
    if (cum != null) {
      throw new IllegalStateException("percentile is defined for toy samples, not for enumerated distributions");
    }
    return percentileOfSorted(values, q);
  }

  /** numpy's {@code percentile(a, q, method="linear")} of an ascending array (NaN when empty). */
  public static double percentileOfSorted(double[] sorted, double q) {
    if (!(q >= 0 && q <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got " + q);
    }
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    double pos = q / 100 * (n - 1);
    int lo = (int) Math.floor(pos);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double f = pos - lo;
    double a = sorted[lo];
    double b = sorted[lo + 1];
    return f == 0 ? a : a + f * (b - a);
  }
}
