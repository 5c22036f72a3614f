package io.sumbin.binning;

import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.Arrays;
import java.util.List;

/**
 * A summed vector summary: for per-event summaries s(x_i) ∈ ℝ^d (event2vec vectors, softmax
 * outputs, ...) and weights w_i,
 *
 * <pre>
 *   S = Σ_i w_i s(x_i),      C = Σ_i w_i² s(x_i) s(x_i)ᵀ,
 * </pre>
 *
 * where C is the covariance of S from the finite MC sample (each event an independent Poisson
 * draw of weight w_i). With one-hot summaries this is exactly a {@link Histogram} (C diagonal with
 * Σw² per bin); with softmax summaries it is a soft-binned histogram whose bins are correlated
 * through C. This is how event2vec vector summaries are turned into expected counts (DESIGN.md §4).
 */
public final class SummedSummary {
  private final int d;
  private final double[] sum;
  private final double[] cov;

  private SummedSummary(int d, double[] sum, double[] cov) {
    this.d = d;
    this.sum = sum;
    this.cov = cov;
  }

  /**
   * Sums per-event summaries.
   *
   * @param s n×d summaries, row-major (event i, component k at s[i·d + k]) (read)
   * @param d dimension ≥ 1
   * @param w n weights (read), or {@code null} for unit weights
   */
  public static SummedSummary of(double[] s, int d, double[] w) {
    double[] sum = new double[d];
    double[] cov = new double[d * d];
    accumulate(s, d, w, sum, cov);
    return new SummedSummary(d, sum, cov);
  }

  /** Sums the columns {@code columns} of a table (in that order) with the table's weights. */
  public static SummedSummary of(EventTable table, List<String> columns) {
    int d = columns.size();
    if (d == 0) {
      throw new IllegalArgumentException("a summed summary needs at least one column");
    }
    Column[] c = new Column[d];
    for (int k = 0; k < d; k++) {
      c[k] = table.column(columns.get(k));
    }
    int n = table.size();
    double[] sum = new double[d];
    double[] cov = new double[d * d];
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      double wi = table.weight(i);
      for (int k = 0; k < d; k++) {
        row[k] = c[k].get(i);
      }
      add(row, 0, d, wi, sum, cov);
    }
    return new SummedSummary(d, sum, cov);
  }

  /**
   * Hot path: <em>adds</em> Σ_i w_i s_i to {@code sumOut} and Σ_i w_i² s_i s_iᵀ to {@code covOut}.
   *
   * @param s n×d row-major summaries (read); {@code w} n weights or null (read)
   * @param sumOut length d (read and written); {@code covOut} d×d row-major (read and written)
   */
  public static void accumulate(double[] s, int d, double[] w, double[] sumOut, double[] covOut) {
    if (d < 1) {
      throw new IllegalArgumentException("summary dimension must be >= 1, got " + d);
    }
    if (s.length % d != 0) {
      throw new IllegalArgumentException("summary array has " + s.length + " values, not a multiple of d = " + d);
    }
    int n = s.length / d;
    if (w != null && w.length != n) {
      throw new IllegalArgumentException("summaries for " + n + " events (d = " + d + ") but " + w.length + " weights");
    }
    if (sumOut.length < d || covOut.length < d * d) {
      throw new IllegalArgumentException("output arrays too short: sum " + sumOut.length + " (need " + d + "), covariance "
          + covOut.length + " (need " + d * d + ")");
    }
    for (int i = 0; i < n; i++) {
      add(s, i * d, d, w == null ? 1.0 : w[i], sumOut, covOut);
    }
  }

  private static void add(double[] s, int off, int d, double wi, double[] sum, double[] cov) {
    double w2 = wi * wi;
    for (int j = 0; j < d; j++) {
      double sj = s[off + j];
      sum[j] += wi * sj;
      double a = w2 * sj;
      int r = j * d;
      for (int k = 0; k < d; k++) {
        cov[r + k] += a * s[off + k];
      }
    }
  }

  /** Dimension d. */
  public int dimension() {
    return d;
  }

  /** A copy of S. */
  public double[] sum() {
    return sum.clone();
  }

  /** S_k. */
  public double sum(int k) {
    return sum[k];
  }

  /** A copy of C, row-major d×d. */
  public double[] covariance() {
    return cov.clone();
  }

  /** C_jk. */
  public double covariance(int j, int k) {
    return cov[j * d + k];
  }

  /** √C_kk per component. */
  public double[] errors() {
    double[] e = new double[d];
    for (int k = 0; k < d; k++) {
      e[k] = Math.sqrt(cov[k * d + k]);
    }
    return e;
  }

  /** Sum of two independent samples' summaries (S and C add). */
  public SummedSummary plus(SummedSummary o) {
    if (o.d != d) {
      throw new IllegalArgumentException("cannot add summed summaries of dimension " + d + " and " + o.d);
    }
    double[] s = sum.clone();
    double[] c = cov.clone();
    for (int k = 0; k < d; k++) {
      s[k] += o.sum[k];
    }
    for (int k = 0; k < d * d; k++) {
      c[k] += o.cov[k];
    }
    return new SummedSummary(d, s, c);
  }

  /** Weights scaled by f: S → fS, C → f²C. */
  public SummedSummary scaled(double f) {
    double[] s = sum.clone();
    double[] c = cov.clone();
    for (int k = 0; k < d; k++) {
      s[k] *= f;
    }
    for (int k = 0; k < d * d; k++) {
      c[k] *= f * f;
    }
    return new SummedSummary(d, s, c);
  }

  /**
   * The summary as a histogram with bins [k, k+1), k = 0..d−1, Σw = S_k and Σw² = C_kk. The
   * off-diagonal covariance is dropped (HistFactory's staterror is per bin).
   *
   * @throws IllegalArgumentException if some C_kk is negative (impossible for real summaries)
   */
  public Histogram asHistogram() {
    double[] e = new double[d + 1];
    double[] q = new double[d];
    for (int k = 0; k <= d; k++) {
      e[k] = k;
    }
    for (int k = 0; k < d; k++) {
      q[k] = cov[k * d + k];
    }
    return Histogram.ofContents(e, sum, q);
  }

  /** {@link #asHistogram()} as a model sample with a {@code staterror} from √C_kk (see {@link Histogram#toSample}). */
  public SampleSpec toSample(String name, String staterrorName, ModifierSpec... extra) {
    return asHistogram().toSample(name, staterrorName, extra);
  }

  @Override
  public String toString() {
    return "SummedSummary[d=" + d + ", sum=" + Arrays.toString(sum) + "]";
  }
}
