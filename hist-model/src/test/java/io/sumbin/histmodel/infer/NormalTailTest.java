package io.sumbin.histmodel.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Issue 18 item 5: tail probabilities in log space where 1 − Φ underflows (references: mpmath at 50 digits). */
class NormalTailTest {
  /** Relative accuracy of ln(1 − Φ) from erfc and from the continued fraction. */
  static final double REL = 1e-13;

  @Test
  void logSurvivalFunctionMatchesHighPrecisionValuesOnBothSidesOfTheUnderflow() {
    double[][] ref = {{20, -203.91715537109726}, {25, -316.63940800802026}, {38, -726.55721601882013},
        {40, -804.60844201375379}, {100, -5005.5242086942051}};
    for (double[] r : ref) {
      assertThat(Normal.logSf(r[0])).as("ln sf(%s)", r[0]).isCloseTo(r[1], within(REL * Math.abs(r[1])));
    }
    assertThat(Normal.sf(40)).as("the plain tail underflows there").isZero();
    assertThat(Normal.logSf(0)).isCloseTo(Math.log(0.5), within(1e-15));
  }

  @Test
  void clsOfADeepDeficitIsFiniteInLogSpace() {
    // one bin, s = 5, b = 2000, n = 100 at mu = 1 (q-tilde): t = 42.4676..., sqrt(q_A) = 0.111710...
    double q = 9.5006239602825602;
    double qa = 0.012479205651204079;
    double sqa = Math.sqrt(qa);
    double t = (q - qa) / (2 * sqa);
    assertThat(Normal.sf(t + sqa) / Normal.sf(t)).as("the naive ratio is 0/0").isNaN();
    assertThat(Normal.sfRatio(t + sqa, t)).isCloseTo(0.0086263301067515269, within(1e-12));
  }
}
