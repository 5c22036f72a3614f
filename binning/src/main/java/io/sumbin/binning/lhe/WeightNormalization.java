package io.sumbin.binning.lhe;

/**
 * How XWGTUP is turned into event-table weights (pb per event, Σ_i w_i = σ).
 *
 * <p>Generators write XWGTUP in one of two conventions: MadGraph's default {@code event_norm =
 * average}, where every event carries the total cross section (mean XWGTUP = σ), or
 * {@code event_norm = sum} (Σ XWGTUP = σ). Converted weights are w_i = XWGTUP_i · N_f / N for
 * SUM and w_i = XWGTUP_i / N for AVERAGE, where N_f is the number of events of file f and N the
 * total over all files read together (independent samples of the same process are combined as
 * one sample). Reweighting weights {@code <wgt>} are converted with the same factor.
 */
public enum WeightNormalization {
  /** AVERAGE or SUM, whichever brings the file's Σ XWGTUP closer to its header cross section Σ XSECUP. */
  AUTO,
  /** Mean XWGTUP = σ (MadGraph's {@code event_norm = average}). */
  AVERAGE,
  /** Σ XWGTUP = σ ({@code event_norm = sum}). */
  SUM,
  /** XWGTUP as written, no scaling at all (also when several files are combined). */
  NONE
}
