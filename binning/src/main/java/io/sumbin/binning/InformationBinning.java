package io.sumbin.binning;

import java.util.Arrays;

/**
 * Bin edges of a one-dimensional observable that maximize the Fisher information of the histogram about one
 * parameter: the events are first put into {@code fine} equal-yield bins of the observable, then these are
 * merged into at most {@code bins} contiguous groups so that
 *
 * <pre>
 *   I = Σ_groups [(Σ_{i∈g} ∂w_i)² − Σ_{i∈g} ∂w_i²] / Σ_{i∈g} w_i
 * </pre>
 *
 * is largest — the Monte-Carlo-debiased binned information (the subtracted term removes the noise of the
 * template derivative, so that merging is not driven by a few heavy events). The optimum over all contiguous
 * partitions is found exactly by dynamic programming in O(bins · fine²).
 *
 * <p>Equal-yield bins of a learned observable put the same number of events into every bin whatever its
 * information; a narrow, informative region (e.g. the W and Z peaks of m_jj, as seen through a learned score)
 * can then share a bin with uninformative events. Choose the edges on <em>training</em> events (reference
 * weights and derivatives known from the simulation) and apply them to the analysis events.
 */
public final class InformationBinning {
  private InformationBinning() {}

  /** Fine equal-yield bins by default. */
  public static final int DEFAULT_FINE = 50;

  /**
   * @param x observable values of the reference events (read; NaN ignored)
   * @param w their weights at the point (read)
   * @param dw their weight derivatives along the parameter at the point (read)
   * @param bins maximal number of bins (≥ 1)
   * @param fine number of fine equal-yield bins merged (≥ bins)
   * @return strictly increasing edges (at most bins + 1), outer edges min x and max x
   */
  public static double[] edges(double[] x, double[] w, double[] dw, int bins, int fine) {
    if (x.length != w.length || x.length != dw.length) {
      throw new IllegalArgumentException("information binning: " + x.length + " values, " + w.length + " weights, " + dw.length
          + " derivatives");
    }
    if (bins < 1 || fine < bins) {
      throw new IllegalArgumentException("information binning needs 1 <= bins <= fine, got " + bins + " and " + fine);
    }
    double[] wq = w.clone();
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || !(w[i] > 0)) {
        wq[i] = 0;
      }
    }
    double[] fe = BinningStrategy.quantile(fine).edges(x, wq);
    int k = fe.length - 1;
    if (k <= bins) {
      return fe;
    }
    double[] sw = new double[k];
    double[] sd = new double[k];
    double[] sq = new double[k];
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        continue;
      }
      int b = Histogram.binIndex(fe, x[i]);
      if (b == Integer.MIN_VALUE) {
        continue;
      }
      b = Math.max(0, Math.min(k - 1, b));
      sw[b] += w[i];
      sd[b] += dw[i];
      sq[b] += dw[i] * dw[i];
    }
    // best[j][e]: the best information of the first e fine bins in j groups; from[j][e]: where the last group starts
    double[][] best = new double[bins + 1][k + 1];
    int[][] from = new int[bins + 1][k + 1];
    for (double[] r : best) {
      Arrays.fill(r, Double.NEGATIVE_INFINITY);
    }
    best[0][0] = 0;
    for (int j = 1; j <= bins; j++) {
      for (int e = j; e <= k; e++) {
        double a = 0;
        double d = 0;
        double q = 0;
        for (int s = e - 1; s >= j - 1; s--) {
          a += sw[s];
          d += sd[s];
          q += sq[s];
          double prev = best[j - 1][s];
          if (prev == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double v = prev + (a > 0 ? (d * d - q) / a : 0);
          if (v > best[j][e]) {
            best[j][e] = v;
            from[j][e] = s;
          }
        }
      }
    }
    int groups = bins;
    for (int j = 1; j < bins; j++) { // fewer groups only if strictly better (never, with non-negative gains, but safe)
      if (best[j][k] > best[groups][k]) {
        groups = j;
      }
    }
    double[] out = new double[groups + 1];
    int e = k;
    for (int j = groups; j >= 1; j--) {
      out[j] = fe[e];
      e = from[j][e];
    }
    out[0] = fe[0];
    return out;
  }
}
