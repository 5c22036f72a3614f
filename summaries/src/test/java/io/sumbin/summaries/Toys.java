package io.sumbin.summaries;

import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.List;
import java.util.SplittableRandom;

/** Toy models with exactly known densities, shared by the tests. */
final class Toys {
  private Toys() {}

  /** Standard-normal density of (x − μ)/σ divided by σ. */
  static double normal(double x, double mu, double sigma) {
    double z = (x - mu) / sigma;
    return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
  }

  /**
   * The 1-D toy of issue 6: dσ(x|θ) = N(x; 0, 1.22) + θ² N(x; α, 0.71) (widths, not variances), so that
   * p(x|θ) = dσ/(1 + θ²). We take α = 1. Events are drawn from the SM density with unit weights; the
   * weight of event i at θ is w_i(θ) = 1 + θ² q(x_i), q = N(x; α, 0.71)/N(x; 0, 1.22).
   */
  static final class Quadratic1D {
    static final double SIGMA_SM = 1.22;
    static final double SIGMA_BSM = 0.71;
    static final double ALPHA = 1.0;

    static double q(double x) {
      return normal(x, ALPHA, SIGMA_BSM) / normal(x, 0, SIGMA_SM);
    }

    /** Exact R_θθ(x) = ∂²/∂θ² [dσ(x|θ)/dσ(x|0)] = 2 q(x); R_θ(x) = 0. */
    static double secondDerivative(double x) {
      return 2 * q(x);
    }

    static double smDensity(double x) {
      return normal(x, 0, SIGMA_SM);
    }

    /** |x| bound of the region where the SM density exceeds 1% of its peak. */
    static double onePercentBound() {
      return SIGMA_SM * Math.sqrt(2 * Math.log(100));
    }

    static double[] sample(int n, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = SIGMA_SM * r.nextGaussian();
      }
      return x;
    }

    static PolynomialWeights weights(double[] x) {
      double[][] c = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        c[i] = new double[] {1, 0, q(x[i])};
      }
      return new PolynomialWeights(PolynomialBasis.quadratic(List.of("theta")), c);
    }
  }
}
