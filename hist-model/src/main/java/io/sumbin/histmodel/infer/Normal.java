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

  /** Beyond this the tail 1 − Φ(x) is computed from the Mills-ratio continued fraction (sf(20) ≈ 2.8e-89 is still a normal double). */
  private static final double LOG_TAIL_FROM = 20;

  /**
   * ln(1 − Φ(x)), finite for every finite x: where {@code sf(x)} underflows (x ≳ 38) it is
   * −x²/2 − ln √(2π) + ln R(x) with Mills' ratio R(x) = (1 − Φ(x))/φ(x) from its continued fraction
   * R(x) = 1/(x + 1/(x + 2/(x + 3/(x + …)))) (Abramowitz and Stegun 26.2.14), evaluated backwards.
   */
  public static double logSf(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x < LOG_TAIL_FROM) {
      return Math.log(sf(x));
    }
    if (x == Double.POSITIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    double f = x;
    for (int k = 60; k >= 1; k--) { // 60 terms: converged to rounding for x >= 20
      f = x + k / f;
    }
    return -0.5 * x * x - 0.5 * Math.log(2 * Math.PI) - Math.log(f);
  }

  /**
   * The ratio sf(a)/sf(b) of two tail probabilities computed in log space, so that it stays exact
   * where both tails underflow (CLs = CLs+b/CLb of a deep deficit).
   */
  public static double sfRatio(double a, double b) {
    double sa = sf(a);
    double sb = sf(b);
    if (sa >= Double.MIN_NORMAL && sb >= Double.MIN_NORMAL) {
      return sa / sb;
    }
    return Math.exp(logSf(a) - logSf(b));
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
