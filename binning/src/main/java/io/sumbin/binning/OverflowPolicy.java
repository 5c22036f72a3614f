package io.sumbin.binning;

/**
 * What a {@link Histogram} does with values outside [e_0, e_n] (the bins are [e_k, e_{k+1}), the
 * last one closed: [e_{n−1}, e_n], as numpy and hist do). −∞ counts as underflow, +∞ as overflow.
 * NaN values never enter a bin: under {@link #FOLD} and {@link #DROP} they are only counted in
 * {@link Histogram#nan()}, under {@link #REJECT} they throw.
 *
 * <p>In every policy the amounts below and above the range are recorded in
 * {@link Histogram#underflow()} and {@link Histogram#overflow()}, so a histogram always accounts
 * for Σ_i w_i = Σ_bins + (DROP: underflow + overflow) + nan.
 */
public enum OverflowPolicy {
  /**
   * Default: underflow is added to the first bin and overflow to the last, so the bins hold the
   * whole cross section of the finite values (what a fit to the full sample needs).
   */
  FOLD,
  /** Values outside the range are left out of the bins (a fiducial cut at the outer edges). */
  DROP,
  /** A value outside the range (or NaN) is a usage error: {@link IllegalArgumentException}. */
  REJECT;

  /** The default policy, {@link #FOLD}. */
  public static final OverflowPolicy DEFAULT = FOLD;
}
