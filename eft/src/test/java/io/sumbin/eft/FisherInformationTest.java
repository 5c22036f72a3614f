package io.sumbin.eft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Fisher-information estimators on a toy with a known answer: N events of equal weight 1/N (σ = 1, L = 1),
 * an observable x ~ U(0, 1) and per-event score R = x + ε, where ε = ±S with probability Q each (heavy,
 * zero-mean noise like the flavour and helicity dependence of SMEFT labels). For B equal-yield bins of x the
 * exact binned information is Σ_b (1/B) ((b + ½)/B)², the plug-in estimate is biased upward by ≈ (B/N) E[R²],
 * and the linear statistic x carries (E[R x])²/E[x²] = 1/3.
 */
class FisherInformationTest {
  static final int N = 20_000;
  static final int B = 10;
  static final double S = 300;
  static final double Q = 0.005;
  static final int REPLICAS = 200;

  /** Exact information of B equal-yield bins of x. */
  static double exactBinned() {
    double s = 0;
    for (int b = 0; b < B; b++) {
      double m = (b + 0.5) / B;
      s += m * m / B;
    }
    return s;
  }

  record Sample(double[] x, double[] w, double[] dw) {}

  static Sample sample(SplittableRandom r) {
    double[] x = new double[N];
    double[] w = new double[N];
    double[] dw = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = r.nextDouble();
      double u = r.nextDouble();
      double eps = u < Q ? S : u < 2 * Q ? -S : 0;
      w[i] = 1.0 / N;
      dw[i] = w[i] * (x[i] + eps);
    }
    return new Sample(x, w, dw);
  }

  @Test
  void debiasedBinnedInformationIsUnbiasedWherePlugInIsNot() {
    SplittableRandom r = new SplittableRandom(11);
    double sumDeb = 0;
    double sumDeb2 = 0;
    double sumPlug = 0;
    double sumErr = 0;
    int withErr = 0;
    for (int k = 0; k < REPLICAS; k++) {
      Sample s = sample(r);
      int[] bins = ClassicalBaselines.quantileBins(s.x(), s.w(), B);
      boolean boot = k < 40; // the jackknife error on a subset
      FisherInformation.Estimate e = FisherInformation.binned(bins, B, s.w(), s.dw(), 1, boot ? FisherInformation.DEFAULT_GROUPS : 0, k);
      sumDeb += e.value();
      sumDeb2 += e.value() * e.value();
      sumPlug += e.plugIn();
      if (boot) {
        sumErr += e.error();
        withErr++;
      }
    }
    double mean = sumDeb / REPLICAS;
    double sd = Math.sqrt(sumDeb2 / REPLICAS - mean * mean);
    double exact = exactBinned();
    double expectedBias = B / (double) N * (1.0 / 3 + 2 * Q * S * S);
    // the debiased mean agrees with the exact value within 4 standard errors of the mean
    assertThat(mean).as("mean debiased binned information over %d replicas", REPLICAS)
        .isCloseTo(exact, within(4 * sd / Math.sqrt(REPLICAS)));
    // the plug-in is biased by the Monte-Carlo noise of the derivative, here as large as the signal itself
    assertThat(sumPlug / REPLICAS - exact).as("plug-in bias").isCloseTo(expectedBias, within(0.1 * expectedBias));
    assertThat(expectedBias).as("the toy is noise-dominated").isGreaterThan(0.5 * exact);
    // the jackknife standard error estimates the spread over replicas (to 25 %, conservative here; a bootstrap over
    // events overstates it by ~40 %, since the debiased statistic is nearly a degenerate U-statistic)
    assertThat(sumErr / withErr).as("mean jackknife error vs spread over replicas").isCloseTo(sd, within(0.25 * sd));
  }

  @Test
  void linearStatisticAndUnbinnedInformation() {
    SplittableRandom r = new SplittableRandom(5);
    double sumLin = 0;
    double sumLin2 = 0;
    for (int k = 0; k < REPLICAS; k++) {
      Sample s = sample(r);
      double v = FisherInformation.linear(s.x(), s.w(), s.dw(), 1, 0, 0).value();
      sumLin += v;
      sumLin2 += v * v;
    }
    double mean = sumLin / REPLICAS;
    double sd = Math.sqrt(sumLin2 / REPLICAS - mean * mean);
    assertThat(mean).as("debiased information of the linear statistic x (exact 1/3)").isCloseTo(1.0 / 3, within(4 * sd / Math.sqrt(REPLICAS)));
    // unbinned: Σ ∂w²/w exactly, on three events
    FisherInformation.Estimate u = FisherInformation.unbinned(new double[] {1, 2, 0}, new double[] {2, -1, 5}, 10, 0, 0);
    assertThat(u.value()).as("10 × (4/1 + 1/2), the event with w = 0 skipped").isCloseTo(45, within(1e-12));
    assertThat(u.plugIn()).isEqualTo(u.value());
  }

  @Test
  void softAssignmentsThatAreOneHotEqualHardBins() {
    Sample s = sample(new SplittableRandom(3));
    int[] bins = ClassicalBaselines.quantileBins(s.x(), s.w(), B);
    double[][] soft = new double[B][N];
    for (int i = 0; i < N; i++) {
      soft[bins[i]][i] = 1;
    }
    FisherInformation.Estimate h = FisherInformation.binned(bins, B, s.w(), s.dw(), 2.5, 50, 7);
    FisherInformation.Estimate f = FisherInformation.soft(soft, s.w(), s.dw(), 2.5, 50, 7);
    assertThat(f.value()).as("soft = hard for one-hot memberships").isCloseTo(h.value(), within(1e-12 * Math.abs(h.value())));
    assertThat(f.plugIn()).isCloseTo(h.plugIn(), within(1e-12 * h.plugIn()));
    assertThat(f.error()).as("same jackknife groups, same error").isCloseTo(h.error(), within(1e-9 * h.error()));
    assertThat(h.error()).isPositive();
  }

  @Test
  void ratioOfEstimatesCarriesTheRelativeErrorsInQuadrature() {
    double[] r = new FisherInformation.Estimate(200, 6, 210).over(new FisherInformation.Estimate(100, 4, 101));
    assertThat(r[0]).isEqualTo(2.0);
    assertThat(r[1]).isCloseTo(2 * Math.hypot(0.03, 0.04), within(1e-12));
  }

  /** Agreement of the profiled information with its closed form (sums of a few terms; rounding only). */
  static final double PROFILED_REL_TOL = 1e-12;

  /** Signal {5, 10, 4} with normfactor mu, background {50, 30, 10} with normfactor k. */
  static final double[] SIG = {5, 10, 4};
  static final double[] BKG = {50, 30, 10};
  /** Staterror of the signal template per bin. */
  static final double[] DELTA = {1, 2.5, 0.5};

  static CompiledModel twoSamples(boolean kFixed, boolean staterror) {
    List<ModifierSpec> sigMods = staterror
        ? List.of(new ModifierSpec.NormFactor("mu"), new ModifierSpec.StatError("mc", DELTA))
        : List.of(new ModifierSpec.NormFactor("mu"));
    SampleSpec sig = new SampleSpec("sig", SIG, sigMods);
    SampleSpec bkg = new SampleSpec("bkg", BKG, List.of(new ModifierSpec.NormFactor("k")));
    return ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("SR", List.of(sig, bkg))),
        List.of(ParameterSpec.named("k").withInits(1.0).withFixed(kFixed)), "mu", ModifierSettings.DEFAULT));
  }

  /**
   * ν_b = μ γ_b s_b + k b_b at μ = k = γ = 1: F_μμ = Σ s²/ν, F_μk = Σ s b/ν, F_kk = Σ b²/ν, so the information on
   * μ with k profiled is F_μμ − F_μk²/F_kk = 1/(F⁻¹)_μμ, with k fixed it is F_μμ; a staterror γ_b on the signal
   * (σ_b = δ_b/s_b) adds F_μγ = s²/ν and F_γγ = s²/ν + 1/σ_b² per bin.
   */
  @Test
  void profiledInformationIsTheInverseOfTheFisherMatrixDiagonal() {
    double fmm = 0;
    double fmk = 0;
    double fkk = 0;
    double withStat = 0;
    for (int b = 0; b < SIG.length; b++) {
      double nu = SIG[b] + BKG[b];
      fmm += SIG[b] * SIG[b] / nu;
      fmk += SIG[b] * BKG[b] / nu;
      fkk += BKG[b] * BKG[b] / nu;
      double sigma = DELTA[b] / SIG[b];
      double fmg = SIG[b] * SIG[b] / nu;
      withStat += fmg * fmg / (fmg + 1 / (sigma * sigma));
    }
    withStat = fmm - withStat;
    double[][] cases = {{0, 0, fmm - fmk * fmk / fkk}, {1, 0, fmm}, {1, 1, withStat}};
    for (double[] c : cases) {
      CompiledModel m = twoSamples(c[0] == 1, c[1] == 1);
      double[] pars = m.suggestedInit();
      String what = (c[0] == 1 ? "k fixed" : "k profiled") + (c[1] == 1 ? ", staterror profiled" : "");
      assertThat(FisherInformation.profiled(m, pars, m.parIndex("mu"))).as(what)
          .isCloseTo(c[2], within(PROFILED_REL_TOL * c[2]));
    }
    assertThat(fmm - fmk * fmk / fkk).as("profiling k loses information").isLessThan(0.5 * fmm);
    // a parameter that changes no bin: F is singular, reported as NaN
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("SR", List.of(new SampleSpec("sig", SIG,
        List.of(new ModifierSpec.NormFactor("mu"), new ModifierSpec.NormFactor("dead"))))))
        , List.of(ParameterSpec.named("dead").withInits(0.0)), "mu", ModifierSettings.DEFAULT));
    assertThat(FisherInformation.profiled(m, m.suggestedInit(), m.parIndex("dead"))).as("no information").isNaN();
  }

  /** The generic jackknife reproduces the closed-form estimators' errors when given the same estimate. */
  @Test
  void genericJackknifeEqualsTheEstimatorsOwnErrors() {
    Sample s = sample(new SplittableRandom(21));
    FisherInformation.Estimate u = FisherInformation.unbinned(s.w(), s.dw(), 3, FisherInformation.DEFAULT_GROUPS, 9);
    // reweighting events by f_i scales w and ∂w alike: Σ (f ∂w)²/(f w) = Σ f ∂w²/w
    FisherInformation.Estimate j = FisherInformation.jackknife(N, f -> {
      double v = 0;
      for (int i = 0; i < N; i++) {
        v += f[i] * s.dw()[i] * s.dw()[i] / s.w()[i];
      }
      return 3 * v;
    }, FisherInformation.DEFAULT_GROUPS, 9);
    assertThat(j.value()).as("value").isCloseTo(u.value(), within(1e-12 * u.value()));
    assertThat(j.error()).as("jackknife error").isCloseTo(u.error(), within(1e-9 * u.error()));
    assertThat(j.plugIn()).as("no bias correction").isEqualTo(j.value());
    int[] bins = ClassicalBaselines.quantileBins(s.x(), s.w(), B);
    FisherInformation.Estimate h = FisherInformation.binned(bins, B, s.w(), s.dw(), 1, FisherInformation.DEFAULT_GROUPS, 9);
    FisherInformation.Estimate hj = FisherInformation.jackknife(N, f -> {
      double[] w = new double[N];
      double[] dw = new double[N];
      for (int i = 0; i < N; i++) {
        w[i] = f[i] * s.w()[i];
        dw[i] = f[i] * s.dw()[i];
      }
      return FisherInformation.binned(bins, B, w, dw, 1, 0, 0).value();
    }, FisherInformation.DEFAULT_GROUPS, 9);
    assertThat(hj.error()).as("binned: the same groups give the same error").isCloseTo(h.error(), within(1e-9 * h.error()));
  }
}
