package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.infer.TestStatistic;
import org.junit.jupiter.api.Test;

/**
 * The asymptotic densities of arXiv:1007.1727 integrate to one with their δ at 0, and reduce to
 * the χ²₁ density where they must.
 */
class AsymptoticDensitiesTest {
  /** Quadrature error of the substitution t = u² on [0, 400] with 400k midpoints. */
  static final double NORM_TOL = 1e-6;

  @Test
  void normalised() {
    double[][] cases = {{1.0, 1.0, 0.5}, {1.0, 0.0, 0.5}, {2.0, 0.0, 0.7}, {0.5, 1.5, 0.3}, {1.0, 0.3, 2.0}};
    for (TestStatistic ts : TestStatistic.registered()) {
      for (double[] c : cases) {
        double mu = ts.testedMu(c[0]);
        double muPrime = c[1];
        double sigma = c[2];
        int n = 400_000;
        double umax = 20;
        double sum = 0;
        for (int i = 0; i < n; i++) {
          double u = (i + 0.5) * umax / n; // t = u², dt = 2u du
          sum += AsymptoticDensities.density(ts, u * u, mu, muPrime, sigma) * 2 * u * umax / n;
        }
        double total = sum + AsymptoticDensities.zeroMass(ts, mu, muPrime, sigma);
        assertThat(total).as(ts + " mu=" + mu + " mu'=" + muPrime + " sigma=" + sigma).isCloseTo(1.0, within(NORM_TOL));
      }
    }
  }

  @Test
  void chiSquareUnderTheTestedHypothesis() {
    for (double t : new double[] {0.01, 0.5, 2, 7}) {
      double chi2 = Math.exp(-t / 2) / Math.sqrt(2 * Math.PI * t);
      assertThat(AsymptoticDensities.density(TestStatistic.T, t, 1.3, 1.3, 0.4))
          .as("AsymptoticDensities.density(TestStatistic.T, t, 1.3, 1.3, 0.4)")
          .isCloseTo(chi2, within(1e-14 * chi2));
      assertThat(AsymptoticDensities.density(TestStatistic.Q, t, 1.3, 1.3, 0.4))
          .as("AsymptoticDensities.density(TestStatistic.Q, t, 1.3, 1.3, 0.4)")
          .isCloseTo(0.5 * chi2, within(1e-14 * chi2));
    }
  }
}
