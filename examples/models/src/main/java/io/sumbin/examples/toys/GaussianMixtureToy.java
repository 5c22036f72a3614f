package io.sumbin.examples.toys;

import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A 2-D Gaussian mixture with an exact likelihood ratio: x ∈ ℝ² with
 *
 * <pre>p(x|θ) = (1 − θ) N(x; m₀, Σ₀) + θ N(x; m₁, Σ₁),  θ ∈ [0, 1],</pre>
 *
 * m₀ = (−1, 0), Σ₀ = 1; m₁ = (1, 0.5), Σ₁ = diag(0.5², 1). The log ratio log p(x|θ₁)/p(x|θ₀) is
 * known in closed form, so learned ratios can be checked event by event; as an extended model
 * with N expected events, ν(x|θ) = N p(x|θ) = N f₀(x) + θ N (f₁(x) − f₀(x)) is linear in θ, and
 * the Fisher information I(θ) = N ∫ (f₁ − f₀)² / p(x|θ) dx is computed by 2-D quadrature.
 */
public final class GaussianMixtureToy {
  private GaussianMixtureToy() {}

  static final double[] M0 = {-1, 0};
  static final double[] M1 = {1, 0.5};
  static final double[] S1 = {0.5, 1.0};

  /** f₀(x). */
  public static double f0(double x, double y) {
    double dx = x - M0[0];
    double dy = y - M0[1];
    return Math.exp(-0.5 * (dx * dx + dy * dy)) / (2 * Math.PI);
  }

  /** f₁(x). */
  public static double f1(double x, double y) {
    double dx = (x - M1[0]) / S1[0];
    double dy = (y - M1[1]) / S1[1];
    return Math.exp(-0.5 * (dx * dx + dy * dy)) / (2 * Math.PI * S1[0] * S1[1]);
  }

  /** p(x|θ). */
  public static double density(double x, double y, double theta) {
    return (1 - theta) * f0(x, y) + theta * f1(x, y);
  }

  /** log p(x|θ₁)/p(x|θ₀). */
  public static double logRatio(double x, double y, double theta1, double theta0) {
    return Math.log(density(x, y, theta1)) - Math.log(density(x, y, theta0));
  }

  /** n events drawn at θ: {x[], y[]} (seeded). */
  public static double[][] sample(int n, double theta, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      if (r.nextDouble() < theta) {
        x[i] = M1[0] + S1[0] * r.nextGaussian();
        y[i] = M1[1] + S1[1] * r.nextGaussian();
      } else {
        x[i] = M0[0] + r.nextGaussian();
        y[i] = M0[1] + r.nextGaussian();
      }
    }
    return new double[][] {x, y};
  }

  /** I(θ) for N expected events (midpoint quadrature on [−8, 8]², 800² cells). */
  public static double fisherInformation(double n, double theta) {
    int k = 800;
    double lo = -8;
    double h = 16.0 / k;
    double s = 0;
    for (int i = 0; i < k; i++) {
      double x = lo + (i + 0.5) * h;
      for (int j = 0; j < k; j++) {
        double y = lo + (j + 0.5) * h;
        double d = f1(x, y) - f0(x, y);
        double p = density(x, y, theta);
        if (p > 0) {
          s += d * d / p;
        }
      }
    }
    return n * s * h * h;
  }

  /**
   * The unbinned model of N expected events over a reference sample drawn at θ_ref: components
   * f₀/p_ref (coefficient 1) and (f₁ − f₀)/p_ref (coefficient θ), reference weights 1/n.
   */
  public static UnbinnedModel unbinnedModel(double[][] reference, double thetaRef, double nExpected) {
    int n = reference[0].length;
    float[] c0 = new float[n];
    float[] c1 = new float[n];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      double x = reference[0][i];
      double y = reference[1][i];
      double pref = density(x, y, thetaRef);
      c0[i] = (float) (f0(x, y) / pref);
      c1[i] = (float) ((f1(x, y) - f0(x, y)) / pref);
      w[i] = 1f / n;
    }
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).poi("theta", thetaRef, 0, 1);
    b.component("f0", nExpected, new Coefficient.Monomial(List.of()), c0);
    b.component("f1-f0", nExpected, new Coefficient.Monomial(List.of("theta")), c1);
    return b.referenceWeights(w).build();
  }
}
