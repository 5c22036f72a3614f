package io.sumbin.summaries.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Calibration maps on logits with a known answer: class 0 has ℓ ~ N(0, 1), class 1 has ℓ ~ N(m, 1), so the
 * exact log-ratio is m ℓ − m²/2. A network that outputs ℓ' = ℓ/2 (under-confident) is calibrated back.
 */
class LogitCalibrationTest {
  static final double M = 0.8;
  static final int N = 100_000;
  /** Platt parameters from 2 × 100k events: statistical error ≈ 0.007; allow 0.02. */
  static final double PLATT_TOL = 0.02;
  /** Histogram nodes from 2 × 100k events in 20 bins: per-bin error ≈ 0.015 in log; allow 0.05 in the inner bins. */
  static final double HIST_TOL = 0.05;

  static double[][] sample(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] l1 = new double[N];
    double[] l0 = new double[N];
    double[] w1 = new double[N];
    double[] w0 = new double[N];
    for (int i = 0; i < N; i++) {
      l1[i] = 0.5 * (M + r.nextGaussian());
      l0[i] = 0.5 * r.nextGaussian();
      w1[i] = 2.0; // overall weight scales must not matter
      w0[i] = 0.5;
    }
    return new double[][] {l1, w1, l0, w0};
  }

  @Test
  void plattRecoversTheExactLinearMap() {
    double[][] s = sample(1);
    LogitCalibration c = LogitCalibration.platt(s[0], s[1], s[2], s[3]);
    // ℓ = 2ℓ' ⇒ exact map a + bℓ' with a = −m²/2, b = 2m
    assertThat(c.kind()).isEqualTo("platt");
    assertThat(c.a()).isCloseTo(-0.5 * M * M, within(PLATT_TOL));
    assertThat(c.b()).isCloseTo(2 * M, within(PLATT_TOL));
    assertThat(c.apply(0.25)).isCloseTo(-0.5 * M * M + 2 * M * 0.25, within(2 * PLATT_TOL));
  }

  @Test
  void histogramFollowsTheExactRatioInTheBulk() {
    double[][] s = sample(2);
    LogitCalibration c = LogitCalibration.histogram(s[0], s[1], s[2], s[3], 20);
    double[] nodes = c.nodes();
    assertThat(nodes.length).isEqualTo(20);
    for (int k = 2; k < nodes.length - 2; k++) {
      double exact = M * 2 * nodes[k] - 0.5 * M * M;
      // a bin's log ratio is the log of the bin-averaged ratio, which differs from the ratio at the mean ℓ by
      // a curvature term well below the tolerance for these 5 %-population bins
      assertThat(c.values()[k]).as("node %d at ℓ' = %f", k, nodes[k]).isCloseTo(exact, within(HIST_TOL));
    }
    // linear interpolation between nodes, constant outside
    double mid = 0.5 * (nodes[5] + nodes[6]);
    assertThat(c.apply(mid)).isCloseTo(0.5 * (c.values()[5] + c.values()[6]), within(1e-12));
    assertThat(c.apply(nodes[0] - 10)).isEqualTo(c.values()[0]);
    assertThat(c.apply(nodes[19] + 10)).isEqualTo(c.values()[19]);
  }

  @Test
  void noneIsTheIdentityAndBadInputIsRefused() {
    assertThat(LogitCalibration.NONE.apply(1.25)).isEqualTo(1.25);
    assertThatThrownBy(() -> LogitCalibration.platt(new double[] {1}, new double[] {0}, new double[] {0}, new double[] {1}))
        .hasMessageContaining("class 1 has total weight 0.0");
    assertThatThrownBy(() -> new LogitCalibration("isotonic", 0, 1, new double[0], new double[0]))
        .hasMessageContaining("unknown calibration kind 'isotonic'");
  }
}
