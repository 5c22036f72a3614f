package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.util.RecordText;

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
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /**
   * The test in two lines, as pyhf's and Combine's printouts give it: observed CLs (with CLs+b and
   * CLb) of the tested value and the expected band; for q₀ the observed p₀ with its significance and
   * the expected p₀ band. The calculator shows as {@code asymptotic} (a finite q_A) or {@code toys}.
   *
   * <pre>
   * CLs of mu = 1 (qtilde, asymptotic): CLs = 0.359984, CLs+b = 0.179992, CLb = 0.5
   * expected CLs: -2σ 0.0780739, -1σ 0.174725, median 0.359984, +1σ 0.634356, +2σ 0.880994
   * </pre>
   *
   * @return the summary, lines separated by {@code \n}, ending with one
   */
  public String summary() {
    String calc = Double.isNaN(qAsimov) ? "toys" : "asymptotic";
    String ts = testStatistic == null ? "?" : testStatistic.pyhfName();
    StringBuilder b = new StringBuilder();
    if (testStatistic == TestStatistic.Q0) {
      b.append("discovery test (q0, ").append(calc).append("): p0 = ").append(RecordText.num(clsb))
          .append(", Z = ").append(RecordText.num(significance())).append('\n');
      b.append(band("expected p0", clsExpected));
    } else {
      b.append("CLs of mu = ").append(RecordText.num(mu)).append(" (").append(ts).append(", ").append(calc).append("): CLs = ")
          .append(RecordText.num(cls)).append(", CLs+b = ").append(RecordText.num(clsb)).append(", CLb = ").append(RecordText.num(clb))
          .append('\n');
      b.append(band("expected CLs", clsExpected));
    }
    if (!converged) {
      b.append("NOT converged: ").append(message).append('\n');
    }
    return b.toString();
  }

  /** {@code what: -2σ a, -1σ b, median c, +1σ d, +2σ e} (a five-value band) or the values as they are. */
  static String band(String what, double[] v) {
    if (v == null) {
      return what + ": none\n";
    }
    if (v.length != 5) {
      return what + ": " + RecordText.nums(v) + "\n";
    }
    return what + ": -2σ " + RecordText.num(v[0]) + ", -1σ " + RecordText.num(v[1]) + ", median " + RecordText.num(v[2])
        + ", +1σ " + RecordText.num(v[3]) + ", +2σ " + RecordText.num(v[4]) + "\n";
  }

  /** Discovery significance of the observed p-value (q₀). */
  public double significance() {
    return Normal.significance(clsb);
  }
}
