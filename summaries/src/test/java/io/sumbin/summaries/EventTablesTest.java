package io.sumbin.summaries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sumbin.binning.EventTable;
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
    assertEquals(List.of("cA", "cB"), EventTables.eftCoefficients(t));
    PolynomialWeights w = EventTables.eftWeights(t);
    assertEquals(List.of("1", "cA", "cB", "cA^2", "cA*cB", "cB^2"), w.basis().termNames());
    double[] c = {0.3, -0.7};
    double[] th = {1, c[0], c[1]};
    for (int i = 0; i < n; i++) {
      double q = 0;
      for (int p = 0; p < 3; p++) {
        for (int s = 0; s < 3; s++) {
          q += th[p] * a[i][p][s] * th[s];
        }
      }
      assertEquals(wsm[i] * q, w.weight(i, c), EXACT);
    }
    PolynomialWeights onlyB = EventTables.eftWeights(t, List.of("cB"));
    for (int i = 0; i < n; i++) {
      assertEquals(w.weight(i, new double[] {0, 0.4}), onlyB.weight(i, new double[] {0.4}), EXACT);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventTables.eftWeights(t, List.of("cZ")));
    assertTrue(e.getMessage().contains("unknown EFT coefficient 'cZ'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EventTables.eftWeights(EventTable.unweighted("p", 3)));
    assertTrue(e.getMessage().contains("no EFT columns"), e.getMessage());
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
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventTables.features(tb, List.of("x", "y")));
    assertTrue(e.getMessage().contains("column 'y' is NaN for event 7"), e.getMessage());
    assertEquals(n - 1, EventTables.finiteRows(tb, List.of("x", "y")).length);
    FeatureMatrix x = EventTables.features(t, List.of("x"));
    assertArrayEquals(t.doubles("x"), x.column(0), 1e-6);
    PolynomialWeights w = EventTables.eftWeights(t);
    try (DerivativeSummary d = DerivativeLearning.train(x, w, new double[2], null, PersistenceTest.QUICK)) {
      EventTable out = EventTables.withSummary(t, d, "nn_");
      assertTrue(out.hasColumn("nn_R_cA") && out.hasColumn("nn_R_cA_cB"), out.columnNames().toString());
      assertArrayEquals(d.linearTerms(x)[1], out.doubles("nn_R_cB"), 0.0);
    }
  }
}
