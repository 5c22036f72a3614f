package io.sumbin.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

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
    assertThat(BinningStrategy.uniform(4, 0, 1).edges(null, null))
        .as("BinningStrategy.uniform(4, 0, 1).edges(null, null)")
        .containsExactly(new double[] {0, 0.25, 0.5, 0.75, 1}, within(EXACT));
    assertThat(BinningStrategy.uniform(4).edges(range(1, 10), null))
        .as("BinningStrategy.uniform(4).edges(range(1, 10), null)")
        .containsExactly(new double[] {1, 3.25, 5.5, 7.75, 10}, within(EXACT));
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> BinningStrategy.uniform(3).edges(new double[] {2, 2, Double.NaN}, null))
        .actual();
    assertThat(e.getMessage())
        .as("e.getMessage()")
        .isEqualTo("cannot take the binning range from the data: all finite values equal 2.0");
  }

  @Test
  void quantileOnUnitWeightsHasKnownEdges() {
    // 100 events 1..100, 4 equal-yield bins: cuts after events 25, 50, 75, half-way to the next value
    double[] e = BinningStrategy.quantile(4).edges(range(1, 100), null);
    assertThat(e).as("e").containsExactly(new double[] {1, 25.5, 50.5, 75.5, 100}, within(EXACT));
    Histogram h = Histogram.fill(e, range(1, 100), null);
    assertThat(h.sumw()).as("h.sumw()").containsExactly(new double[] {25, 25, 25, 25}, within(EXACT));
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
    assertThat(e).as("e").containsExactly(new double[] {1, 7.5, 20.5, 40}, within(EXACT));
    double[] e2 = BinningStrategy.quantile(2, 0, 50).edges(x, w);
    assertThat(e2).as("e2").containsExactly(new double[] {0, 10.5, 50}, within(EXACT));
  }

  @Test
  void quantileNeverSplitsTiesAndMayReturnFewerBins() {
    double[] x = {1, 1, 1, 1, 1, 2, 3, 4};
    double[] e = BinningStrategy.quantile(4).edges(x, null);
    // W = 8, targets 2, 4, 6. The first target is reached inside the tie at x = 1: the cut goes after
    // the whole tie (C = 5), which also passes target 4 (skipped); target 6 is reached at x = 2.
    assertThat(e).as("e").containsExactly(new double[] {1, 1.5, 2.5, 4}, within(EXACT));
    assertThat(Histogram.fill(e, x, null).sumw())
        .as("Histogram.fill(e, x, null).sumw()")
        .containsExactly(new double[] {5, 1, 2}, within(EXACT));
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
    assertThat(h.nbins()).as("h.nbins()").isEqualTo(nb);
    for (int b = 0; b < nb; b++) {
      assertThat(h.sumw(b)).as("bin " + b + " yield " + h.sumw(b)).isGreaterThan(total / nb - wmax);
    }
    IllegalArgumentException neg = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> BinningStrategy.quantile(2).edges(new double[] {1, 2}, new double[] {1, -2}))
        .actual();
    assertThat(neg.getMessage())
        .as("neg.getMessage()")
        .isEqualTo("quantile binning: the reference yield in [1.0, 2.0] is -1.0 (2 events); equal-yield bins need a positive total");
  }

  @Test
  void minimumMcStatMergesWorstBinWithWorseNeighbour() {
    // unit weights: S = Q = [10, 1, 1, 10], relative errors 0.316, 1, 1, 0.316; threshold 0.5.
    // worst = bin 1 (lowest index of the tie), its worse neighbour is bin 2 -> [10, 2, 10];
    // 1/sqrt(2) = 0.71 still fails, neighbours tie -> merge left -> [12, 10]
    double[] merged = BinningAlgorithms.mergeForMcStat(new double[] {0, 1, 2, 3, 4}, new double[] {10, 1, 1, 10},
        new double[] {10, 1, 1, 10}, 0.5);
    assertThat(merged).as("merged").containsExactly(new double[] {0, 3, 4}, within(EXACT));
    Histogram h = Histogram.ofContents(new double[] {0, 1, 2, 3, 4}, new double[] {10, -1, 0, 10}, new double[] {10, 1, 0, 10});
    // non-positive bins are merged first: bin 1 (S=-1) with bin 2 (empty, also +inf) -> [10, -1, 10] -> ...
    Histogram m = h.mergedForMcStat(0.5);
    for (int b = 0; b < m.nbins(); b++) {
      assertThat(m.sumw(b) > 0 && Math.sqrt(m.sumw2(b)) / m.sumw(b) <= 0.5).as("bin " + b).isTrue();
    }
    assertThat(m.edges()).as("m.edges()").containsExactly(new double[] {0, 3, 4}, within(EXACT));
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> Histogram.ofContents(new double[] {0, 1}, new double[] {1}, new double[] {1}).mergedForMcStat(0.5))
        .actual();
    assertThat(e.getMessage())
        .as(e.getMessage())
        .startsWith("minimum-MC-stat binning impossible: one bin over [0.0, 1.0]");
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
      assertThat(h.total())
          .as("h.total()")
          .isCloseTo(Histogram.fill(BinningStrategy.uniform(50).edges(x, w), x, w).total(), within(ROUNDING * n));
      for (int b = 0; b < h.nbins(); b++) {
        assertThat(h.sumw(b) > 0 && Math.sqrt(h.sumw2(b)) <= eps * h.sumw(b) * (1 + ROUNDING))
            .as("rep " + rep + " bin " + b + ": " + h.sumw(b) + " +- " + Math.sqrt(h.sumw2(b)))
            .isTrue();
      }
      assertThat(h.nbins()).as("the exponential sample supports several bins, got " + h.nbins()).isGreaterThan(3);
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
    assertThat(fam.size()).as("fam.size()").isEqualTo(2);
    double[] w = new double[100];
    for (int i = 0; i < 100; i++) {
      w[i] = i < 10 ? 1 : 0;
    }
    assertThat(fam.get(0).histogram(w).sumw())
        .as("fam.get(0).histogram(w).sumw()")
        .containsExactly(new double[] {0, 10}, within(EXACT));
    assertThat(fam.get(1).histogram(w).sumw())
        .as("fam.get(1).histogram(w).sumw()")
        .containsExactly(new double[] {10, 0}, within(EXACT));
    // per-point quantiles with point-dependent reference weights
    List<ScanPointBinning<Double>> q = ScanPointBinning.build(points, s -> x, s -> {
      double[] r = new double[100];
      for (int i = 0; i < 100; i++) {
        r[i] = s > 0 ? (i < 50 ? 1 : 0) : 1;
      }
      return r;
    }, BinningStrategy.quantile(2));
    assertThat(q.get(0).edges()).as("q.get(0).edges()").containsExactly(new double[] {1, 25.5, 100}, within(EXACT));
    assertThat(q.get(1).edges()).as("q.get(1).edges()").containsExactly(new double[] {1, 50.5, 100}, within(EXACT));
    assertThat(q.get(0).reference().sumw())
        .as("q.get(0).reference().sumw()")
        .containsExactly(new double[] {25, 25}, within(EXACT));
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> ScanPointBinning.build(points, s -> new double[3], new double[4], BinningStrategy.quantile(2)))
        .actual();
    assertThat(e.getMessage())
        .as("e.getMessage()")
        .isEqualTo("scan point 0 (1.0): observable has 3 values, reference weights 4");
  }

  @Test
  void summedSummaryOfOneHotVectorsIsAHistogram() {
    double[] s = {1, 0, 0, /**/ 0, 1, 0, /**/ 0, 1, 0, /**/ 0, 0, 1};
    double[] w = {2, 3, -1, 4};
    SummedSummary ss = SummedSummary.of(s, 3, w);
    assertThat(ss.sum()).as("ss.sum()").containsExactly(new double[] {2, 2, 4}, within(EXACT));
    assertThat(ss.covariance())
        .as("ss.covariance()")
        .containsExactly(new double[] {4, 0, 0, 0, 10, 0, 0, 0, 16}, within(EXACT));
    Histogram h = ss.asHistogram();
    assertThat(h.edges()).as("h.edges()").containsExactly(new double[] {0, 1, 2, 3}, within(EXACT));
    assertThat(h.sumw2()).as("h.sumw2()").containsExactly(new double[] {4, 10, 16}, within(EXACT));
  }

  @Test
  void summedSummaryCovarianceOfSoftVectors() {
    double[] s = {0.5, 0.5, /**/ 0.25, 0.75};
    double[] w = {2, 4};
    SummedSummary ss = SummedSummary.of(s, 2, w);
    assertThat(ss.sum()).as("ss.sum()").containsExactly(new double[] {2, 4}, within(EXACT));
    // C = 4 [.25 .25; .25 .25] + 16 [.0625 .1875; .1875 .5625]
    assertThat(ss.covariance()).as("ss.covariance()").containsExactly(new double[] {2, 4, 4, 10}, within(EXACT));
    EventTable t = EventTable.of("p", w).withDoubleColumn("s0", new double[] {0.5, 0.25})
        .withFloatColumn("s1", new double[] {0.5, 0.75});
    SummedSummary fromTable = SummedSummary.of(t, List.of("s0", "s1"));
    assertThat(fromTable.sum()).as("fromTable.sum()").containsExactly(ss.sum(), within(EXACT));
    assertThat(fromTable.covariance()).as("fromTable.covariance()").containsExactly(ss.covariance(), within(EXACT));
    assertThat(ss.plus(ss).sum()).as("ss.plus(ss).sum()").containsExactly(new double[] {4, 8}, within(EXACT));
    assertThat(ss.scaled(2).covariance())
        .as("ss.scaled(2).covariance()")
        .containsExactly(new double[] {8, 16, 16, 40}, within(EXACT));
  }
}
