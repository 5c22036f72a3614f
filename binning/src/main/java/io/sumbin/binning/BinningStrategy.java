package io.sumbin.binning;

/**
 * A rule that chooses bin edges from reference values x_i with weights w_i (the "reference
 * sample", e.g. the signal at the hypothesis under test). Strategies are stateless and
 * deterministic: the same input gives the same edges.
 *
 * <ul>
 *   <li>{@link #fixed}: given edges;
 *   <li>{@link #uniform}: n equal-width bins;
 *   <li>{@link #quantile}: n bins of equal reference yield Σ_{i∈b} w_i ≈ W/n, W = Σ_i w_i;
 *   <li>{@link #minimumMcStat}: start from a fine binning and merge adjacent bins until every bin
 *       has Σw &gt; 0 and √Σw² / Σw ≤ ε.
 * </ul>
 *
 * NaN values are ignored by every strategy; ±∞ are ignored when the range is taken from the data.
 */
@FunctionalInterface
public interface BinningStrategy {

  /**
   * Edges for the reference sample.
   *
   * @param x reference values (read)
   * @param w reference weights (read; same length), or {@code null} for unit weights
   * @return n+1 strictly increasing finite edges (a new array)
   */
  double[] edges(double[] x, double[] w);

  /** The same edges whatever the input. */
  static BinningStrategy fixed(double... edges) {
    Histogram.checkEdges(edges);
    double[] e = edges.clone();
    return (x, w) -> e.clone();
  }

  /** {@code nbins} equal-width bins on [lo, hi]: e_k = lo + k (hi − lo)/n (e_n = hi exactly). */
  static BinningStrategy uniform(int nbins, double lo, double hi) {
    double[] e = BinningAlgorithms.uniformEdges(nbins, lo, hi);
    return (x, w) -> e.clone();
  }

  /** {@code nbins} equal-width bins spanning the finite reference values [min x, max x]. */
  static BinningStrategy uniform(int nbins) {
    BinningAlgorithms.requirePositive(nbins);
    return (x, w) -> {
      double[] r = BinningAlgorithms.finiteRange(x);
      return BinningAlgorithms.uniformEdges(nbins, r[0], r[1]);
    };
  }

  /**
   * Up to {@code nbins} bins of equal reference yield over the finite reference values, with outer
   * edges min x and max x. See {@link #quantile(int, double, double)} for the rule.
   */
  static BinningStrategy quantile(int nbins) {
    return quantile(nbins, Double.NaN, Double.NaN);
  }

  /**
   * Up to {@code nbins} bins of equal reference yield on [lo, hi] (NaN bounds: the data range).
   *
   * <p>Rule: sort the reference events in [lo, hi] by x and accumulate C_j = Σ_{i≤j} w_i, W = C_N.
   * For each target t_k = k W / n (k = 1..n−1) the cut is placed at the first position j after the
   * previous cut with C_j ≥ t_k, half-way between x_j and the next distinct value (events with equal
   * x are never split). Targets already passed by one heavy event are skipped, and so are cuts that
   * would fall inside the last group of tied values, so fewer than n bins can be returned.
   *
   * <p>Negative weights: C_j need not increase; taking the <em>first</em> crossing keeps every bin's
   * reference yield above W/n − max_i w_i, so bins are positive whenever no single event carries
   * more than 1/n of the total. W ≤ 0 is refused.
   */
  static BinningStrategy quantile(int nbins, double lo, double hi) {
    BinningAlgorithms.requirePositive(nbins);
    return (x, w) -> BinningAlgorithms.quantileEdges(nbins, lo, hi, x, w);
  }

  /**
   * Minimum-MC-statistics binning: edges from {@code fine}, then adjacent bins are merged until
   * every bin b has S_b = Σ_{i∈b} w_i &gt; 0 and √Q_b / S_b ≤ {@code maxRelError} (Q_b = Σ w_i²).
   *
   * <p>Merging rule (deterministic, no direction bias): while some bin fails, take the worst one
   * (largest √Q/S, with S ≤ 0 counted as +∞; lowest index on ties) and merge it with the worse of
   * its two neighbours (the left one on ties). Under/overflow of the reference sample is folded into
   * the edge bins first ({@link OverflowPolicy#FOLD}), as it will be when filling. If even a single
   * bin fails, {@link IllegalArgumentException}.
   *
   * @param maxRelError ε &gt; 0
   */
  static BinningStrategy minimumMcStat(BinningStrategy fine, double maxRelError) {
    if (!(maxRelError > 0)) {
      throw new IllegalArgumentException("maximum relative error must be > 0, got " + maxRelError);
    }
    return (x, w) -> {
      double[] e = fine.edges(x, w);
      Histogram h = Histogram.fill(e, x, w, OverflowPolicy.FOLD);
      return BinningAlgorithms.mergeForMcStat(e, h.sumw(), h.sumw2(), maxRelError);
    };
  }
}
