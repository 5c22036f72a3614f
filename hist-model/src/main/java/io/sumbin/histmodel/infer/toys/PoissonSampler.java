package io.sumbin.histmodel.infer.toys;

import org.hipparchus.special.Gamma;

/**
 * Exact Poisson variates, allocation-free.
 *
 * <ul>
 *   <li>λ &lt; {@value #PTRS_THRESHOLD}: inversion by sequential search, P(0) = e^{−λ},
 *       P(k) = P(k−1)·λ/k (on average λ + 1 comparisons);
 *   <li>λ ≥ {@value #PTRS_THRESHOLD}: PTRS, the transformed rejection method with squeeze of
 *       W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 *       Insurance: Mathematics and Economics 12 (1993) 39 (also numpy's method); about 1.1 pairs of
 *       uniforms per variate, independent of λ.
 * </ul>
 *
 * Both are exact (no normal approximation) up to floating-point rounding.
 */
public final class PoissonSampler {
  /** The λ above which PTRS replaces inversion (Hörmann's recommendation). */
  public static final double PTRS_THRESHOLD = 10.0;
  private static final int TABLE = 256;
  private static final double[] LN_FACT = new double[TABLE];
  private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  static {
    for (int k = 0; k < TABLE; k++) {
      LN_FACT[k] = Gamma.logGamma(k + 1.0);
    }
  }

  private PoissonSampler() {}

  /**
   * One variate of Poisson(λ), as a double (exact integers up to 2⁵³).
   *
   * @throws IllegalArgumentException when λ is negative or not finite
   */
  public static double sample(ToyRandom rng, double lambda) {
    if (!(lambda >= 0) || lambda == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("Poisson mean must be finite and non-negative, got " + lambda);
    }
    if (lambda == 0) {
      return 0;
    }
    return lambda < PTRS_THRESHOLD ? inversion(rng, lambda) : ptrs(rng, lambda);
  }

  static double inversion(ToyRandom rng, double lambda) {
    double u = rng.nextDouble();
    double p = Math.exp(-lambda);
    double cdf = p;
    int k = 0;
    // the cap only guards against rounding of the cumulative sum (P(k > 200 | λ < 10) < 1e-200)
    while (u > cdf && k < 200) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }

  static double ptrs(ToyRandom rng, double lambda) {
    double slam = Math.sqrt(lambda);
    double loglam = Math.log(lambda);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    double logInvalpha = Math.log(invalpha);
    while (true) {
      double u = rng.nextDouble() - 0.5;
      double v = rng.nextDouble();
      double us = 0.5 - Math.abs(u);
      double k = Math.floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + logInvalpha - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lnFactorialOfInteger(k)) {
        return k;
      }
    }
  }

  /**
   * ln k! for integer k ≥ 0 on the sampling hot path: a table of {@code Gamma.logGamma} below 256,
   * Stirling's series with four terms above (error &lt; 1e-15 relative). The general ln Γ(n + 1) of
   * the likelihood is {@link io.sumbin.histmodel.compile.Evaluator#lnFactorial}; this one stays
   * hand-written for speed: {@code Gamma.logGamma} makes PTRS variates 1.4–2.7× slower.
   */
  static double lnFactorialOfInteger(double k) {
    if (k < TABLE) {
      return LN_FACT[(int) k];
    }
    double x = k + 1;
    double r = 1 / x;
    double r2 = r * r;
    return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
  }

  /** Poisson probability P(k | λ) for integer k ≥ 0 (λ = 0 gives 1 at k = 0). */
  public static double pmf(int k, double lambda) {
    if (lambda == 0) {
      return k == 0 ? 1 : 0;
    }
    return Math.exp(k * Math.log(lambda) - lambda - lnFactorialOfInteger(k));
  }
}
