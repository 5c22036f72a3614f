package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.infer.TestStatistic;

/**
 * One pseudo-experiment: its identity (hypothesis, index, seed), the tested POI value and the
 * statistic computed on it. This is also one line of a toy file (see {@link ToyJournal}).
 *
 * @param hypothesis the ensemble it belongs to: {@code "sb"} (generated at the tested μ),
 *     {@code "b"} (at μ = 0; μ = 1 for q₀), {@code "obs"} (the observed data, index 0) or a
 *     caller's name
 * @param index the toy index within its ensemble (0-based); its random numbers depend only on
 *     (seed, hypothesis, index)
 * @param seed the run's seed
 * @param testStatistic the ordering statistic
 * @param poiValue the tested POI value μ
 * @param genPoiValue the POI value the toy was generated at
 * @param t the statistic (as computed also when a fit did not converge; NaN when undefined)
 * @param muHat μ̂ of the free fit
 * @param converged whether both fits converged; consumers must not use {@code t} otherwise
 * @param twiceNllFree −2 ln L at the free minimum
 * @param twiceNllConditional −2 ln L at the conditional minimum (μ fixed); NaN when the statistic
 *     is 0 by definition (q, q̃ with μ̂ &gt; μ; q₀ with μ̂ &lt; 0) and the conditional fit was skipped
 */
public record ToyResult(
    String hypothesis,
    int index,
    long seed,
    TestStatistic testStatistic,
    double poiValue,
    double genPoiValue,
    double t,
    double muHat,
    boolean converged,
    double twiceNllFree,
    double twiceNllConditional) {

  /** Whether this toy's statistic may be used as a number (converged and finite). */
  public boolean usable() {
    return converged && Double.isFinite(t);
  }

  /** The identity of a toy within a run: (hypothesis, poi value, index). */
  public Key key() {
    return new Key(hypothesis, poiValue, index);
  }

  /** Identity of a toy within a run. */
  public record Key(String hypothesis, double poiValue, int index) {}
}
