package io.sumbin.summaries;

import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A 2-D Gaussian mixture with an exact likelihood ratio:
 * p(x|θ) = (1 − θ) N(x; μ_a, Σ_a) + θ N(x; μ_b, Σ_b), θ ∈ [0, 1].
 * Events are simulated at θ_ref with their latent component z; the joint weights
 * w(θ) = (1 − θ)/(1 − θ_ref) for z = a and θ/θ_ref for z = b are linear in θ (exact morphing), and
 * w(θ)/w(θ₀) is the joint ratio r(x, z|θ, θ₀) that ALICE uses.
 */
final class MixtureToy {
  static final double[] MU_A = {0, 0};
  static final double[][] COV_A = {{1, 0}, {0, 1}};
  static final double[] MU_B = {1.5, 0.5};
  static final double[][] COV_B = {{0.5, 0.2}, {0.2, 0.8}};
  static final double THETA_REF = 0.5;
  static final List<String> FEATURES = List.of("x1", "x2");
  static final List<String> PARAMS = List.of("theta");

  final double[][] x;
  final boolean[] fromB;

  MixtureToy(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    x = new double[2][n];
    fromB = new boolean[n];
    for (int i = 0; i < n; i++) {
      fromB[i] = r.nextDouble() < THETA_REF;
      double[] v = fromB[i] ? draw(MU_B, COV_B, r) : draw(MU_A, COV_A, r);
      x[0][i] = v[0];
      x[1][i] = v[1];
    }
  }

  /** n events from p(x|θ) (no latent needed). */
  static double[][] sample(double theta, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] out = new double[2][n];
    for (int i = 0; i < n; i++) {
      double[] v = r.nextDouble() < theta ? draw(MU_B, COV_B, r) : draw(MU_A, COV_A, r);
      out[0][i] = v[0];
      out[1][i] = v[1];
    }
    return out;
  }

  FeatureMatrix features() {
    return FeatureMatrix.ofColumns(FEATURES, x[0], x[1]);
  }

  PolynomialWeights weights() {
    double[][] c = new double[fromB.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = fromB[i] ? new double[] {0, 1 / THETA_REF} : new double[] {1 / (1 - THETA_REF), -1 / (1 - THETA_REF)};
    }
    return new PolynomialWeights(PolynomialBasis.linear(PARAMS), c);
  }

  static double[] draw(double[] mu, double[][] cov, SplittableRandom r) {
    double l11 = Math.sqrt(cov[0][0]);
    double l21 = cov[1][0] / l11;
    double l22 = Math.sqrt(cov[1][1] - l21 * l21);
    double z1 = r.nextGaussian();
    double z2 = r.nextGaussian();
    return new double[] {mu[0] + l11 * z1, mu[1] + l21 * z1 + l22 * z2};
  }

  static double gauss(double x1, double x2, double[] mu, double[][] c) {
    double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
    double d1 = x1 - mu[0];
    double d2 = x2 - mu[1];
    double q = (c[1][1] * d1 * d1 - 2 * c[0][1] * d1 * d2 + c[0][0] * d2 * d2) / det;
    return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
  }

  static double density(double x1, double x2, double theta) {
    return (1 - theta) * gauss(x1, x2, MU_A, COV_A) + theta * gauss(x1, x2, MU_B, COV_B);
  }

  /** Exact log p(x|θ)/p(x|θ₀). */
  static double logRatio(double x1, double x2, double theta, double theta0) {
    return Math.log(density(x1, x2, theta) / density(x1, x2, theta0));
  }

  /**
   * RMS of (estimated − exact) log r over events drawn from p(x|θ₀), pooled over the θ values.
   */
  static double rmsError(RatioEstimator r, double[] thetas, int n, long seed) {
    double theta0 = r.referencePoint()[0];
    double[][] ev = sample(theta0, n, seed);
    FeatureMatrix fx = FeatureMatrix.ofColumns(FEATURES, ev[0], ev[1]);
    double s = 0;
    int m = 0;
    for (double t : thetas) {
      double[] est = r.logRatio(fx, new double[] {t});
      for (int i = 0; i < n; i++) {
        double e = est[i] - logRatio(ev[0][i], ev[1][i], t, theta0);
        s += e * e;
        m++;
      }
    }
    return Math.sqrt(s / m);
  }
}
