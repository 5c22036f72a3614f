package io.sumbin.eft.unbinned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.binning.EventTable;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.shape.ShapeRatio;
import io.sumbin.summaries.shape.ShapeTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LearnedShapes#addTo}: one background with a learned shape systematic in a self-normalised
 * unbinned model. After the renormalisation on the model events the shape factors are pure shapes, so
 * the expected total at any α is ν_B · G(α) with G the code-4 normsys from the weight sums.
 */
class LearnedShapesTest {
  static final int N = 6000;
  /** float32 columns: relative precision of sums of 6000 floats. */
  static final double FLOAT_TOL = 1e-5;

  static EventTable gaussian(SplittableRandom r, int n, double mean, double w) {
    double[] x = new double[n];
    double[] ws = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = mean + r.nextGaussian();
      ws[i] = w;
    }
    return EventTable.of("bkg", ws).withDoubleColumn("x", x);
  }

  @Test
  void addsShapeAndRateAndKeepsTheShapePure(@TempDir Path tmp) {
    SplittableRandom r = new SplittableRandom(3);
    EventTable nominal = gaussian(r, N, 0, 1.0);
    EventTable up = gaussian(r, N, 0.25, 1.1);
    EventTable down = gaussian(r, N, -0.25, 0.95);
    EventTable events = gaussian(r, 4000, 0, 1.0 / 4000);
    float[] omega = new float[events.size()];
    for (int i = 0; i < omega.length; i++) {
      omega[i] = (float) events.weight(i);
    }
    UnbinnedModel.Builder b = UnbinnedModel.builder(events.size()).poi("mu", 1, 0, 5).threads(1).referenceWeights(omega);
    int bkg = b.component("bkg", 500, new Coefficient.Monomial(List.of("mu")));
    ShapeTraining how = ShapeTraining.of(List.of("x"), TrainingSettings.DEFAULT.withHidden(8).withBatchSize(500)
        .withMaxEpochs(8).withPatience(2).withLearningRate(1e-2));
    LearnedShapes.Report rep = LearnedShapes.addTo(b, events, omega,
        List.of(new LearnedShapes.Process(bkg, "bkg", nominal, null,
            List.of(new LearnedShapes.Variation("jes", up, down)))), how, tmp);
    assertThat(rep.entries()).hasSize(1);
    LearnedShapes.Entry e = rep.entries().get(0);
    assertThat(e.normAdded()).isTrue();
    assertThat(e.up().rate().value()).isCloseTo(1.1, within(1e-12));
    assertThat(e.down().rate().value()).isCloseTo(0.95, within(1e-12));
    assertThat(e.seconds()).isPositive();
    // the renormalisation on the model events corrects the held-out one by sampling noise only (~1/√4000)
    assertThat(e.up().modelNormalization()).isCloseTo(1.0, within(0.03));
    assertThat(e.down().modelNormalization()).isCloseTo(1.0, within(0.03));
    assertThat(e.savedTo()).isEqualTo(tmp.resolve("bkg__jes"));
    try (ShapeRatio saved = ShapeRatio.load(e.savedTo())) {
      assertThat(saved.rateUp()).isEqualTo(e.up().rate());
    }
    try (UnbinnedModel m = b.build()) {
      assertThat(m.parNames()).containsExactly("mu", "jes");
      double[] d = new double[m.nMain() + m.nAux()];
      // Σ_i ω_i s_i(μ = 1, α) = 500 · κ(α): ±1 give the weight-sum ratios, 0.5 the code-4 interpolation
      for (double[] ak : new double[][] {{0, 1}, {1, 1.1}, {-1, 0.95}}) {
        m.expectedData(new double[] {1, ak[0]}, d);
        double total = 0;
        for (int i = 0; i < m.nMain(); i++) {
          total += d[i];
        }
        assertThat(total).as("α = %f", ak[0]).isCloseTo(500 * ak[1], within(500 * ak[1] * FLOAT_TOL));
      }
      // inside (−1, 1): the shape part keeps its mean exactly, so the total moves with κ only (between 1 and G(+1))
      m.expectedData(new double[] {1, 0.5}, d);
      double half = 0;
      for (int i = 0; i < m.nMain(); i++) {
        half += d[i];
      }
      assertThat(half).isBetween(500.0, 550.0);
    }
  }
}
