package io.sumbin.binning;

import java.util.Arrays;

/** Implementations behind {@link BinningStrategy}. */
final class BinningAlgorithms {
  private BinningAlgorithms() {}

  static void requirePositive(int nbins) {
    if (nbins < 1) {
      throw new IllegalArgumentException("number of bins must be >= 1, got " + nbins);
    }
  }

  static double[] uniformEdges(int nbins, double lo, double hi) {
    requirePositive(nbins);
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
      throw new IllegalArgumentException("uniform binning needs finite lo < hi, got [" + lo + ", " + hi + "]");
    }
    double[] e = new double[nbins + 1];
    for (int k = 0; k <= nbins; k++) {
      e[k] = lo + (hi - lo) * k / nbins;
    }
    e[nbins] = hi;
    return e;
  }

  /** [min, max] of the finite values; throws if fewer than two distinct finite values. */
  static double[] finiteRange(double[] x) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > lo)) {
      throw new IllegalArgumentException("cannot take the binning range from the data: "
          + (lo > hi ? "no finite values" : "all finite values equal " + lo));
    }
    return new double[] {lo, hi};
  }

  static double[] quantileEdges(int nbins, double lo, double hi, double[] x, double[] w) {
    if (w != null && w.length != x.length) {
      throw new IllegalArgumentException("quantile binning: " + x.length + " values but " + w.length + " weights");
    }
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      double[] r = finiteRange(x);
      lo = Double.isNaN(lo) ? r[0] : lo;
      hi = Double.isNaN(hi) ? r[1] : hi;
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
      throw new IllegalArgumentException("quantile binning needs finite lo < hi, got [" + lo + ", " + hi + "]");
    }
    int[] idx = new int[x.length];
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] >= lo && x[i] <= hi) {
        idx[n++] = i;
      }
    }
    idx = Arrays.copyOf(idx, n);
    int[] order = Sorting.argsort(x, idx);
    double total = 0;
    for (int i : order) {
      total += w == null ? 1.0 : w[i];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("quantile binning: the reference yield in [" + lo + ", " + hi + "] is " + total
          + " (" + n + " events); equal-yield bins need a positive total");
    }
    double[] edges = new double[nbins + 1];
    int m = 0;
    edges[m++] = lo;
    int k = 1;
    double c = 0;
    for (int j = 0; j < n - 1 && k < nbins; j++) {
      c += w == null ? 1.0 : w[order[j]];
      double xj = x[order[j]];
      double xn = x[order[j + 1]];
      if (xn == xj) {
        continue;
      }
      if (c >= total * k / nbins) {
        double cut = xj + 0.5 * (xn - xj);
        if (cut > edges[m - 1] && cut < hi) {
          edges[m++] = cut;
        }
        while (k < nbins && c >= total * k / nbins) {
          k++;
        }
      }
    }
    edges[m++] = hi;
    return Arrays.copyOf(edges, m);
  }

  /** Merged edges (a subset of {@code edges}) under the minimum-MC-stat rule of {@link BinningStrategy#minimumMcStat}. */
  static double[] mergeForMcStat(double[] edges, double[] sumw, double[] sumw2, double maxRelError) {
    if (!(maxRelError > 0)) {
      throw new IllegalArgumentException("maximum relative error must be > 0, got " + maxRelError);
    }
    int nb = sumw.length;
    double[] s = sumw.clone();
    double[] q = sumw2.clone();
    double[] e = edges.clone(); // e[b] is the lower edge of current bin b; e[nb] the upper edge
    while (true) {
      int worst = -1;
      double bad = -1;
      for (int b = 0; b < nb; b++) {
        double r = badness(s[b], q[b]);
        if (r > maxRelError && r > bad) {
          bad = r;
          worst = b;
        }
      }
      if (worst < 0) {
        return Arrays.copyOf(e, nb + 1);
      }
      if (nb == 1) {
        throw new IllegalArgumentException("minimum-MC-stat binning impossible: one bin over [" + e[0] + ", " + e[1]
            + "] has sum of weights " + s[0] + " and relative error " + Histogram.relativeError(s[0], q[0])
            + " > " + maxRelError);
      }
      int other;
      if (worst == 0) {
        other = 1;
      } else if (worst == nb - 1) {
        other = nb - 2;
      } else {
        other = badness(s[worst + 1], q[worst + 1]) > badness(s[worst - 1], q[worst - 1]) ? worst + 1 : worst - 1;
      }
      int left = Math.min(worst, other);
      s[left] += s[left + 1];
      q[left] += q[left + 1];
      System.arraycopy(s, left + 2, s, left + 1, nb - left - 2);
      System.arraycopy(q, left + 2, q, left + 1, nb - left - 2);
      System.arraycopy(e, left + 2, e, left + 1, nb - left - 1);
      nb--;
    }
  }

  /** √Q/S, +∞ when S ≤ 0 (an empty bin fails too). */
  static double badness(double s, double q) {
    return s > 0 ? Math.sqrt(q) / s : Double.POSITIVE_INFINITY;
  }
}
