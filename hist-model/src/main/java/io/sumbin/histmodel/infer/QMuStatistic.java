package io.sumbin.histmodel.infer;

/** q_μ = t_μ for μ̂ ≤ μ, 0 otherwise: upper limits (arXiv:1007.1727, §3.6). */
final class QMuStatistic extends ProfileLikelihoodStatistic {
  private static final long serialVersionUID = 1L;

  QMuStatistic() {
    super("q", false, true);
  }

  /** Eq. 56: φ(√q − (μ − μ′)/σ)/(2√q). */
  @Override
  protected double continuousDensity(double t, double mu, double muPrime, double sigma) {
    return oneSidedHalf(t, (mu - muPrime) / sigma);
  }
}
