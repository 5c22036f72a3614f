package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** p-value, critical-value and percentile conventions on hand-computable samples. */
class TestStatDistributionTest {
  static final double EXACT = 1e-15;

  @Test
  void pvaluesCountTiesAsExtreme() {
    TestStatDistribution d = TestStatDistribution.ofSamples(new double[] {3, 0, 1, 1, 2, 0, 5, 4, 0, 1}, 2);
    assertThat(d.size()).as("d.size()").isEqualTo(10);
    assertThat(d.nFailed()).as("d.nFailed()").isEqualTo(2);
    assertThat(d.pvalue(0)).as("d.pvalue(0)").isCloseTo(1.0, within(EXACT));
    assertThat(d.pvalue(1)).as("d.pvalue(1)").isCloseTo(0.7, within(EXACT)); // 1,1,1,2,3,4,5
    assertThat(d.pvalue(1.5)).as("d.pvalue(1.5)").isCloseTo(0.4, within(EXACT));
    assertThat(d.pvalue(5.1)).as("d.pvalue(5.1)").isCloseTo(0.0, within(EXACT));
    assertThat(d.cdf(1)).as("d.cdf(1)").isCloseTo(0.6, within(EXACT));
  }

  @Test
  void criticalValueIsTheSmallestValueWithCdfAtLeastCl() {
    TestStatDistribution d = TestStatDistribution.ofSamples(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0);
    assertThat(d.criticalValue(0.9)).as("d.criticalValue(0.9)").isCloseTo(8, within(EXACT)); // cdf(8) = 0.9 exactly (CL·N = 9 despite rounding of 0.9·10)
    assertThat(d.criticalValue(0.91)).as("d.criticalValue(0.91)").isCloseTo(9, within(EXACT));
    assertThat(d.criticalValue(0.05)).as("d.criticalValue(0.05)").isCloseTo(0, within(EXACT));
    TestStatDistribution w = TestStatDistribution.ofWeighted(new double[] {2.0, 0.5, 1.0}, new double[] {0.2, 0.5, 0.3});
    assertThat(w.criticalValue(0.5)).as("w.criticalValue(0.5)").isCloseTo(0.5, within(EXACT));
    assertThat(w.criticalValue(0.6)).as("w.criticalValue(0.6)").isCloseTo(1.0, within(EXACT));
    assertThat(w.criticalValue(0.81)).as("w.criticalValue(0.81)").isCloseTo(2.0, within(EXACT));
    assertThat(w.pvalue(1.0)).as("w.pvalue(1.0)").isCloseTo(0.5, within(EXACT)); // P(T ≥ 1) = 0.3 + 0.2
    assertThatThrownBy(() -> d.criticalValue(1.0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void percentilesInterpolateLikeNumpy() {
    // numpy.percentile([1, 2, 4, 8], [0, 25, 50, 90, 100]) = [1, 1.75, 3, 6.8, 8]
    double[] s = {1, 2, 4, 8};
    assertThat(TestStatDistribution.percentileOfSorted(s, 0))
        .as("TestStatDistribution.percentileOfSorted(s, 0)")
        .isCloseTo(1, within(EXACT));
    assertThat(TestStatDistribution.percentileOfSorted(s, 25))
        .as("TestStatDistribution.percentileOfSorted(s, 25)")
        .isCloseTo(1.75, within(EXACT));
    assertThat(TestStatDistribution.percentileOfSorted(s, 50))
        .as("TestStatDistribution.percentileOfSorted(s, 50)")
        .isCloseTo(3, within(EXACT));
    assertThat(TestStatDistribution.percentileOfSorted(s, 90))
        .as("TestStatDistribution.percentileOfSorted(s, 90)")
        .isCloseTo(6.8, within(1e-14));
    assertThat(TestStatDistribution.percentileOfSorted(s, 100))
        .as("TestStatDistribution.percentileOfSorted(s, 100)")
        .isCloseTo(8, within(EXACT));
    assertThatThrownBy(() -> TestStatDistribution.ofSamples(new double[] {Double.NaN}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
