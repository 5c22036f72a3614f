package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.summaries.event2vec.Event2Vec;
import io.sumbin.summaries.event2vec.Event2VecSummary;
import io.sumbin.summaries.loss.RatioLoss;
import org.junit.jupiter.api.Test;

class Event2VecTest {
  /** Vector event2vec (m = 4) on the 2-D mixture, log r(x|θ, 0.5): an exponential-family fit of a mixture. */
  static final double MAX_VECTOR_RMS = 0.05;
  /** Binwise (8 soft bins): a histogram-like summary loses information, so the tolerance is wider. */
  static final double MAX_BINWISE_RMS = 0.06;
  static final double SUM_TOLERANCE = 1e-9;

  @Test
  void vectorSummaryRecoversMixtureRatio() {
    MixtureToy toy = new MixtureToy(60_000, 13);
    TrainingSettings s = TrainingSettings.DEFAULT.withMaxEpochs(60).withBatchSize(512).withLearningRateDecay(0.95);
    try (Event2VecSummary e = Event2Vec.train(toy.features(), toy.weights(), RatioClassifierTest.PRIOR,
        Event2Vec.Options.vector(4).withReferencePoint(new double[] {0.5}), RatioLoss.ALICE, s)) {
      double rms = MixtureToy.rmsError(e, RatioClassifierTest.THETAS, 20_000, 97);
      System.out.printf("event2vec vector: log-ratio RMS %.4f, %s%n", rms, e.history());
      assertThat(rms).as("event2vec log-ratio RMS " + rms).isLessThan(MAX_VECTOR_RMS);
    }
  }

  @Test
  void binwiseSummaryIsSoftHistogram() {
    MixtureToy toy = new MixtureToy(60_000, 14);
    TrainingSettings s = TrainingSettings.DEFAULT.withMaxEpochs(60).withBatchSize(512).withLearningRateDecay(0.95);
    try (Event2VecSummary e = Event2Vec.train(toy.features(), toy.weights(), RatioClassifierTest.PRIOR,
        Event2Vec.Options.binwise(8).withReferencePoint(new double[] {0.5}), RatioLoss.ALICE, s)) {
      double rms = MixtureToy.rmsError(e, RatioClassifierTest.THETAS, 20_000, 96);
      System.out.printf("event2vec binwise: log-ratio RMS %.4f, %s%n", rms, e.history());
      assertThat(rms).as("binwise log-ratio RMS " + rms).isLessThan(MAX_BINWISE_RMS);
      FeatureMatrix x = toy.features().rows(0, 5000);
      double[] w = toy.weights().subset(range(5000)).weights(new double[] {0.3});
      double[] hist = e.summedSummary(x, w);
      double total = 0;
      double sumW = 0;
      for (double h : hist) {
        total += h;
      }
      for (double v : w) {
        sumW += v;
      }
      assertThat(total).as("total").isCloseTo(sumW, within(SUM_TOLERANCE * Math.abs(sumW)));
    }
  }

  static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
