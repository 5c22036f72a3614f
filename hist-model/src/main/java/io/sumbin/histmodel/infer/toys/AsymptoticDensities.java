package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.infer.TestStatistic;

/**
 * Asymptotic (Wald) densities of the profile-likelihood statistics when the data follow POI value
 * μ′ and μ is tested, from Cowan, Cranmer, Gross and Vitells, arXiv:1007.1727: with
 * σ² the variance of μ̂ (from the Asimov dataset, σ = |μ − μ′|/√q_A),
 *
 * <ul>
 *   <li>t_μ: noncentral χ²₁ with Λ = (μ − μ′)²/σ² (eq. 31);
 *   <li>t̃_μ: eq. 43–44 (the χ² form below μ²/σ², a Gaussian tail above);
 *   <li>q_μ: δ(q)·Φ((μ′ − μ)/σ) + ½ χ-like density (eq. 56);
 *   <li>q̃_μ: eq. 65; q₀ (μ = 0): eq. 48.
 * </ul>
 *
 * {@link #density} is the continuous part; {@link #zeroMass} the weight of the δ at 0. Each statistic
 * gives its own ({@link TestStatistic#density}, {@link TestStatistic#zeroMass}); these delegate.
 */
public final class AsymptoticDensities {
  private AsymptoticDensities() {}

  /** The probability of t = 0 exactly (δ-function weight). */
  public static double zeroMass(TestStatistic ts, double mu, double muPrime, double sigma) {
    return ts.zeroMass(mu, muPrime, sigma);
  }

  /** The continuous part of the density at t &gt; 0. */
  public static double density(TestStatistic ts, double t, double mu, double muPrime, double sigma) {
    return ts.density(t, mu, muPrime, sigma);
  }
}
