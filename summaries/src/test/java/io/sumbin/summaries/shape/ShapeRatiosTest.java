package io.sumbin.summaries.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.binning.EventTable;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.persistence.SummaryFormatException;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ĝ(x, ±1) learned for a Gaussian whose mean moves by ±δ (exact g = exp(±δx − δ²/2)) with a second,
 * irrelevant feature, weighted samples whose weight sums differ (rates 1.05 and 0.9).
 */
class ShapeRatiosTest {
  static final double DELTA = 0.3;
  static final int N = 8000;
  /** Tiny network on 8k events per sample: |ĝ/g − 1| in |x| ≤ 1.5 (87 % of the nominal events). */
  static final double BULK_TOL = 0.10;
  static EventTable nominal;
  static EventTable up;
  static EventTable down;
  static final ShapeTraining HOW = ShapeTraining.of(List.of("x", "y"), TrainingSettings.DEFAULT.withHidden(16)
      .withBatchSize(500).withPatience(3).withMaxEpochs(15).withLearningRate(1e-2));

  @BeforeAll
  static void samples() {
    SplittableRandom r = new SplittableRandom(11);
    nominal = gaussian(r, 0, 2.0);
    up = gaussian(r, DELTA, 2.0 * 1.05);
    down = gaussian(r, -DELTA, 2.0 * 0.9);
  }

  static EventTable gaussian(SplittableRandom r, double mean, double w) {
    double[] x = new double[N];
    double[] y = new double[N];
    double[] ws = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = mean + r.nextGaussian();
      y[i] = r.nextDouble();
      ws[i] = w * (0.5 + r.nextDouble()); // unequal weights, same mean
    }
    return EventTable.of("bkg", ws).withDoubleColumn("x", x).withDoubleColumn("y", y);
  }

  static FeatureMatrix grid() {
    int k = 61;
    double[] x = new double[k];
    double[] y = new double[k];
    for (int i = 0; i < k; i++) {
      x[i] = -1.5 + 3.0 * i / (k - 1);
      y[i] = 0.5;
    }
    return FeatureMatrix.ofColumns(List.of("y", "x"), y, x); // columns in another order: selected by name
  }

  @Test
  void learnsTheShapeRatioAndKeepsTheRateApart(@TempDir Path tmp) {
    try (ShapeRatio g = ShapeRatios.train("bkg", "shift", nominal, up, down, HOW)) {
      assertThat(g.rateUp().value()).isCloseTo(up.sumWeights() / nominal.sumWeights(), within(1e-12));
      assertThat(g.rateDown().value()).isCloseTo(down.sumWeights() / nominal.sumWeights(), within(1e-12));
      assertThat(g.rateUp().value()).isCloseTo(1.05, within(3 * g.rateUp().error()));
      FeatureMatrix x = grid();
      ShapeRatio.Columns c = g.columns(x);
      double[] xs = x.column("x");
      for (int i = 0; i < xs.length; i++) {
        assertThat((double) c.up()[i]).as("up at x = %f", xs[i])
            .isCloseTo(Math.exp(DELTA * xs[i] - 0.5 * DELTA * DELTA), within(BULK_TOL * Math.exp(DELTA * xs[i])));
        assertThat((double) c.down()[i]).as("down at x = %f", xs[i])
            .isCloseTo(Math.exp(-DELTA * xs[i] - 0.5 * DELTA * DELTA), within(BULK_TOL * Math.exp(-DELTA * xs[i])));
      }
      // closure on held-out events: E_0[ĝ] (before normalisation) and E_±[1/ĝ] are 1 within 3σ (+1 % for the network)
      for (ShapeRatio.Closure cl : List.of(g.closureUp(), g.closureDown())) {
        assertThat(cl.nominalMean()).isCloseTo(1.0, within(3 * cl.nominalMeanError() + 0.01));
        assertThat(cl.inverseMean()).isCloseTo(1.0, within(3 * cl.inverseMeanError() + 0.01));
        assertThat(cl.normalization()).isEqualTo(cl.nominalMean());
      }
      // early stopping on the held-out loss: the up network (seeded) stops 3 epochs (the patience) after its
      // best held-out loss, well before the 15-epoch budget, and keeps that epoch
      TrainingHistory hist = g.history("up");
      assertThat(hist.stoppedEarly()).isTrue();
      assertThat(hist.trainLoss().length).isLessThan(15);
      assertThat(hist.bestEpoch()).isEqualTo(hist.trainLoss().length - 1 - 3);
      assertThat(hist.validationLoss()[hist.bestEpoch()]).isEqualTo(Arrays.stream(hist.validationLoss()).min().orElseThrow());

      // save → load gives the same columns and fields
      Path dir = tmp.resolve("g");
      g.save(dir);
      try (ShapeRatio h = ShapeRatio.load(dir)) {
        assertThat(h.process()).isEqualTo("bkg");
        assertThat(h.systematic()).isEqualTo("shift");
        assertThat(h.features()).containsExactly("x", "y");
        assertThat(h.rateDown()).isEqualTo(g.rateDown());
        assertThat(h.closureUp()).isEqualTo(g.closureUp());
        assertThat(h.calibrationUp()).isEqualTo(g.calibrationUp());
        ShapeRatio.Columns d = h.columns(x);
        assertThat(d.up()).containsExactly(c.up());
        assertThat(d.down()).containsExactly(c.down());
      }
    }
  }

  @Test
  void sameSeedSameRatio() {
    ShapeTraining how = HOW.withTraining(HOW.training().withMaxEpochs(2)).withCalibration(ShapeTraining.Calibration.HISTOGRAM);
    try (ShapeRatio a = ShapeRatios.train("bkg", "shift", nominal, up, down, how);
        ShapeRatio b = ShapeRatios.train("bkg", "shift", nominal, up, down, how)) {
      assertThat(b.columns(grid()).up()).containsExactly(a.columns(grid()).up());
      assertThat(a.calibrationDown().kind()).isEqualTo("histogram");
    }
  }

  @Test
  void badInputNamesTheProblem(@TempDir Path tmp) throws Exception {
    assertThatThrownBy(() -> ShapeRatios.train("bkg", "shift", nominal, up, down, HOW.withFeatures(List.of("x", "z"))))
        .hasMessageContaining("'z'");
    EventTable negative = up.withScaledWeights(-1);
    assertThatThrownBy(() -> ShapeRatios.train("bkg", "shift", nominal, negative, down, HOW))
        .hasMessageContaining("shape ratio bkg/shift: the up sample has total weight -");
    assertThatThrownBy(() -> HOW.withTraining(HOW.training().withValidationFraction(0)))
        .hasMessageContaining("validation fraction must be > 0");
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> ShapeRatio.load(tmp.resolve("empty"))).isInstanceOf(SummaryFormatException.class)
        .hasMessageContaining("summary.json");
  }
}
