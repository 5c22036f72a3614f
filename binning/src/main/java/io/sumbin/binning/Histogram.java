package io.sumbin.binning;

import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable weighted 1-D histogram: per bin b the sum of weights S_b = Σ_{i∈b} w_i and the sum
 * of squared weights Q_b = Σ_{i∈b} w_i², whose square root is the MC statistical uncertainty of S_b.
 *
 * <p>Bins are [e_b, e_{b+1}) with the last bin closed, [e_{n−1}, e_n] (numpy's convention). What
 * happens outside the edges is set by {@link OverflowPolicy} (default {@link OverflowPolicy#FOLD}:
 * underflow joins the first bin, overflow the last). Under- and overflow amounts and NaN values are
 * always recorded separately as well ({@link #underflow()}, {@link #overflow()}, {@link #nan()}).
 *
 * <p>{@link #toSample} turns a histogram into a HistFactory sample with a {@code staterror}
 * modifier whose data are δ_b = √Q_b, the pyhf convention (Barlow–Beeston lite; the constraint
 * width per bin is σ_b = √(Σ_samples δ_b²) / Σ_samples S_b; Conway, arXiv:1103.0354).
 */
public final class Histogram {
  private final double[] edges;
  private final double[] sumw;
  private final double[] sumw2;
  private final BinContent underflow;
  private final BinContent overflow;
  private final BinContent nan;
  private final OverflowPolicy policy;

  private Histogram(double[] edges, double[] sumw, double[] sumw2, BinContent underflow, BinContent overflow,
      BinContent nan, OverflowPolicy policy) {
    this.edges = edges;
    this.sumw = sumw;
    this.sumw2 = sumw2;
    this.underflow = underflow;
    this.overflow = overflow;
    this.nan = nan;
    this.policy = policy;
  }

  /** Fills with the default policy ({@link OverflowPolicy#FOLD}). See {@link #fill(double[], double[], double[], OverflowPolicy)}. */
  public static Histogram fill(double[] edges, double[] x, double[] w) {
    return fill(edges, x, w, OverflowPolicy.DEFAULT);
  }

  /**
   * Fills a histogram.
   *
   * @param edges n+1 strictly increasing finite bin edges (read; copied)
   * @param x one value per event (read)
   * @param w one weight per event (read), or {@code null} for unit weights
   * @throws IllegalArgumentException on bad edges, mismatched lengths, non-finite weights, or (policy
   *     {@link OverflowPolicy#REJECT}) a value outside the edges
   */
  public static Histogram fill(double[] edges, double[] x, double[] w, OverflowPolicy policy) {
    checkEdges(edges);
    if (w != null && w.length != x.length) {
      throw new IllegalArgumentException("histogram fill: " + x.length + " values but " + w.length + " weights");
    }
    int n = edges.length - 1;
    double[] s = new double[n];
    double[] q = new double[n];
    double us = 0, uq = 0, os = 0, oq = 0, ns = 0, nq = 0;
    for (int i = 0; i < x.length; i++) {
      double wi = w == null ? 1.0 : w[i];
      if (!Double.isFinite(wi)) {
        throw new IllegalArgumentException("histogram fill: weight[" + i + "] = " + wi + " is not finite");
      }
      double xi = x[i];
      int b = binIndex(edges, xi);
      if (b >= 0 && b < n) {
        s[b] += wi;
        q[b] += wi * wi;
        continue;
      }
      if (policy == OverflowPolicy.REJECT) {
        throw new IllegalArgumentException("histogram fill: value[" + i + "] = " + xi + " is outside the edges ["
            + edges[0] + ", " + edges[n] + "] (policy REJECT)");
      }
      if (b == Integer.MIN_VALUE) {
        ns += wi;
        nq += wi * wi;
      } else if (b < 0) {
        us += wi;
        uq += wi * wi;
      } else {
        os += wi;
        oq += wi * wi;
      }
    }
    if (policy == OverflowPolicy.FOLD) {
      s[0] += us;
      q[0] += uq;
      s[n - 1] += os;
      q[n - 1] += oq;
    }
    return new Histogram(edges.clone(), s, q, new BinContent(us, uq), new BinContent(os, oq), new BinContent(ns, nq), policy);
  }

  /** Fills column {@code column} of a table with the table's weights. */
  public static Histogram fill(double[] edges, EventTable table, String column, OverflowPolicy policy) {
    return fill(edges, table.doubles(column), table.weights(), policy);
  }

  /** Fills column {@code column} of a table with the table's weights and the default policy. */
  public static Histogram fill(double[] edges, EventTable table, String column) {
    return fill(edges, table, column, OverflowPolicy.DEFAULT);
  }

  /**
   * One histogram per process label of the table (in the table's process order), each filled with
   * its own events' values of {@code column} and weights.
   */
  public static java.util.Map<String, Histogram> fillByProcess(double[] edges, EventTable table, String column,
      OverflowPolicy policy) {
    java.util.Map<String, Histogram> m = new java.util.LinkedHashMap<>();
    for (String p : table.processes()) {
      m.put(p, fill(edges, table.selectProcesses(p), column, policy));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * A histogram from given contents (no under/overflow recorded, policy {@link OverflowPolicy#FOLD}).
   *
   * @param sumw Σw per bin (read); {@code sumw2} Σw² per bin (read, ≥ 0)
   */
  public static Histogram ofContents(double[] edges, double[] sumw, double[] sumw2) {
    checkEdges(edges);
    int n = edges.length - 1;
    if (sumw.length != n || sumw2.length != n) {
      throw new IllegalArgumentException("histogram has " + n + " bins but sumw has " + sumw.length + " and sumw2 "
          + sumw2.length + " entries");
    }
    for (int b = 0; b < n; b++) {
      if (!Double.isFinite(sumw[b]) || !(sumw2[b] >= 0) || Double.isInfinite(sumw2[b])) {
        throw new IllegalArgumentException("bin " + b + ": sumw = " + sumw[b] + ", sumw2 = " + sumw2[b]
            + " (need finite sumw and finite sumw2 >= 0)");
      }
    }
    return new Histogram(edges.clone(), sumw.clone(), sumw2.clone(), BinContent.ZERO, BinContent.ZERO, BinContent.ZERO,
        OverflowPolicy.FOLD);
  }

  /**
   * Index of the bin containing {@code x}: 0..n−1 inside, −1 below e_0, n above e_n (x = e_n is in
   * bin n−1), {@link Integer#MIN_VALUE} for NaN. Binary search, O(log n).
   *
   * @param edges strictly increasing edges (read; not checked here)
   */
  public static int binIndex(double[] edges, double x) {
    int n = edges.length - 1;
    if (x != x) {
      return Integer.MIN_VALUE;
    }
    if (x < edges[0]) {
      return -1;
    }
    if (x >= edges[n]) {
      return x == edges[n] ? n - 1 : n;
    }
    int lo = 0, hi = n; // edges[lo] <= x < edges[hi]
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (x >= edges[mid]) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The bin of every value as {@link #fill} with {@link OverflowPolicy#FOLD} assigns it: values outside the
   * edges in the edge bins, −1 for NaN (in no bin).
   *
   * @param edges strictly increasing edges (read; not checked here)
   * @param values the values (read)
   * @return a new array of bin indices
   */
  public static int[] foldedBins(double[] edges, double[] values) {
    int n = edges.length - 1;
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      int b = binIndex(edges, values[i]);
      out[i] = b == Integer.MIN_VALUE ? -1 : Math.max(0, Math.min(n - 1, b));
    }
    return out;
  }

  /** Number of bins. */
  public int nbins() {
    return sumw.length;
  }

  /** A copy of the n+1 edges. */
  public double[] edges() {
    return edges.clone();
  }

  /** Edge {@code k} (0..n). */
  public double edge(int k) {
    return edges[k];
  }

  /** Σw of bin {@code b}. */
  public double sumw(int b) {
    return sumw[b];
  }

  /** Σw² of bin {@code b}. */
  public double sumw2(int b) {
    return sumw2[b];
  }

  /** A copy of Σw per bin. */
  public double[] sumw() {
    return sumw.clone();
  }

  /** A copy of Σw² per bin. */
  public double[] sumw2() {
    return sumw2.clone();
  }

  /** Content of bin {@code b}. */
  public BinContent bin(int b) {
    return new BinContent(sumw[b], sumw2[b]);
  }

  /** √Σw² per bin (new array). */
  public double[] errors() {
    double[] e = new double[sumw2.length];
    for (int b = 0; b < e.length; b++) {
      e[b] = Math.sqrt(sumw2[b]);
    }
    return e;
  }

  /** √Q_b / S_b per bin (+∞ when S_b ≤ 0 and Q_b > 0, NaN for an empty bin). */
  public double[] relativeErrors() {
    double[] e = new double[sumw.length];
    for (int b = 0; b < e.length; b++) {
      e[b] = relativeError(sumw[b], sumw2[b]);
    }
    return e;
  }

  static double relativeError(double s, double q) {
    if (s > 0) {
      return Math.sqrt(q) / s;
    }
    return s == 0 && q == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
  }

  /** Σ_b S_b (includes folded flow under FOLD). */
  public double total() {
    double t = 0;
    for (double v : sumw) {
      t += v;
    }
    return t;
  }

  /** Σ_b Q_b. */
  public double totalSumw2() {
    double t = 0;
    for (double v : sumw2) {
      t += v;
    }
    return t;
  }

  /** Everything below e_0 (under FOLD it is also inside bin 0). */
  public BinContent underflow() {
    return underflow;
  }

  /** Everything above e_n (under FOLD it is also inside the last bin). */
  public BinContent overflow() {
    return overflow;
  }

  /** Events whose value was NaN (never in a bin). */
  public BinContent nan() {
    return nan;
  }

  /** The policy used when filling. */
  public OverflowPolicy policy() {
    return policy;
  }

  /**
   * Bin-by-bin sum (S and Q add; flows add). Edges must be identical.
   *
   * @throws IllegalArgumentException if the edges or policies differ
   */
  public Histogram plus(Histogram o) {
    if (!Arrays.equals(edges, o.edges)) {
      throw new IllegalArgumentException("cannot add histograms with different edges: " + Arrays.toString(edges)
          + " vs " + Arrays.toString(o.edges));
    }
    if (policy != o.policy) {
      throw new IllegalArgumentException("cannot add histograms filled with different overflow policies: " + policy
          + " vs " + o.policy);
    }
    double[] s = new double[sumw.length];
    double[] q = new double[sumw.length];
    for (int b = 0; b < s.length; b++) {
      s[b] = sumw[b] + o.sumw[b];
      q[b] = sumw2[b] + o.sumw2[b];
    }
    return new Histogram(edges, s, q, underflow.plus(o.underflow), overflow.plus(o.overflow), nan.plus(o.nan), policy);
  }

  /** All weights multiplied by {@code f}: S → f S, Q → f² Q (e.g. f = integrated luminosity). */
  public Histogram scaled(double f) {
    if (!Double.isFinite(f)) {
      throw new IllegalArgumentException("scale factor must be finite, got " + f);
    }
    double[] s = new double[sumw.length];
    double[] q = new double[sumw.length];
    for (int b = 0; b < s.length; b++) {
      s[b] = f * sumw[b];
      q[b] = f * f * sumw2[b];
    }
    return new Histogram(edges, s, q, scale(underflow, f), scale(overflow, f), scale(nan, f), policy);
  }

  private static BinContent scale(BinContent c, double f) {
    return new BinContent(f * c.sumw(), f * f * c.sumw2());
  }

  /**
   * Merges bins onto coarser edges, each of which must be one of this histogram's edges, with the
   * same first and last edge.
   *
   * @param newEdges a strictly increasing subset of {@link #edges()} (read)
   */
  public Histogram rebinned(double[] newEdges) {
    checkEdges(newEdges);
    if (newEdges[0] != edges[0] || newEdges[newEdges.length - 1] != edges[edges.length - 1]) {
      throw new IllegalArgumentException("rebinned: new edges must start at " + edges[0] + " and end at "
          + edges[edges.length - 1] + ", got [" + newEdges[0] + ", " + newEdges[newEdges.length - 1] + "]");
    }
    int m = newEdges.length - 1;
    double[] s = new double[m];
    double[] q = new double[m];
    int k = 0;
    for (int b = 0; b < sumw.length; b++) {
      if (edges[b] == newEdges[k + 1]) {
        k++;
      } else if (edges[b] > newEdges[k + 1]) {
        throw new IllegalArgumentException("rebinned: new edge " + newEdges[k + 1] + " is not one of the histogram's edges");
      }
      s[k] += sumw[b];
      q[k] += sumw2[b];
    }
    if (k != m - 1) {
      throw new IllegalArgumentException("rebinned: new edge " + newEdges[k + 1] + " is not one of the histogram's edges");
    }
    return new Histogram(newEdges.clone(), s, q, underflow, overflow, nan, policy);
  }

  /**
   * This histogram with adjacent bins merged until every bin has S_b &gt; 0 and √Q_b / S_b ≤
   * {@code maxRelError}; see {@link BinningStrategy#minimumMcStat} for the merging rule.
   */
  public Histogram mergedForMcStat(double maxRelError) {
    return rebinned(BinningAlgorithms.mergeForMcStat(edges, sumw, sumw2, maxRelError));
  }

  /**
   * A HistFactory sample with nominal data S_b and a {@code staterror} modifier named
   * {@code staterrorName} with data δ_b = √Q_b, followed by {@code extra} modifiers. Use the same
   * staterror name for all samples of a channel (pyhf's convention is {@code staterror_<channel>}).
   * Pass {@code staterrorName = null} for a sample without MC statistical uncertainty.
   */
  public SampleSpec toSample(String name, String staterrorName, ModifierSpec... extra) {
    List<ModifierSpec> mods = new ArrayList<>();
    if (staterrorName != null) {
      mods.add(new ModifierSpec.StatError(staterrorName, errors()));
    }
    mods.addAll(Arrays.asList(extra));
    return new SampleSpec(name, sumw, mods);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h && Arrays.equals(h.edges, edges) && Arrays.equals(h.sumw, sumw)
        && Arrays.equals(h.sumw2, sumw2) && h.underflow.equals(underflow) && h.overflow.equals(overflow)
        && h.nan.equals(nan) && h.policy == policy;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(edges) * 31 + Arrays.hashCode(sumw);
  }

  @Override
  public String toString() {
    return "Histogram[edges=" + Arrays.toString(edges) + ", sumw=" + Arrays.toString(sumw) + ", sumw2="
        + Arrays.toString(sumw2) + ", under=" + underflow + ", over=" + overflow + ", nan=" + nan + ", " + policy + "]";
  }

  /** @throws IllegalArgumentException unless at least two finite, strictly increasing edges */
  static void checkEdges(double[] edges) {
    if (edges.length < 2) {
      throw new IllegalArgumentException("a histogram needs at least 2 edges, got " + edges.length);
    }
    for (int k = 0; k < edges.length; k++) {
      if (!Double.isFinite(edges[k])) {
        throw new IllegalArgumentException("edges[" + k + "] = " + edges[k] + " is not finite");
      }
      if (k > 0 && !(edges[k] > edges[k - 1])) {
        throw new IllegalArgumentException("edges must be strictly increasing: edges[" + (k - 1) + "] = " + edges[k - 1]
            + ", edges[" + k + "] = " + edges[k]);
      }
    }
  }
}
