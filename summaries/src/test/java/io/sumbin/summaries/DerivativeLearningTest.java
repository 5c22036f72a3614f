package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.derivative.LabelSmearing;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerivativeLearningTest {
  /** Issue 6: R(x) within 2% RMS (relative, SM-density weighted) where p_SM > 1% of its peak. */
  static final double MAX_RELATIVE_RMS = 0.02;
  /** R_θ is exactly 0 in this toy; its learned value must stay small against the scale of R_θθ. */
  static final double MAX_LINEAR_RMS = 0.02;
  /** With heavy-tailed labels, smearing must cut the relative RMS error by at least 10 %. */
  static final double MAX_SMEARED_OVER_PLAIN = 0.9;

  /**
   * Heavy-tailed label noise with zero mean (1 % of the labels scaled by 31, the rest by 0.697) leaves the
   * regression target E[R | x] unchanged; fractional smearing must bring the estimate closer to it.
   */
  @Test
  void smearingHelpsWithHeavyTailedLabels() {
    double[] xs = Toys.Quadratic1D.sample(20_000, 2);
    FeatureMatrix x = FeatureMatrix.ofColumns(List.of("x"), xs);
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    double p = 0.01;
    double a = 30;
    double[] noisy = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      double eps = r.nextDouble() < p ? a : -a * p / (1 - p);
      noisy[i] = Toys.Quadratic1D.secondDerivative(xs[i]) * (1 + eps);
    }
    LabelSet labels = new LabelSet(List.of("R_theta_theta"), new double[][] {noisy});
    double[] w = new double[xs.length];
    java.util.Arrays.fill(w, 1);
    TrainingSettings s = TrainingSettings.DEFAULT.withMaxEpochs(40).withLearningRateDecay(0.95);
    double plain;
    double smeared;
    try (DerivativeSummary d = DerivativeLearning.train(x, w, labels, null, s)) {
      plain = relativeRms(d, 0);
    }
    try (DerivativeSummary d = DerivativeLearning.train(x, w, labels, new LabelSmearing(5, 0.9, 32), s)) {
      smeared = relativeRms(d, 0);
    }
    System.out.printf("heavy-tailed labels: relative RMS %.4f without, %.4f with smearing%n", plain, smeared);
    assertThat(smeared).as("smearing " + smeared + " vs plain " + plain).isLessThan(MAX_SMEARED_OVER_PLAIN * plain);
  }

  static double relativeRms(DerivativeSummary d, int output) {
    double bound = Toys.Quadratic1D.onePercentBound();
    int m = 701;
    double[] grid = new double[m];
    for (int k = 0; k < m; k++) {
      grid[k] = -bound + 2 * bound * k / (m - 1);
    }
    double[][] r = d.evaluate(FeatureMatrix.ofColumns(List.of("x"), grid));
    double num = 0;
    double den = 0;
    for (int k = 0; k < m; k++) {
      double pk = Toys.Quadratic1D.smDensity(grid[k]);
      double exact = Toys.Quadratic1D.secondDerivative(grid[k]);
      num += pk * Math.pow(r[output][k] - exact, 2);
      den += pk * exact * exact;
    }
    return Math.sqrt(num / den);
  }

  @Test
  void recoversSecondDerivativeOfOneDimensionalToy() {
    double[] xs = Toys.Quadratic1D.sample(20_000, 1);
    FeatureMatrix x = FeatureMatrix.ofColumns(List.of("x"), xs);
    PolynomialWeights w = Toys.Quadratic1D.weights(xs);
    TrainingSettings s = TrainingSettings.DEFAULT.withMaxEpochs(60).withBatchSize(256).withLearningRateDecay(0.95);
    try (DerivativeSummary d = DerivativeLearning.train(x, w, s)) {
      assertThat(d.outputNames()).as("d.outputNames()").isEqualTo(List.of("R_theta", "R_theta_theta"));
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
      assertThat(rel).as("relative RMS " + rel).isLessThan(MAX_RELATIVE_RMS);
      assertThat(linRel).as("linear RMS " + linRel).isLessThan(MAX_LINEAR_RMS);
    }
  }
}
