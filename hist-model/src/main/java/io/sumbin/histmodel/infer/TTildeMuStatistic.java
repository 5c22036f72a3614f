package io.sumbin.histmodel.infer;

/** t̃_μ: t_μ with μ̂ ≥ 0, the Feldman–Cousins ordering (arXiv:1007.1727, §3.4). */
final class TTildeMuStatistic extends ProfileLikelihoodStatistic {
  private static final long serialVersionUID = 1L;

  TTildeMuStatistic() {
    super("ttilde", true, false);
  }

  /** Eq. 43–44: the χ² form below μ²/σ², one half plus a Gaussian tail above. */
  @Override
  protected double continuousDensity(double t, double mu, double muPrime, double sigma) {
    double shift = (mu - muPrime) / sigma;
    if (t <= mu * mu / (sigma * sigma)) {
      return twoSided(t, shift);
    }
    return oneSidedHalf(t, -shift) + gaussTail(t, mu, muPrime, sigma);
  }
}
