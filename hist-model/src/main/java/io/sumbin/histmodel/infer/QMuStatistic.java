package io.sumbin.histmodel.infer;

/** q_μ = t_μ for μ̂ ≤ μ, 0 otherwise: upper limits (arXiv:1007.1727, §3.6). */
final class QMuStatistic extends ProfileLikelihoodStatistic {
  private static final long serialVersionUID = 1L;

  QMuStatistic() {
    super("q", false, true);
  }

  /** δ(q)·Φ((μ′ − μ)/σ). */
  @Override
  public double zeroMass(double mu, double muPrime, double sigma) {
    return Normal.cdf((muPrime - mu) / sigma);
  }

  /** Eq. 56: φ(√q − (μ − μ′)/σ)/(2√q). */
  @Override
  public double density(double t, double mu, double muPrime, double sigma) {
    if (!(t > 0) || !(sigma > 0)) {
      return 0.0;
    }
    return oneSidedHalf(t, (mu - muPrime) / sigma);
  }
}
