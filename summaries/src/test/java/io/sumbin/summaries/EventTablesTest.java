package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.binning.EventTable;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventTablesTest {
  static final double EXACT = 1e-12;

  /** A table with the eft module's columns for θ = (1, cA, cB) and random symmetric A per event. */
  static EventTable eftTable(int n, double[][][] aOut, double[] wsmOut) {
    SplittableRandom r = new SplittableRandom(2);
    double[] w = new double[n];
    double[] x = new double[n];
    double[][] cols = new double[5][n];
    for (int i = 0; i < n; i++) {
      w[i] = 1;
      x[i] = r.nextGaussian();
      wsmOut[i] = 0.5 + r.nextDouble();
      double[][] a = {{1, r.nextGaussian(), r.nextGaussian()}, {0, r.nextDouble(), r.nextGaussian()}, {0, 0, r.nextDouble()}};
      a[1][0] = a[0][1];
      a[2][0] = a[0][2];
      a[2][1] = a[1][2];
      aOut[i] = a;
      cols[0][i] = a[0][1];
      cols[1][i] = a[0][2];
      cols[2][i] = a[1][1];
      cols[3][i] = a[1][2];
      cols[4][i] = a[2][2];
    }
    return EventTable.of("toy", w).withDoubleColumn("x", x).withDoubleColumn("eft_wsm", wsmOut)
        .withDoubleColumn("eft_A_1_cA", cols[0]).withDoubleColumn("eft_A_1_cB", cols[1])
        .withDoubleColumn("eft_A_cA_cA", cols[2]).withDoubleColumn("eft_A_cA_cB", cols[3])
        .withDoubleColumn("eft_A_cB_cB", cols[4]);
  }

  @Test
  void eftColumnsBecomePolynomialWeights() {
    int n = 50;
    double[][][] a = new double[n][][];
    double[] wsm = new double[n];
    EventTable t = eftTable(n, a, wsm);
    assertThat(EventTables.eftCoefficients(t)).as("EventTables.eftCoefficients(t)").isEqualTo(List.of("cA", "cB"));
    PolynomialWeights w = EventTables.eftWeights(t);
    assertThat(w.basis().termNames())
        .as("w.basis().termNames()")
        .isEqualTo(List.of("1", "cA", "cB", "cA^2", "cA*cB", "cB^2"));
    double[] c = {0.3, -0.7};
    double[] th = {1, c[0], c[1]};
    for (int i = 0; i < n; i++) {
      double q = 0;
      for (int p = 0; p < 3; p++) {
        for (int s = 0; s < 3; s++) {
          q += th[p] * a[i][p][s] * th[s];
        }
      }
      assertThat(w.weight(i, c)).as("w.weight(i, c)").isCloseTo(wsm[i] * q, within(EXACT));
    }
    PolynomialWeights onlyB = EventTables.eftWeights(t, List.of("cB"));
    for (int i = 0; i < n; i++) {
      assertThat(onlyB.weight(i, new double[] {0.4}))
          .as("onlyB.weight(i, new double[] {0.4})")
          .isCloseTo(w.weight(i, new double[] {0, 0.4}), within(EXACT));
    }
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> EventTables.eftWeights(t, List.of("cZ")))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("unknown EFT coefficient 'cZ'");
    e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> EventTables.eftWeights(EventTable.unweighted("p", 3)))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("no EFT columns");
  }

  @Test
  void featuresRejectNaNAndSummariesComeBackAsColumns() {
    int n = 400;
    double[][][] a = new double[n][][];
    double[] wsm = new double[n];
    EventTable t = eftTable(n, a, wsm);
    double[] bad = t.doubles("x");
    bad[7] = Double.NaN;
    EventTable tb = t.withDoubleColumn("y", bad);
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> EventTables.features(tb, List.of("x", "y")))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("column 'y' is NaN for event 7");
    assertThat(EventTables.finiteRows(tb, List.of("x", "y")).length)
        .as("EventTables.finiteRows(tb, List.of(\"x\", \"y\")).length")
        .isEqualTo(n - 1);
    FeatureMatrix x = EventTables.features(t, List.of("x"));
    assertThat(x.column(0)).as("x.column(0)").containsExactly(t.doubles("x"), within(1e-6));
    PolynomialWeights w = EventTables.eftWeights(t);
    try (DerivativeSummary d = DerivativeLearning.train(x, w, new double[2], null, PersistenceTest.QUICK)) {
      EventTable out = EventTables.withSummary(t, d, "nn_");
      assertThat(out.hasColumn("nn_R_cA") && out.hasColumn("nn_R_cA_cB")).as(out.columnNames().toString()).isTrue();
      assertThat(out.doubles("nn_R_cB"))
          .as("out.doubles(\"nn_R_cB\")")
          .containsExactly(d.linearTerms(x)[1], within(0.0));
    }
  }
}
