package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.ratio.MorphingAwareRatio;
import io.sumbin.summaries.ratio.MorphingRatio;
import io.sumbin.summaries.weights.Morphing;
import io.sumbin.summaries.weights.PolynomialBasis;
import java.util.List;
import org.junit.jupiter.api.Test;

class MorphingAwareRatioTest {
  static final double MAX_LOG_RATIO_RMS = RatioClassifierTest.MAX_LOG_RATIO_RMS;
  /** At a basis point the combination reduces to that component (float32 network outputs). */
  static final double BASIS_POINT_TOLERANCE = 1e-5;

  @Test
  void recoversMixtureRatioAndReducesToComponentsAtBasisPoints() {
    MixtureToy toy = new MixtureToy(100_000, 12);
    Morphing morphing = new Morphing(PolynomialBasis.linear(MixtureToy.PARAMS), new double[][] {{0.2}, {0.8}});
    TrainingSettings s = TrainingSettings.DEFAULT.withMaxEpochs(60).withBatchSize(512).withLearningRateDecay(0.95);
    try (MorphingRatio r = MorphingAwareRatio.train(toy.features(), toy.weights(), morphing, RatioClassifierTest.PRIOR,
        new double[] {0.5}, RatioLoss.ALICE, s)) {
      double rms = MixtureToy.rmsError(r, RatioClassifierTest.THETAS, 20_000, 98);
      System.out.printf("morphing-aware ALICE: log-ratio RMS %.4f, %s%n", rms, r.history());
      assertThat(rms).as("morphing-aware log-ratio RMS " + rms).isLessThan(MAX_LOG_RATIO_RMS);
      assertThat(r.outputNames()).as("r.outputNames()").isEqualTo(List.of("log_r_0", "log_r_1"));
      FeatureMatrix x = toy.features().rows(0, 1000);
      double[][] comp = r.evaluate(x);
      double[] at = r.logRatio(x, new double[] {0.8});
      for (int i = 0; i < 1000; i++) {
        assertThat(at[i]).as("at[i]").isCloseTo(comp[1][i], within(BASIS_POINT_TOLERANCE));
      }
    }
  }
}
