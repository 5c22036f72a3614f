package io.sumbin.eft.study;

import java.util.SplittableRandom;

/**
 * The event density of the quadratic toy, the study engine's analytic source: one observable
 * u ∈ [−1, 1] with the differential rate
 *
 * <pre>dν/du (θ) = (N₀/2) · (1 + θ u + θ² u²),   ν(θ) = N₀ (1 + θ²/3),</pre>
 *
 * positive for every θ, with the Standard-Model template 1, an interference template u and a
 * squared template u². The Fisher information of the extended (unbinned) likelihood is closed-form:
 *
 * <pre>I(θ) = N₀/(2θ³) [F(θ) − F(−θ)],  F(w) = 4w³/3 − 3w + (3/2) ln(w² + w + 1) + √3 arctan((2w + 1)/√3)</pre>
 *
 * with I(0) = N₀/3. The binned models of the toy (exact templates per scan point, nuisance
 * parameters) live with the command line's toy models ({@code io.sumbin.examples.toys.QuadraticToy}),
 * which use this class for the events and the closed form.
 */
public final class QuadraticDensity {
  private QuadraticDensity() {}

  /** Fisher information I(θ) of the unbinned extended likelihood, signal only. */
  public static double fisherInformation(double n0, double theta) {
    if (Math.abs(theta) < 1e-3) {
      // w²(1+2w)²/(1+w+w²) = w² + 3w³ + 0·w⁴ − 3w⁵ + O(w⁶): I = N₀/3 + O(θ⁴)
      return n0 / 3;
    }
    return n0 / (2 * theta * theta * theta) * (bigF(theta) - bigF(-theta));
  }

  private static double bigF(double w) {
    return 4.0 / 3 * w * w * w - 3 * w + 1.5 * Math.log(w * w + w + 1) + Math.sqrt(3) * Math.atan((2 * w + 1) / Math.sqrt(3));
  }

  /**
   * A pseudo-experiment: Poisson(N₀(1 + θ²/3)) signal events drawn from the density at θ
   * (accept–reject) and Poisson(B) events of a flat background, as u values (seeded; the signal
   * events first).
   *
   * @param n0 expected signal events at θ = 0
   * @param background expected flat background events
   */
  public static double[] sample(double n0, double background, double theta, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double nuS = n0 * (1 + theta * theta / 3);
    int nS = poisson(rnd, nuS);
    int nB = poisson(rnd, background);
    double[] u = new double[nS + nB];
    double max = 1 + Math.abs(theta) + theta * theta;
    for (int i = 0; i < nS; i++) {
      while (true) {
        double x = 2 * rnd.nextDouble() - 1;
        if (rnd.nextDouble() * max <= 1 + theta * x + theta * theta * x * x) {
          u[i] = x;
          break;
        }
      }
    }
    for (int i = nS; i < u.length; i++) {
      u[i] = 2 * rnd.nextDouble() - 1;
    }
    return u;
  }

  /**
   * Poisson draw by multiplication of uniforms, in pieces of mean ≤ 40 (exact; hand-written so that
   * a seed gives the same events as before, the draws being part of the study's reproducible output).
   */
  private static int poisson(SplittableRandom rnd, double mean) {
    if (mean < 50) {
      double l = Math.exp(-mean);
      int k = 0;
      double p = rnd.nextDouble();
      while (p > l) {
        p *= rnd.nextDouble();
        k++;
      }
      return k;
    }
    int k = 0;
    double left = mean;
    while (left > 0) {
      double m = Math.min(left, 40);
      k += poisson(rnd, m);
      left -= m;
    }
    return k;
  }
}
