package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.summaries.loss.AliceLoss;
import io.sumbin.summaries.loss.CarlLoss;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.loss.TensorOps;
import io.sumbin.summaries.ratio.ParametrizedRatio;
import io.sumbin.summaries.ratio.RatioClassifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ratio losses as strategies: registry, formulas on numbers, and a loss added by one file plus one line. */
class RatioLossTest {
  /** Double arithmetic of a handful of operations. */
  static final double EXACT = 1e-14;
  /** Step of the finite check that the per-example loss is minimal at ℓ = ln(a/b). */
  static final double STEP = 1e-3;

  @TempDir
  Path tmp;

  @Test
  void theBuiltInLossesAreRegisteredByTagInOrder() {
    // main's registration file lists carl, alice (in this order); the test resources add brier
    assertThat(RatioLoss.tags()).as("RatioLoss.tags()").containsExactlyInAnyOrder("carl", "alice", "brier");
    assertThat(RatioLoss.tags().indexOf("carl")).as("carl registered before alice").isLessThan(RatioLoss.tags().indexOf("alice"));
    assertThat(RatioLoss.of("carl")).as("of(carl)").isEqualTo(RatioLoss.CARL).isInstanceOf(CarlLoss.class);
    assertThat(RatioLoss.of("ALICE")).as("of(ALICE)").isEqualTo(RatioLoss.ALICE).isInstanceOf(AliceLoss.class);
    assertThat(RatioLoss.CARL.pairing()).as("CARL pairing").isEqualTo(RatioLoss.Pairing.INDEPENDENT_EVENTS);
    assertThat(RatioLoss.ALICE.pairing()).as("ALICE pairing").isEqualTo(RatioLoss.Pairing.SAME_EVENT);
    assertThatIllegalArgumentException().isThrownBy(() -> RatioLoss.of("rolr"))
        .withMessageStartingWith("unknown ratio loss 'rolr' (have ").withMessageContaining("carl").withMessageContaining("alice")
        .withMessageContaining("brier");
  }

  @Test
  void perExampleLossesOnNumbers() {
    // a softplus(−ℓ) + b softplus(ℓ) at ℓ = 0.3, a = 2, b = 1.5: 2 ln(1 + e^−0.3) + 1.5 ln(1 + e^0.3)
    for (RatioLoss l : new RatioLoss[] {RatioLoss.CARL, RatioLoss.ALICE}) {
      assertThat(l.perExample(0.3, 2.0, 1.5, TensorOps.SCALAR)).as(l.tag() + " at ℓ = 0.3").isCloseTo(2.390243355639845, within(EXACT));
    }
    // 2 σ(−0.3)² + 1.5 σ(0.3)²
    assertThat(RatioLoss.of("brier").perExample(0.3, 2.0, 1.5, TensorOps.SCALAR)).as("brier at ℓ = 0.3")
        .isCloseTo(0.8571746506765601, within(EXACT));
    // every registered loss is minimized by the log of the weight ratio
    double a = 2;
    double b = 0.5;
    double best = Math.log(a / b);
    for (String tag : RatioLoss.tags()) {
      RatioLoss l = RatioLoss.of(tag);
      double at = l.perExample(best, a, b, TensorOps.SCALAR);
      assertThat(l.perExample(best - STEP, a, b, TensorOps.SCALAR)).as(tag + " left of ln(a/b)").isGreaterThan(at);
      assertThat(l.perExample(best + STEP, a, b, TensorOps.SCALAR)).as(tag + " right of ln(a/b)").isGreaterThan(at);
    }
  }

  /**
   * The test-only {@link BrierLoss} (one file plus one line in the test resources'
   * {@code META-INF/services/io.sumbin.summaries.loss.RatioLoss}), found by its tag through {@link RatioLoss#of}
   * as the CLI's {@code --loss} finds a loss, learns the exact log-ratio of the 2-D mixture: RMS error of
   * log r̂(x|θ, θ₀) over events from θ₀ at four θ below {@value #BRIER_MAX_RMS}, against an RMS of 0.58 for
   * the exact log-ratio itself (the error of r̂ = 1); a loss minimized at half the log-ratio would be off by
   * about 0.29. (Measured: 0.147 after 20 epochs, about 10 s of training; the Brier score's gradient vanishes
   * for confident outputs, so it converges more slowly than CARL and ALICE, which reach 0.05 with 100 000
   * events and 60 epochs in {@link RatioClassifierTest}.)
   */
  @Test
  void aLossAddedByOneFileLearnsTheExactRatio() {
    MixtureToy toy = new MixtureToy(20_000, 13);
    TrainingSettings s = TrainingSettings.DEFAULT.withHidden(32, 32).withMaxEpochs(20).withBatchSize(256)
        .withLearningRateDecay(0.95).withProgress(false);
    double[] thetas = RatioClassifierTest.THETAS;
    double[][] ev = MixtureToy.sample(PersistenceTest.THETA0[0], 20_000, 99);
    double sq = 0;
    for (double t : thetas) {
      for (int i = 0; i < ev[0].length; i++) {
        double l = MixtureToy.logRatio(ev[0][i], ev[1][i], t, PersistenceTest.THETA0[0]);
        sq += l * l;
      }
    }
    double exactRms = Math.sqrt(sq / (thetas.length * ev[0].length));
    try (ParametrizedRatio r = RatioClassifier.train(toy.features(), toy.weights(), RatioClassifierTest.PRIOR,
        PersistenceTest.THETA0, RatioLoss.of("brier"), s)) {
      double rms = MixtureToy.rmsError(r, thetas, 20_000, 99);
      System.out.printf("brier: log-ratio RMS %.4f (exact log-ratio RMS %.4f), %s%n", rms, exactRms, r.history());
      assertThat(exactRms).as("RMS of the exact log-ratio (the error of r̂ = 1)").isGreaterThan(2 * BRIER_MAX_RMS);
      assertThat(rms).as("brier log-ratio RMS error").isLessThan(BRIER_MAX_RMS);
    }
  }

  /** Tolerance of {@link #aLossAddedByOneFileLearnsTheExactRatio}: log-ratio RMS error (20 000 events, 20 epochs). */
  static final double BRIER_MAX_RMS = 0.2;

  @Test
  void aLossAddedByOneFileTrainsSavesAndLoads() {
    MixtureToy toy = new MixtureToy(3000, 5);
    FeatureMatrix x = toy.features();
    double[] theta = {0.3};
    double[] brier;
    double[] alice;
    try (ParametrizedRatio r = RatioClassifier.train(x, toy.weights(), PersistenceTest.PRIOR, PersistenceTest.THETA0,
        RatioLoss.of("brier"), PersistenceTest.QUICK)) {
      assertThat(r.method()).as("method of a brier-trained classifier").isEqualTo("brier");
      brier = r.logRatio(x, theta);
      r.save(tmp.resolve("brier"));
    }
    try (RatioEstimator back = Summaries.loadRatio(tmp.resolve("brier"))) {
      assertThat(back.logRatio(x, theta)).as("reloaded brier classifier").containsExactly(brier);
    }
    // same seed and pairing as ALICE, different per-example loss: the loss is what changed the network
    try (ParametrizedRatio r = RatioClassifier.train(x, toy.weights(), PersistenceTest.PRIOR, PersistenceTest.THETA0,
        RatioLoss.ALICE, PersistenceTest.QUICK)) {
      alice = r.logRatio(x, theta);
    }
    assertThat(brier).as("brier versus alice log-ratios").isNotEqualTo(alice);
  }
}
