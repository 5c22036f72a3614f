package io.sumbin.histmodel.infer;

/** t_μ = −2 ln λ(μ), two-sided (arXiv:1007.1727, §3.3). */
final class TMuStatistic extends ProfileLikelihoodStatistic {
  private static final long serialVersionUID = 1L;

  TMuStatistic() {
    super("t", false, false);
  }

  /** Continuous: no δ at 0. */
  @Override
  public double zeroMass(double mu, double muPrime, double sigma) {
    return 0.0;
  }

  /** Eq. 31: a noncentral χ²₁ with Λ = (μ − μ′)²/σ². */
  @Override
  public double density(double t, double mu, double muPrime, double sigma) {
    if (!(t > 0) || !(sigma > 0)) {
      return 0.0;
    }
    return twoSided(t, (mu - muPrime) / sigma);
  }
}
