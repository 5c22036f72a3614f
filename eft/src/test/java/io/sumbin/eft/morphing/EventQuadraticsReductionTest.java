package io.sumbin.eft.morphing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.binning.BinningStrategy;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the long commands give the same numbers bit for bit: one coefficient's view of the events
 * ({@link EventQuadratics#only}), the zero-skipping weight sums, and jackknife templates from factors
 * ({@link TruthTemplates.PointTemplates#withFactors}).
 */
class EventQuadraticsReductionTest {
  private static EventQuadratics events(int n, long seed) {
    QuadraticBasis b = new QuadraticBasis(List.of("cA", "cB", "cC"), false);
    SplittableRandom r = new SplittableRandom(seed);
    double[] beta = new double[n * b.size()];
    for (int i = 0; i < n; i++) {
      beta[i * b.size()] = r.nextDouble(0.1, 2.0);
      for (int k = 1; k < b.size(); k++) {
        beta[i * b.size() + k] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(6) - 3);
      }
    }
    beta[3 * b.size()] = 0; // an event without SM weight
    return EventQuadratics.of(b, beta);
  }

  @Test
  void oneCoefficientViewGivesTheSameWeightsRatiosDerivativesAndTemplates() {
    EventQuadratics q = events(2000, 3);
    for (int j = 0; j < 3; j++) {
      EventQuadratics one = q.only(j);
      assertThat(one.basis().size()).isEqualTo(3);
      assertThat(one.coefficients()).containsExactly(q.coefficients().get(j));
      for (double c : new double[] {0.0, -0.37, 1e-3, 2.5}) {
        double[] full = new double[3];
        full[j] = c;
        double[] single = {c};
        assertThat(one.weights(single)).containsExactly(q.weights(full));
        assertThat(one.ratios(single)).containsExactly(q.ratios(full));
        assertThat(one.weightDerivatives(single, 0)).containsExactly(q.weightDerivatives(full, j));
        assertThat(one.crossSection(single)).isEqualTo(q.crossSection(full));
        double[] dFull = new double[3];
        dFull[j] = 1;
        double[] oFull = TruthTemplates.optimalObservable(q, dFull).apply(full);
        double[] oOne = TruthTemplates.optimalObservable(one, new double[] {1}).apply(single);
        assertThat(oOne).containsExactly(oFull);
      }
    }
  }

  @Test
  void zeroSkippingSumsEqualTheFullLoop() {
    EventQuadratics q = events(500, 5);
    double[] c = {0.0, 0.8, 0.0};
    double[] phi = q.basis().designRow(c);
    double[] w = q.weights(c);
    for (int i = 0; i < q.size(); i++) {
      double s = 0;
      for (int k = 0; k < phi.length; k++) {
        s += phi[k] * q.component(i, k);
      }
      assertThat(w[i]).isEqualTo(s);
    }
  }

  @Test
  void templatesFromFactorsEqualTemplatesOfReweightedEvents() {
    EventQuadratics q = events(3000, 11).only(1);
    double[] point = {0.4};
    double[] sm = q.weights(new double[1]);
    TruthTemplates.PointTemplates pt = TruthTemplates.build(q, List.of(point), TruthTemplates.optimalObservable(q, new double[] {1}),
        c -> sm, BinningStrategy.quantile(7)).get(0);
    SplittableRandom r = new SplittableRandom(2);
    double[] f = new double[q.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = r.nextInt(10) == 0 ? 0.0 : 10 / 9.0;
    }
    TruthTemplates.PointTemplates a = pt.withWeights(q.reweighted(f));
    TruthTemplates.PointTemplates b = pt.withFactors(f);
    for (int k = 0; k < 3; k++) {
      assertThat(b.template(k)).containsExactly(a.template(k));
    }
    assertThat(b.toSample("s", 3.0, "mc").data()).containsExactly(a.toSample("s", 3.0, "mc").data());
    assertThat(((io.sumbin.histmodel.spec.ModifierSpec.StatError) b.toSample("s", 3.0, "mc").modifiers().get(0)).data())
        .containsExactly(((io.sumbin.histmodel.spec.ModifierSpec.StatError) a.toSample("s", 3.0, "mc").modifiers().get(0)).data());
    assertThat(b.eventBins()).containsExactly(pt.eventBins());
    assertThat(b.histogram(point).sumw(0)).isEqualTo(a.histogram(point).sumw(0));
  }
}
