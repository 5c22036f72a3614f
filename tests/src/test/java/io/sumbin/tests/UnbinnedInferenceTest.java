package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.examples.toys.GaussianMixtureToy;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.toys.ToyGenerator;
import io.sumbin.histmodel.infer.toys.ToyRandom;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The unbinned likelihood through the same fitting and profiling API as binned models, on the
 * 2-D Gaussian mixture whose Fisher information I(θ) = N ∫ (f₁ − f₀)²/p dx is known by quadrature.
 */
class UnbinnedInferenceTest {
  static final double THETA = 0.3;
  static final int N = 1000;
  static double fisher;

  @BeforeAll
  static void quadrature() {
    fisher = GaussianMixtureToy.fisherInformation(N, THETA);
  }

  /** The extended model of an observed sample: ratios to f₀, exact integrals ∫f₀/f₀·f₀ = 1, ∫(f₁ − f₀) = 0. */
  static UnbinnedModel observedModel(double[][] sample) {
    int n = sample[0].length;
    float[] one = new float[n];
    float[] diff = new float[n];
    for (int i = 0; i < n; i++) {
      double f0 = GaussianMixtureToy.f0(sample[0][i], sample[1][i]);
      one[i] = 1f;
      diff[i] = (float) (GaussianMixtureToy.f1(sample[0][i], sample[1][i]) / f0 - 1);
    }
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).poi("theta", 0.5, 0, 1).threads(1);
    b.component("f0", N, new Coefficient.Monomial(List.of()), one);
    b.component("f1-f0", N, new Coefficient.Monomial(List.of("theta")), diff);
    return b.integral(0, 1.0).integral(1, 0.0).build();
  }

  @Test
  void observedFitsArePullDistributed() {
    // 200 samples of N events at θ = 0.3: pulls (θ̂ − θ)/σ̂ have mean 0 ± 0.21 and the ±σ̂ interval
    // covers in 68.3% ± 9.9% (3σ binomial); σ̂ averages 1/√I(θ) within 5%
    int k = 200;
    double sumPull = 0;
    double sumPull2 = 0;
    double sumSigma = 0;
    int covered = 0;
    for (int s = 0; s < k; s++) {
      double[][] sample = GaussianMixtureToy.sample(N, THETA, 1000 + s);
      UnbinnedModel m = observedModel(sample);
      FitResult r = new Fitter(m).fit(m.withAuxdata(unit(N)));
      assertThat(r.converged()).as(r.message()).isTrue();
      double sigma = r.uncertainties()[0];
      double pull = (r.bestfit()[0] - THETA) / sigma;
      sumPull += pull;
      sumPull2 += pull * pull;
      sumSigma += sigma;
      if (Math.abs(pull) < 1) {
        covered++;
      }
    }
    double mean = sumPull / k;
    double rms = Math.sqrt(sumPull2 / k - mean * mean);
    assertThat(mean).as("mean").isCloseTo(0.0, within(3 / Math.sqrt(k)));
    assertThat(rms).as("rms").isCloseTo(1.0, within(0.15));
    assertThat(covered / (double) k)
        .as("covered / (double) k")
        .isCloseTo(0.683, within(3 * Math.sqrt(0.683 * 0.317 / k)));
    assertThat(sumSigma / k).as("sumSigma / k").isCloseTo(1 / Math.sqrt(fisher), within(0.05 / Math.sqrt(fisher)));
  }

  @Test
  void asimovProfileScanHasTheFisherWidth() {
    // reference sample of 40000 events at θ = 0.3 carrying N = 1000 expected events; the Asimov
    // dataset is the sample itself, so t(θ) = I (θ − 0.3)² + O((θ − 0.3)³)
    double[][] ref = GaussianMixtureToy.sample(40_000, THETA, 5);
    UnbinnedModel m = GaussianMixtureToy.unbinnedModel(ref, THETA, N);
    double[] asimov = new double[m.nMain() + m.nAux()];
    m.expectedData(new double[] {THETA}, asimov);
    double sigma = 1 / Math.sqrt(fisher);
    ProfileScan s = new ProfileLikelihood(m).scan(0, ProfileLikelihood.linspace(THETA - 3 * sigma, THETA + 3 * sigma, 61), asimov);
    assertThat(s.converged()).as(s.message()).isTrue();
    assertThat(s.best().bestfit()[0]).as("the Asimov minimum is the truth").isCloseTo(THETA, within(1e-6));
    // the reference sample estimates I with ~1% relative error (40000 events); allow 3%
    assertThat(0.5 * (s.interval68()[1] - s.interval68()[0]))
        .as("0.5 * (s.interval68()[1] - s.interval68()[0])")
        .isCloseTo(sigma, within(0.03 * sigma));
  }

  @Test
  void toysOfTheUnbinnedModelArePullDistributed() {
    // pseudo-experiments from the model itself (Poisson multiplicities of the reference events at
    // θ = 0.3, N = 1000 expected): 200 toy fits have pulls of mean 0 ± 0.21 and width 1 ± 0.15
    double[][] ref = GaussianMixtureToy.sample(20_000, THETA, 9);
    UnbinnedModel m = GaussianMixtureToy.unbinnedModel(ref, THETA, N);
    ToyGenerator gen = new ToyGenerator(m);
    gen.setParameters(new double[] {THETA});
    Fitter fitter = new Fitter(m);
    double[] data = new double[m.nMain() + m.nAux()];
    int k = 200;
    double sum = 0;
    double sum2 = 0;
    for (int i = 0; i < k; i++) {
      gen.generate(new ToyRandom(77, 0, i), data);
      FitResult r = fitter.fit(data);
      assertThat(r.converged()).as(r.message()).isTrue();
      double pull = (r.bestfit()[0] - THETA) / r.uncertainties()[0];
      sum += pull;
      sum2 += pull * pull;
    }
    double mean = sum / k;
    assertThat(mean).as("mean").isCloseTo(0.0, within(3 / Math.sqrt(k)));
    assertThat(Math.sqrt(sum2 / k - mean * mean)).as("Math.sqrt(sum2 / k - mean * mean)").isCloseTo(1.0, within(0.15));
  }

  static double[] unit(int n) {
    double[] d = new double[n];
    java.util.Arrays.fill(d, 1.0);
    return d;
  }
}
