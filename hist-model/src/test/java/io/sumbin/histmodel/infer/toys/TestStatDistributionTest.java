package io.sumbin.histmodel.infer.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** p-value, critical-value and percentile conventions on hand-computable samples. */
class TestStatDistributionTest {
  static final double EXACT = 1e-15;

  @Test
  void pvaluesCountTiesAsExtreme() {
    TestStatDistribution d = TestStatDistribution.ofSamples(new double[] {3, 0, 1, 1, 2, 0, 5, 4, 0, 1}, 2);
    assertEquals(10, d.size());
    assertEquals(2, d.nFailed());
    assertEquals(1.0, d.pvalue(0), EXACT);
    assertEquals(0.7, d.pvalue(1), EXACT); // 1,1,1,2,3,4,5
    assertEquals(0.4, d.pvalue(1.5), EXACT);
    assertEquals(0.0, d.pvalue(5.1), EXACT);
    assertEquals(0.6, d.cdf(1), EXACT);
  }

  @Test
  void criticalValueIsTheSmallestValueWithCdfAtLeastCl() {
    TestStatDistribution d = TestStatDistribution.ofSamples(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0);
    assertEquals(8, d.criticalValue(0.9), EXACT); // cdf(8) = 0.9 exactly (CL·N = 9 despite rounding of 0.9·10)
    assertEquals(9, d.criticalValue(0.91), EXACT);
    assertEquals(0, d.criticalValue(0.05), EXACT);
    TestStatDistribution w = TestStatDistribution.ofWeighted(new double[] {2.0, 0.5, 1.0}, new double[] {0.2, 0.5, 0.3});
    assertEquals(0.5, w.criticalValue(0.5), EXACT);
    assertEquals(1.0, w.criticalValue(0.6), EXACT);
    assertEquals(2.0, w.criticalValue(0.81), EXACT);
    assertEquals(0.5, w.pvalue(1.0), EXACT); // P(T ≥ 1) = 0.3 + 0.2
    assertThrows(IllegalArgumentException.class, () -> d.criticalValue(1.0));
  }

  @Test
  void percentilesInterpolateLikeNumpy() {
    // numpy.percentile([1, 2, 4, 8], [0, 25, 50, 90, 100]) = [1, 1.75, 3, 6.8, 8]
    double[] s = {1, 2, 4, 8};
    assertEquals(1, TestStatDistribution.percentileOfSorted(s, 0), EXACT);
    assertEquals(1.75, TestStatDistribution.percentileOfSorted(s, 25), EXACT);
    assertEquals(3, TestStatDistribution.percentileOfSorted(s, 50), EXACT);
    assertEquals(6.8, TestStatDistribution.percentileOfSorted(s, 90), 1e-14);
    assertEquals(8, TestStatDistribution.percentileOfSorted(s, 100), EXACT);
    assertThrows(IllegalArgumentException.class,
        () -> TestStatDistribution.ofSamples(new double[] {Double.NaN}, 0));
  }
}
