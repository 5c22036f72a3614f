package io.sumbin.histmodel.infer;

/** t_μ = −2 ln λ(μ), two-sided (arXiv:1007.1727, §3.3). */
final class TMuStatistic extends ProfileLikelihoodStatistic {
  private static final long serialVersionUID = 1L;

  TMuStatistic() {
    super("t", false, false);
  }

  /** Eq. 31: a noncentral χ²₁ with Λ = (μ − μ′)²/σ². */
  @Override
  protected double continuousDensity(double t, double mu, double muPrime, double sigma) {
    return twoSided(t, (mu - muPrime) / sigma);
  }
}
