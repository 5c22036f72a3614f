package io.sumbin.histmodel.infer;

/**
 * q̃_μ: q_μ with μ̂ ≥ 0 (arXiv:1007.1727, §3.7), pyhf's default. Its asymptotic statistic is
 * (q − q_A)/(2√q_A) above √q_A.
 */
final class QTildeMuStatistic extends ProfileLikelihoodStatistic {
  private static final long serialVersionUID = 1L;

  QTildeMuStatistic() {
    super("qtilde", true, true);
  }

  @Override
  public double asymptoticTeststat(double q, double qAsimov) {
    double sq = Math.sqrt(q);
    double sqA = Math.sqrt(qAsimov);
    if (!(sq <= sqA || sqA == 0)) {
      return (q - qAsimov) / (2 * sqA);
    }
    return sq - sqA;
  }

  /** Eq. 65: the q_μ form below μ²/σ², a Gaussian above. */
  @Override
  protected double continuousDensity(double t, double mu, double muPrime, double sigma) {
    if (t <= mu * mu / (sigma * sigma)) {
      return oneSidedHalf(t, (mu - muPrime) / sigma);
    }
    return gaussTail(t, mu, muPrime, sigma);
  }
}
