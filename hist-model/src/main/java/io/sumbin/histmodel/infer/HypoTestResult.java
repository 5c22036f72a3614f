package io.sumbin.histmodel.infer;

/**
 * Result of a hypothesis test at POI value {@code mu}.
 *
 * <p>For q, q̃ (and t, t̃): {@code cls = clsb / clb}, the expected bands are for the background-only
 * hypothesis, ordered [−2σ, −1σ, median, +1σ, +2σ] as pyhf orders them (index 0 is the smallest
 * CLs). For q₀: {@code clsb} is the discovery p-value p₀, {@code cls} is also p₀ (pyhf's hypotest
 * returns CLsb for q0) and the expected bands are expected p₀ values for the signal hypothesis.
 *
 * @param teststat the observed statistic in the calculator's scale (asymptotic: the √q-based
 *     statistic of pyhf; toys: q itself)
 * @param qObs the observed −2 ln λ (clipped as the statistic prescribes)
 * @param qAsimov the same on the Asimov dataset (asymptotic calculator; NaN for toys)
 * @param converged whether every fit behind the result converged
 */
public record HypoTestResult(
    double mu,
    TestStatistic testStatistic,
    double teststat,
    double qObs,
    double qAsimov,
    double cls,
    double clsb,
    double clb,
    double[] clsExpected,
    double[] clsbExpected,
    double[] clbExpected,
    boolean converged,
    String message) {

  /** Discovery significance of the observed p-value (q₀). */
  public double significance() {
    return Normal.significance(clsb);
  }
}
