package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.Evaluator;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Poisson sampler against the exact pmf: Pearson χ² goodness of fit on both sides of the
 * inversion/PTRS switch, moments for a huge mean, and the log-factorial it relies on.
 */
class PoissonSamplerTest {
  static final int N = 200_000;
  /** Reject the pmf when the χ² p-value is below this (a correct sampler fails once in 10⁵ runs; seeds are fixed). */
  static final double GOF_P = 1e-5;
  /** Minimum expected count per χ² cell (tails pooled). */
  static final double MIN_EXPECTED = 20;

  @ParameterizedTest(name = "lambda = {0}")
  @ValueSource(doubles = {0.3, 4.0, 9.999, 10.0, 37.3, 1234.5})
  void followsThePmf(double lambda) {
    ToyRandom rng = new ToyRandom(11, 3, (long) (lambda * 1000));
    int hi = (int) (lambda + 12 * Math.sqrt(lambda) + 20);
    long[] counts = new long[hi + 1];
    for (int i = 0; i < N; i++) {
      double k = PoissonSampler.sample(rng, lambda);
      assertThat(k).as("integer variate").isCloseTo(Math.rint(k), within(0.0));
      counts[(int) Math.min(k, hi)]++;
    }
    // cells: pool the left tail until its expectation reaches MIN_EXPECTED, likewise the right
    double chi2 = 0;
    int cells = 0;
    double expAcc = 0;
    long obsAcc = 0;
    double cum = 0;
    for (int k = 0; k <= hi; k++) {
      double p = k == hi ? 1 - cum : PoissonSampler.pmf(k, lambda);
      cum += p;
      expAcc += N * p;
      obsAcc += counts[k];
      boolean restSmall = N * (1 - cum) < MIN_EXPECTED;
      if (expAcc >= MIN_EXPECTED && !restSmall || k == hi) {
        chi2 += (obsAcc - expAcc) * (obsAcc - expAcc) / expAcc;
        cells++;
        expAcc = 0;
        obsAcc = 0;
      }
    }
    double crit = new ChiSquaredDistribution(cells - 1).inverseCumulativeProbability(1 - GOF_P);
    assertThat(chi2)
        .as("lambda " + lambda + ": chi2 " + chi2 + " on " + (cells - 1) + " dof exceeds " + crit)
        .isLessThan(crit);
  }

  @Test
  void hugeMeanHasPoissonMoments() {
    double lambda = 3.7e7;
    ToyRandom rng = new ToyRandom(5, 5, 5);
    int n = 100_000;
    double s = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double k = PoissonSampler.sample(rng, lambda) - lambda;
      s += k;
      s2 += k * k;
    }
    double mean = s / n;
    double var = s2 / n - mean * mean;
    // mean: 5 standard errors; variance: 5 standard errors of a near-Gaussian sample variance
    assertThat(mean).as("mean").isCloseTo(0, within(5 * Math.sqrt(lambda / n)));
    assertThat(var).as("var").isCloseTo(lambda, within(5 * lambda * Math.sqrt(2.0 / n)));
  }

  @Test
  void zeroMeanAndBadMeans() {
    ToyRandom rng = new ToyRandom(1, 1, 1);
    assertThat(PoissonSampler.sample(rng, 0.0)).as("PoissonSampler.sample(rng, 0.0)").isEqualTo(0.0);
    assertThatThrownBy(() -> PoissonSampler.sample(rng, -1e-9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PoissonSampler.sample(rng, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PoissonSampler.sample(rng, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logFactorialMatchesTheLikelihoodsLnFactorial() {
    for (int k : new int[] {0, 1, 2, 10, 255, 256, 257, 1000, 123456, 10_000_000}) {
      double ref = Evaluator.lnFactorial(k);
      assertThat(PoissonSampler.lnFactorialOfInteger(k))
          .as("ln " + k + "! against Evaluator.lnFactorial (Gamma.logGamma)")
          .isCloseTo(ref, within(1e-14 * Math.max(1, Math.abs(ref))));
    }
  }
}
