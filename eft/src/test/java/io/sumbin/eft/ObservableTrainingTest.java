package io.sumbin.eft;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.binning.EventTable;
import io.sumbin.summaries.TrainingSettings;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The observable-training recipe on a toy whose optimal observable is known: x1, x2 ~ N(0, 1) and per-event
 * weights w(c) = w_SM (1 + c (x1 + x2) + c²), so the score at the SM is x1 + x2 (information E[(x1 + x2)²] = 2
 * per unit σL) while either input alone carries E[x1²] = 1. A trained network must find the sum; a network that
 * is not trained at all (learning rate 1e-12) must be caught by the failed-training guard — retried, then
 * reported as failed, never silently.
 */
class ObservableTrainingTest {
  static final int N = 6000;

  static EftEvents toy(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x1 = new double[N];
    double[] x2 = new double[N];
    double[] w = new double[N];
    double[] comp = new double[N * 3];
    for (int i = 0; i < N; i++) {
      x1[i] = r.nextGaussian();
      x2[i] = r.nextGaussian();
      w[i] = 1.0 / N;
      comp[3 * i] = w[i];
      comp[3 * i + 1] = w[i] * (x1[i] + x2[i]);
      comp[3 * i + 2] = w[i];
    }
    EventTable t = EventTable.of("toy", w).withDoubleColumn("x1", x1).withDoubleColumn("x2", x2);
    return new EftEvents(List.of("c"), List.of(List.of(), List.of("c"), List.of("c", "c")), comp, t);
  }

  static ObservableTraining.Settings settings(TrainingSettings t) {
    return ObservableTraining.Settings.defaults(3, 2).withTraining(t).withFolds(2).withCandidateSizes(1, 2);
  }

  @Test
  void aTrainedObservableReachesItsBestInput() {
    EftEvents ev = toy(1);
    TrainingSettings t = ObservableTraining.Settings.defaults(3, 2).training().withHidden(16, 16).withMaxEpochs(15);
    try (ObservableTraining.Result r = ObservableTraining.derivative(ev, List.of("x1", "x2"), "c", settings(t))) {
      assertThat(r.ok()).as(r.warning()).isTrue();
      assertThat(r.retried()).isFalse();
      assertThat(r.inputs()).as("the two-input candidate wins").containsExactlyInAnyOrder("x1", "x2");
      // 10 equal-yield bins of a perfect observable keep ≈ 97 % of 2; a single input ≈ 97 % of 1
      assertThat(r.bestInputCvFisher().value()).as("best single input").isBetween(0.8, 1.15);
      assertThat(r.cvFisher().value()).as("learned, cross-validated").isBetween(1.7, 2.1);
      // the model predicts R and R2 per event
      assertThat(r.model().outputNames()).hasSize(2);
    }
  }

  @Test
  void anUntrainedNetworkIsCaughtRetriedAndReportedAsFailed() {
    EftEvents ev = toy(2);
    TrainingSettings t = ObservableTraining.Settings.defaults(3, 2).training().withHidden(8).withMaxEpochs(1)
        .withLearningRate(1e-12);
    try (ObservableTraining.Result r = ObservableTraining.derivative(ev, List.of("x1", "x2"), "c", settings(t))) {
      assertThat(r.retried()).as("the guard retried").isTrue();
      assertThat(r.ok()).as("still below its best input after the retry").isFalse();
      assertThat(r.cvFisher().value()).isLessThan(r.bestInputCvFisher().value());
      assertThat(r.warning()).contains("failed training").contains(r.bestInput()).contains("of c ");
      assertThat(r.candidates()).as("two candidates and the retry").hasSize(3);
    }
  }
}
