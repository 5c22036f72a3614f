package io.sumbin.binning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinningStrategyTest {
  private static final double EXACT = 0.0;
  private static final double ROUNDING = 1e-12;

  private static double[] range(int from, int to) {
    double[] x = new double[to - from + 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = from + i;
    }
    return x;
  }

  @Test
  void uniform() {
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, BinningStrategy.uniform(4, 0, 1).edges(null, null), EXACT);
    assertArrayEquals(new double[] {1, 3.25, 5.5, 7.75, 10}, BinningStrategy.uniform(4).edges(range(1, 10), null), EXACT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BinningStrategy.uniform(3).edges(new double[] {2, 2, Double.NaN}, null));
    assertEquals("cannot take the binning range from the data: all finite values equal 2.0", e.getMessage());
  }

  @Test
  void quantileOnUnitWeightsHasKnownEdges() {
    // 100 events 1..100, 4 equal-yield bins: cuts after events 25, 50, 75, half-way to the next value
    double[] e = BinningStrategy.quantile(4).edges(range(1, 100), null);
    assertArrayEquals(new double[] {1, 25.5, 50.5, 75.5, 100}, e, EXACT);
    Histogram h = Histogram.fill(e, range(1, 100), null);
    assertArrayEquals(new double[] {25, 25, 25, 25}, h.sumw(), EXACT);
  }

  @Test
  void quantileUsesWeightsAndGivenRange() {
    // weights 3 on x = 1..10 and 1 on x = 11..40: W = 60, targets 20, 40
    double[] x = range(1, 40);
    double[] w = new double[40];
    for (int i = 0; i < 40; i++) {
      w[i] = i < 10 ? 3 : 1;
    }
    double[] e = BinningStrategy.quantile(3).edges(x, w);
    // C reaches target 20 at x = 7 (C = 21) and target 40 at x = 20 (C = 30 + 10)
    assertArrayEquals(new double[] {1, 7.5, 20.5, 40}, e, EXACT);
    double[] e2 = BinningStrategy.quantile(2, 0, 50).edges(x, w);
    assertArrayEquals(new double[] {0, 10.5, 50}, e2, EXACT);
  }

  @Test
  void quantileNeverSplitsTiesAndMayReturnFewerBins() {
    double[] x = {1, 1, 1, 1, 1, 2, 3, 4};
    double[] e = BinningStrategy.quantile(4).edges(x, null);
    // W = 8, targets 2, 4, 6. The first target is reached inside the tie at x = 1: the cut goes after
    // the whole tie (C = 5), which also passes target 4 (skipped); target 6 is reached at x = 2.
    assertArrayEquals(new double[] {1, 1.5, 2.5, 4}, e, EXACT);
    assertArrayEquals(new double[] {5, 1, 2}, Histogram.fill(e, x, null).sumw(), EXACT);
  }

  @Test
  void quantileWithNegativeWeightsKeepsBinsAboveTargetMinusMaxWeight() {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 5000;
    double[] x = new double[n];
    double[] w = new double[n];
    double wmax = 0;
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble() * 10;
      w[i] = rng.nextDouble() < 0.2 ? -0.5 : 1.0; // NLO-like 20 % negative weights
      wmax = Math.max(wmax, w[i]);
    }
    int nb = 10;
    double[] e = BinningStrategy.quantile(nb).edges(x, w);
    Histogram h = Histogram.fill(e, x, w);
    double total = h.total();
    assertEquals(nb, h.nbins());
    for (int b = 0; b < nb; b++) {
      assertTrue(h.sumw(b) > total / nb - wmax, "bin " + b + " yield " + h.sumw(b));
    }
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
        () -> BinningStrategy.quantile(2).edges(new double[] {1, 2}, new double[] {1, -2}));
    assertEquals("quantile binning: the reference yield in [1.0, 2.0] is -1.0 (2 events); equal-yield bins need a positive total",
        neg.getMessage());
  }

  @Test
  void minimumMcStatMergesWorstBinWithWorseNeighbour() {
    // unit weights: S = Q = [10, 1, 1, 10], relative errors 0.316, 1, 1, 0.316; threshold 0.5.
    // worst = bin 1 (lowest index of the tie), its worse neighbour is bin 2 -> [10, 2, 10];
    // 1/sqrt(2) = 0.71 still fails, neighbours tie -> merge left -> [12, 10]
    double[] merged = BinningAlgorithms.mergeForMcStat(new double[] {0, 1, 2, 3, 4}, new double[] {10, 1, 1, 10},
        new double[] {10, 1, 1, 10}, 0.5);
    assertArrayEquals(new double[] {0, 3, 4}, merged, EXACT);
    Histogram h = Histogram.ofContents(new double[] {0, 1, 2, 3, 4}, new double[] {10, -1, 0, 10}, new double[] {10, 1, 0, 10});
    // non-positive bins are merged first: bin 1 (S=-1) with bin 2 (empty, also +inf) -> [10, -1, 10] -> ...
    Histogram m = h.mergedForMcStat(0.5);
    for (int b = 0; b < m.nbins(); b++) {
      assertTrue(m.sumw(b) > 0 && Math.sqrt(m.sumw2(b)) / m.sumw(b) <= 0.5, "bin " + b);
    }
    assertArrayEquals(new double[] {0, 3, 4}, m.edges(), EXACT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Histogram.ofContents(new double[] {0, 1}, new double[] {1}, new double[] {1}).mergedForMcStat(0.5));
    assertTrue(e.getMessage().startsWith("minimum-MC-stat binning impossible: one bin over [0.0, 1.0]"), e.getMessage());
  }

  @Test
  void minimumMcStatStrategyOnRandomSamplesSatisfiesTheCriterion() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int rep = 0; rep < 20; rep++) {
      int n = 2000;
      double[] x = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = -Math.log(rng.nextDouble()); // falling exponential: sparse tail
        w[i] = rng.nextDouble() < 0.1 ? -1 : 1 + rng.nextDouble();
      }
      double eps = 0.1;
      double[] e = BinningStrategy.minimumMcStat(BinningStrategy.uniform(50), eps).edges(x, w);
      Histogram h = Histogram.fill(e, x, w);
      assertEquals(Histogram.fill(BinningStrategy.uniform(50).edges(x, w), x, w).total(), h.total(), ROUNDING * n);
      for (int b = 0; b < h.nbins(); b++) {
        assertTrue(h.sumw(b) > 0 && Math.sqrt(h.sumw2(b)) <= eps * h.sumw(b) * (1 + ROUNDING),
            "rep " + rep + " bin " + b + ": " + h.sumw(b) + " +- " + Math.sqrt(h.sumw2(b)));
      }
      assertTrue(h.nbins() > 3, "the exponential sample supports several bins, got " + h.nbins());
    }
  }

  @Test
  void scanPointBinningUsesEachPointsObservableAndEdges() {
    double[] x = range(1, 100);
    List<Double> points = List.of(1.0, -1.0);
    List<ScanPointBinning<Double>> fam = ScanPointBinning.build(points, s -> {
      double[] v = new double[x.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = s * x[i];
      }
      return v;
    }, new double[100], BinningStrategy.uniform(2, -100, 100));
    assertEquals(2, fam.size());
    double[] w = new double[100];
    for (int i = 0; i < 100; i++) {
      w[i] = i < 10 ? 1 : 0;
    }
    assertArrayEquals(new double[] {0, 10}, fam.get(0).histogram(w).sumw(), EXACT);
    assertArrayEquals(new double[] {10, 0}, fam.get(1).histogram(w).sumw(), EXACT);
    // per-point quantiles with point-dependent reference weights
    List<ScanPointBinning<Double>> q = ScanPointBinning.build(points, s -> x, s -> {
      double[] r = new double[100];
      for (int i = 0; i < 100; i++) {
        r[i] = s > 0 ? (i < 50 ? 1 : 0) : 1;
      }
      return r;
    }, BinningStrategy.quantile(2));
    assertArrayEquals(new double[] {1, 25.5, 100}, q.get(0).edges(), EXACT);
    assertArrayEquals(new double[] {1, 50.5, 100}, q.get(1).edges(), EXACT);
    assertArrayEquals(new double[] {25, 25}, q.get(0).reference().sumw(), EXACT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScanPointBinning.build(points, s -> new double[3], new double[4], BinningStrategy.quantile(2)));
    assertEquals("scan point 0 (1.0): observable has 3 values, reference weights 4", e.getMessage());
  }

  @Test
  void summedSummaryOfOneHotVectorsIsAHistogram() {
    double[] s = {1, 0, 0, /**/ 0, 1, 0, /**/ 0, 1, 0, /**/ 0, 0, 1};
    double[] w = {2, 3, -1, 4};
    SummedSummary ss = SummedSummary.of(s, 3, w);
    assertArrayEquals(new double[] {2, 2, 4}, ss.sum(), EXACT);
    assertArrayEquals(new double[] {4, 0, 0, 0, 10, 0, 0, 0, 16}, ss.covariance(), EXACT);
    Histogram h = ss.asHistogram();
    assertArrayEquals(new double[] {0, 1, 2, 3}, h.edges(), EXACT);
    assertArrayEquals(new double[] {4, 10, 16}, h.sumw2(), EXACT);
  }

  @Test
  void summedSummaryCovarianceOfSoftVectors() {
    double[] s = {0.5, 0.5, /**/ 0.25, 0.75};
    double[] w = {2, 4};
    SummedSummary ss = SummedSummary.of(s, 2, w);
    assertArrayEquals(new double[] {2, 4}, ss.sum(), EXACT);
    // C = 4 [.25 .25; .25 .25] + 16 [.0625 .1875; .1875 .5625]
    assertArrayEquals(new double[] {2, 4, 4, 10}, ss.covariance(), EXACT);
    EventTable t = EventTable.of("p", w).withDoubleColumn("s0", new double[] {0.5, 0.25})
        .withFloatColumn("s1", new double[] {0.5, 0.75});
    SummedSummary fromTable = SummedSummary.of(t, List.of("s0", "s1"));
    assertArrayEquals(ss.sum(), fromTable.sum(), EXACT);
    assertArrayEquals(ss.covariance(), fromTable.covariance(), EXACT);
    assertArrayEquals(new double[] {4, 8}, ss.plus(ss).sum(), EXACT);
    assertArrayEquals(new double[] {8, 16, 16, 40}, ss.scaled(2).covariance(), EXACT);
  }
}
