package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.ratio.ParametrizedRatio;
import io.sumbin.summaries.ratio.RatioClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatioClassifierTest {
  /** Issue 6: log-ratio RMS error of the classifiers on the 2-D mixture. */
  static final double MAX_LOG_RATIO_RMS = 0.05;
  static final double[] THETAS = {0.1, 0.3, 0.7, 0.9};

  static final ParameterPrior PRIOR = ParameterPrior.uniform(List.of("theta"), new double[] {0.05}, new double[] {0.95});

  @Test
  void aliceRecoversMixtureRatio() {
    check(RatioLoss.ALICE);
  }

  @Test
  void carlRecoversMixtureRatio() {
    check(RatioLoss.CARL);
  }

  private static void check(RatioLoss loss) {
    MixtureToy toy = new MixtureToy(100_000, 11);
    TrainingSettings s = TrainingSettings.DEFAULT.withMaxEpochs(60).withBatchSize(512).withLearningRateDecay(0.95).withProgress(false);
    try (ParametrizedRatio r = RatioClassifier.train(toy.features(), toy.weights(), PRIOR, new double[] {0.5}, loss, s)) {
      double rms = MixtureToy.rmsError(r, THETAS, 20_000, 99);
      System.out.printf("%s: log-ratio RMS %.4f, %s%n", loss, rms, r.history());
      assertThat(rms).as(loss + " log-ratio RMS " + rms).isLessThan(MAX_LOG_RATIO_RMS);
    }
  }
}
