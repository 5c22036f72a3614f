package io.sumbin.summaries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DerivativeLearningTest {
  /** Issue 6: R(x) within 2% RMS (relative, SM-density weighted) where p_SM > 1% of its peak. */
  static final double MAX_RELATIVE_RMS = 0.02;
  /** R_θ is exactly 0 in this toy; its learned value must stay small against the scale of R_θθ. */
  static final double MAX_LINEAR_RMS = 0.02;

  @Test
  void recoversSecondDerivativeOfOneDimensionalToy() {
    double[] xs = Toys.Quadratic1D.sample(20_000, 1);
    FeatureMatrix x = FeatureMatrix.ofColumns(List.of("x"), xs);
    PolynomialWeights w = Toys.Quadratic1D.weights(xs);
    TrainingSettings s = TrainingSettings.DEFAULT.withMaxEpochs(60).withBatchSize(256).withLearningRateDecay(0.95);
    try (DerivativeSummary d = DerivativeLearning.train(x, w, new double[1], null, s)) {
      assertEquals(List.of("R_theta", "R_theta_theta"), d.outputNames());
      double bound = Toys.Quadratic1D.onePercentBound();
      int m = 701;
      double[] grid = new double[m];
      for (int k = 0; k < m; k++) {
        grid[k] = -bound + 2 * bound * k / (m - 1);
      }
      double[][] r = d.evaluate(FeatureMatrix.ofColumns(List.of("x"), grid));
      double num = 0;
      double den = 0;
      double lin = 0;
      double maxRel = 0;
      for (int k = 0; k < m; k++) {
        double p = Toys.Quadratic1D.smDensity(grid[k]);
        double exact = Toys.Quadratic1D.secondDerivative(grid[k]);
        num += p * Math.pow(r[1][k] - exact, 2);
        den += p * exact * exact;
        lin += p * r[0][k] * r[0][k];
        maxRel = Math.max(maxRel, Math.abs(r[1][k] - exact) / exact);
      }
      double rel = Math.sqrt(num / den);
      double linRel = Math.sqrt(lin / den);
      System.out.printf("derivative toy: relative RMS %.4f, linear %.4f, max pointwise %.3f, %s%n", rel, linRel, maxRel, d.history());
      assertTrue(rel < MAX_RELATIVE_RMS, "relative RMS " + rel);
      assertTrue(linRel < MAX_LINEAR_RMS, "linear RMS " + linRel);
    }
  }
}
