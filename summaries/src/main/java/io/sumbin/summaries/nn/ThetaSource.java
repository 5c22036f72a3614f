package io.sumbin.summaries.nn;

import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.weights.ParametrizedWeights;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.SplittableRandom;

/**
 * Draws parameter points from a prior together with σ(θ) for one event set. Polynomial weights give σ
 * in closed form; for other weights the totals of a point prior are cached, and a box prior is served
 * from a pool of {@link #POOL} draws per call (σ costs O(n) per point there).
 */
final class ThetaSource {
  static final int POOL = 256;

  private final ParametrizedWeights w;
  private final ParameterPrior prior;
  private final double[][] pointTotals;
  private final PolynomialWeights poly;
  private final double[] scratchTheta;
  private final double[] scratchF;

  ThetaSource(ParametrizedWeights w, ParameterPrior prior) {
    if (!w.parameterNames().equals(prior.names())) {
      throw new IllegalArgumentException("prior parameters " + prior.names() + " differ from the weights' parameters "
          + w.parameterNames());
    }
    this.w = w;
    this.prior = prior;
    this.poly = w instanceof PolynomialWeights p ? p : null;
    this.scratchTheta = new double[prior.dimension()];
    this.scratchF = new double[poly == null ? 0 : poly.basis().size()];
    if (poly == null && !prior.isContinuous()) {
      double[][] pts = prior.pointList();
      pointTotals = new double[pts.length][];
      for (int k = 0; k < pts.length; k++) {
        pointTotals[k] = new double[] {w.total(pts[k])};
      }
    } else {
      pointTotals = null;
    }
  }

  /**
   * Draws m points.
   *
   * @param theta m × p values (written)
   * @param total m values σ(θ_k) (written)
   */
  void draw(int m, SplittableRandom rng, double[] theta, double[] total) {
    int p = prior.dimension();
    double[] t = new double[p];
    if (poly != null) {
      double[] tc = poly.totalCoefficients();
      double[] f = new double[tc.length];
      for (int k = 0; k < m; k++) {
        prior.sample(rng, t);
        System.arraycopy(t, 0, theta, k * p, p);
        poly.basis().evaluate(t, f);
        double s = 0;
        for (int q = 0; q < f.length; q++) {
          s += f[q] * tc[q];
        }
        total[k] = s;
      }
    } else if (pointTotals != null) {
      double[][] pts = prior.pointList();
      for (int k = 0; k < m; k++) {
        int j = rng.nextInt(pts.length);
        System.arraycopy(pts[j], 0, theta, k * p, p);
        total[k] = pointTotals[j][0];
      }
    } else {
      int pool = Math.min(POOL, m);
      double[][] pt = new double[pool][p];
      double[] pTot = new double[pool];
      for (int j = 0; j < pool; j++) {
        prior.sample(rng, pt[j]);
        pTot[j] = w.total(pt[j]);
      }
      for (int k = 0; k < m; k++) {
        int j = rng.nextInt(pool);
        System.arraycopy(pt[j], 0, theta, k * p, p);
        total[k] = pTot[j];
      }
    }
  }

  /** w_i(θ) for θ stored at {@code theta[off..off+p)} (not thread-safe: reuses scratch arrays). */
  double weight(int event, double[] theta, int off) {
    System.arraycopy(theta, off, scratchTheta, 0, scratchTheta.length);
    if (poly != null) {
      poly.basis().evaluate(scratchTheta, scratchF);
      return poly.dot(event, scratchF);
    }
    return w.weight(event, scratchTheta);
  }

  /** All w_i(θ). */
  double[] weightsAt(double[] theta) {
    return w.weights(theta);
  }

  int size() {
    return w.size();
  }
}
