package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.fit.FitResult;

/**
 * Asymptotic CLs, CLs+b and CLb with the expected band, following Cowan, Cranmer, Gross and
 * Vitells (arXiv:1007.1727) exactly as pyhf implements it (pyhf.infer.calculators).
 *
 * <p>With q = −2 ln λ(μ) on the observed data and q_A on the Asimov dataset of the background-only
 * hypothesis (μ = 0; μ = 1 for q₀), generated with nuisance parameters from the fit to the observed
 * data, the calculator uses the statistic t = √q − √q_A (for q̃ when √q &gt; √q_A:
 * t = (q − q_A)/(2√q_A)). Then CLs+b = 1 − Φ(t + √q_A), CLb = 1 − Φ(t), CLs = CLs+b/CLb, and the
 * expected band evaluates the same at t = n for n = 2, 1, 0, −1, −2.
 *
 * <p>The background-only Asimov dataset does not depend on the tested μ and is computed once per
 * calculator, which makes limit scans cheap. Not thread-safe (holds an {@link Inference}).
 */
public final class AsymptoticCalculator {
  private final Inference inference;
  private final double[] data;
  private final TestStatistic ts;
  private Inference.Asimov asimov;

  /**
   * A calculator for one dataset and test statistic.
   *
   * @param inference the model's fits and test statistics
   * @param data main + auxiliary data (copied)
   * @param ts the test statistic (q̃_μ, q_μ, t_μ, t̃_μ or q₀)
   */
  public AsymptoticCalculator(Inference inference, double[] data, TestStatistic ts) {
    this.inference = inference;
    this.data = data.clone();
    this.ts = ts;
  }

  /**
   * The model's fits and test statistics.
   *
   * @return the inference this calculator uses
   */
  public Inference inference() {
    return inference;
  }

  /**
   * The test statistic.
   *
   * @return the test statistic of every test
   */
  public TestStatistic testStatistic() {
    return ts;
  }

  /** The Asimov dataset of the alternative hypothesis (μ = 0, or 1 for q₀), computed once. */
  public Inference.Asimov asimov() {
    if (asimov == null) {
      asimov = inference.asimov(ts.alternativeMu(), data);
    }
    return asimov;
  }

  /**
   * The standard deviation of μ̂ that the asymptotic formulae assume, from the Asimov dataset of the
   * alternative (Cowan et al. 2011, eq. 31): σ = |μ|/√q_μ,A for the upper-limit statistics and
   * σ = 1/√q₀,A for q₀. NaN when undefined (q_A = 0, a failed fit).
   *
   * @param mu the tested POI value
   * @return σ of μ̂, or NaN
   */
  public double muHatSigma(double mu) {
    try {
      double qa = hypotest(mu).qAsimov();
      double s = ts.muHatSigma(mu, qa);
      return Double.isFinite(s) && s > 0 ? s : Double.NaN;
    } catch (RuntimeException e) {
      return Double.NaN; // a failed Asimov fit: no asymptotic σ to draw, the caller shows none
    }
  }

  /**
   * The asymptotic test at POI value mu (Cowan et al. 2011, arXiv:1007.1727): observed and expected
   * CLs, CLs+b and CLb with the ±1σ, ±2σ band.
   *
   * @param mu the tested POI value
   * @return the test's statistic, p-values and expected band
   */
  public HypoTestResult hypotest(double mu) {
    TestStatResult obs = inference.compute(ts, mu, data);
    Inference.Asimov a = asimov();
    // the Asimov data's own parameters are its exact free minimum: start both fits there
    TestStatResult asi = inference.compute(ts, mu, a.data(), a.fit().bestfit());
    double sqA = Math.sqrt(asi.value());
    double t = ts.asymptoticTeststat(obs.value(), asi.value());
    double clsb = ts.asymptoticClsb(t, sqA);
    double clb = ts.asymptoticClb(t, sqA);
    double cls = ts.asymptoticCls(t, sqA);
    double[] clsExp = new double[5];
    double[] clsbExp = new double[5];
    double[] clbExp = new double[5];
    for (int k = 0; k < 5; k++) {
      double n = 2 - k; // pyhf: n_sigma in [2, 1, 0, -1, -2]
      clsbExp[k] = ts.asymptoticClsb(n, sqA);
      clbExp[k] = ts.asymptoticClb(n, sqA);
      clsExp[k] = ts.asymptoticCls(n, sqA);
    }
    boolean conv = obs.converged() && asi.converged() && a.fit().converged();
    String msg = conv ? "ok" : failures(obs, asi, a.fit());
    if (ts.pValueResult()) {
      return new HypoTestResult(ts.testedMu(mu), ts, t, obs.value(), asi.value(), clsb, clsb, clb, clsbExp.clone(), clsbExp, clbExp, conv, msg);
    }
    return new HypoTestResult(mu, ts, t, obs.value(), asi.value(), cls, clsb, clb, clsExp, clsbExp, clbExp, conv, msg);
  }

  private static String failures(TestStatResult obs, TestStatResult asi, FitResult asimovFit) {
    StringBuilder sb = new StringBuilder();
    append(sb, "free fit to data", obs.free());
    append(sb, "conditional fit to data", obs.conditional());
    append(sb, "free fit to Asimov data", asi.free());
    append(sb, "conditional fit to Asimov data", asi.conditional());
    append(sb, "fit generating the Asimov data", asimovFit);
    return sb.toString();
  }

  private static void append(StringBuilder sb, String what, FitResult r) {
    if (!r.converged()) {
      sb.append(sb.length() == 0 ? "" : "; ").append(what).append(" did not converge (").append(r.message()).append(')');
    }
  }
}
