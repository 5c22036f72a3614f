package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.infer.Normal;
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
 * {@link #density} is the continuous part; {@link #zeroMass} the weight of the δ at 0.
 */
public final class AsymptoticDensities {
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  private AsymptoticDensities() {}

  /** The probability of t = 0 exactly (δ-function weight). */
  public static double zeroMass(TestStatistic ts, double mu, double muPrime, double sigma) {
    return switch (ts) {
      case T, TTILDE -> 0.0;
      case Q, QTILDE -> Normal.cdf((muPrime - mu) / sigma);
      case Q0 -> Normal.cdf(-muPrime / sigma);
    };
  }

  /** The continuous part of the density at t &gt; 0. */
  public static double density(TestStatistic ts, double t, double mu, double muPrime, double sigma) {
    if (!(t > 0) || !(sigma > 0)) {
      return 0.0;
    }
    double st = Math.sqrt(t);
    double shift = (mu - muPrime) / sigma;
    double pre = INV_SQRT_2PI / (2 * st);
    double edge = mu * mu / (sigma * sigma);
    switch (ts) {
      case T:
        return pre * (Math.exp(-0.5 * sq(st + shift)) + Math.exp(-0.5 * sq(st - shift)));
      case TTILDE:
        if (t <= edge) {
          return pre * (Math.exp(-0.5 * sq(st + shift)) + Math.exp(-0.5 * sq(st - shift)));
        }
        return pre * Math.exp(-0.5 * sq(st + shift)) + gaussTail(t, mu, muPrime, sigma);
      case Q:
        return pre * Math.exp(-0.5 * sq(st - shift));
      case QTILDE:
        if (t <= edge) {
          return pre * Math.exp(-0.5 * sq(st - shift));
        }
        return gaussTail(t, mu, muPrime, sigma);
      case Q0:
        return pre * Math.exp(-0.5 * sq(st - muPrime / sigma));
      default:
        throw new IllegalArgumentException(String.valueOf(ts));
    }
  }

  private static double gaussTail(double t, double mu, double muPrime, double sigma) {
    double w = 2 * Math.abs(mu) / sigma;
    double c = (mu * mu - 2 * mu * muPrime) / (sigma * sigma);
    return INV_SQRT_2PI / w * Math.exp(-0.5 * sq((t - c) / w));
  }

  private static double sq(double x) {
    return x * x;
  }
}
