package io.sumbin.histmodel.infer;

import java.util.OptionalDouble;

/**
 * q₀ = −2 ln λ(0) for μ̂ ≥ 0, 0 otherwise: discovery (arXiv:1007.1727, §3.5). It tests μ = 0
 * against the signal (μ = 1) and reports the p-value p₀ (pyhf's hypotest returns CLs+b for q0).
 */
final class Q0Statistic extends ProfileLikelihoodStatistic {
  private static final long serialVersionUID = 1L;

  private static final OptionalDouble ZERO = OptionalDouble.of(0.0);

  Q0Statistic() {
    super("q0", false, false);
  }

  @Override
  public OptionalDouble fixedMu() {
    return ZERO;
  }

  @Override
  public double alternativeMu() {
    return 1.0;
  }

  @Override
  public boolean pValueResult() {
    return true;
  }

  /** μ̂ &lt; 0 (a deficit is no evidence of signal). */
  @Override
  public boolean zeroAt(double muHat, double mu) {
    return muHat < 0;
  }

  @Override
  public double zeroMass(double mu, double muPrime, double sigma) {
    return Normal.cdf(-muPrime / sigma);
  }

  /** Eq. 48: φ(√q₀ − μ′/σ)/(2√q₀). */
  @Override
  protected double continuousDensity(double t, double mu, double muPrime, double sigma) {
    return oneSidedHalf(t, muPrime / sigma);
  }

  @Override
  public String purpose() {
    return "q0 is the discovery statistic: it tests only mu = 0";
  }
}
