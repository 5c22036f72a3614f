package io.sumbin.histmodel.infer;

import org.hipparchus.special.Erf;

/** Standard normal distribution functions, accurate far into the tails (via erfc). */
public final class Normal {
  private static final double SQRT2 = Math.sqrt(2.0);

  private Normal() {}

  /** Φ(x) = P(Z ≤ x). */
  public static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / SQRT2);
  }

  /** 1 − Φ(x) = P(Z &gt; x), accurate for large x. */
  public static double sf(double x) {
    return 0.5 * Erf.erfc(x / SQRT2);
  }

  /** Φ⁻¹(p). */
  public static double ppf(double p) {
    if (p <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    return p <= 0.5 ? -isf(p) : isf(1 - p);
  }

  /**
   * Inverse survival function: x with 1 − Φ(x) = p, accurate to a few ulp also for tiny p
   * (Newton iterations on ln(1 − Φ), started from the asymptotic expansion).
   */
  public static double isf(double p) {
    if (p <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (p >= 1) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p > 0.5) {
      return -isf(1 - p);
    }
    double x;
    if (p > 0.1) {
      x = SQRT2 * Erf.erfInv(1 - 2 * p); // no cancellation in this range
    } else {
      double l = -2 * Math.log(p);
      x = Math.sqrt(l - Math.log(l) - Math.log(2 * Math.PI)); // leading tail asymptotics
    }
    double lp = Math.log(p);
    for (int i = 0; i < 50; i++) {
      double s = sf(x);
      if (s <= 0) {
        break;
      }
      double phi = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
      // f(x) = ln sf(x) − ln p, f'(x) = −φ/sf
      double step = (Math.log(s) - lp) / (phi / s);
      x += step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) {
        break;
      }
    }
    return x;
  }

  /** Significance Z = Φ⁻¹(1 − p) of a one-sided p-value. */
  public static double significance(double p) {
    return isf(p);
  }

  /** Δ(−2 ln L) threshold for a confidence level with {@code dof} parameters (χ² quantile). */
  public static double chi2Quantile(double cl, int dof) {
    return new org.hipparchus.distribution.continuous.ChiSquaredDistribution(dof).inverseCumulativeProbability(cl);
  }
}
