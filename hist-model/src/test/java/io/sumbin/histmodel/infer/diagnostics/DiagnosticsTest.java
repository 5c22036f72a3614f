package io.sumbin.histmodel.infer.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Evaluator;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.compile.TestModels;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.List;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics against independent computations: explicit refits, finite-difference Hessians
 * and Jacobians, the Poisson terms written out, and closed-form counting experiments.
 */
class DiagnosticsTest {
  /** Agreement of a shift with an explicit cold-started refit (both fits converge to EDM 1e−10). */
  static final double IMPACT_TOL = 1e-5;
  /** Relative agreement of the Hessian covariance with the inverse finite-difference Hessian. */
  static final double COV_REL_TOL = 1e-4;
  /** Relative agreement of the analytic-Jacobian band with a finite-difference one. */
  static final double BAND_REL_TOL = 1e-6;
  /** Closed-form results (root finding to 1e−12, fits to EDM 1e−10). */
  static final double EXACT_TOL = 1e-6;

  static CompiledModel model;
  static double[] data;
  static Diagnostics diag;

  /** TestModels.everything() with integer data drawn off the nominal (μ = 1.3, jes = 0.4). */
  @BeforeAll
  static void setUp() {
    model = ModelCompiler.compile(TestModels.everything());
    double[] p = model.suggestedInit();
    p[model.poiIndex()] = 1.3;
    p[model.parIndex("jes")] = 0.4;
    double[] exp = new double[model.nMain() + model.nAux()];
    model.expectedData(p, exp);
    double[] main = new double[model.nMain()];
    for (int b = 0; b < main.length; b++) {
      main[b] = Math.rint(exp[b] * 1.07 + (b % 2 == 0 ? 2 : -1));
    }
    data = model.withAuxdata(main);
    diag = new Diagnostics(model, data, FitOptions.suggested(model), WorkRunner.threads(2));
  }

  @Test
  void priorsComeFromTheConstraintTerms() {
    Priors pr = Priors.of(model, data);
    // shapesys: 1/√τ = δ/ν
    assertThat(pr.sigma()[model.parIndex("bkg_unc[0]")]).isCloseTo(3.0 / 50, within(1e-15));
    assertThat(pr.nominal()[model.parIndex("bkg_unc[2]")]).isCloseTo(1.0, within(1e-15));
    // staterror: √Σδ² / Σν of the bin over the channel's samples
    assertThat(pr.sigma()[model.parIndex("stat_SR[1]")]).isCloseTo(Math.hypot(0.7, 1.5) / 48, within(1e-15));
    assertThat(pr.sigma()[model.parIndex("lumi")]).isEqualTo(0.02);
    assertThat(pr.sigma()[model.parIndex("jes")]).isEqualTo(1.0);
    assertThat(pr.constrained(model.poiIndex())).isFalse();
    assertThat(pr.kind()[model.parIndex("sf[1]")]).isEqualTo("shapefactor");
  }

  @Test
  void pullsAreTheirDefinition() {
    FitResult f = diag.fit();
    Pulls pulls = diag.pulls(f);
    Priors pr = Priors.of(model, data);
    int jes = model.parIndex("jes");
    Pull pj = pulls.pulls().stream().filter(p -> p.parameter().equals("jes")).findFirst().orElseThrow();
    assertThat(pj.pull()).isCloseTo(f.bestfit()[jes] / 1.0, within(1e-15));
    assertThat(pj.constraint()).isCloseTo(f.uncertainties()[jes], within(1e-15));
    Pull ps = pulls.pulls().stream().filter(p -> p.parameter().equals("bkg_unc[1]")).findFirst().orElseThrow();
    int i = model.parIndex("bkg_unc[1]");
    assertThat(ps.pull()).isCloseTo((f.bestfit()[i] - 1) / pr.sigma()[i], within(1e-12));
    // unconstrained parameters are not pulled; grouped by modifier type
    assertThat(pulls.pulls()).noneMatch(p -> p.parameter().equals("mu") || p.parameter().startsWith("sf"));
    assertThat(pulls.byKind().keySet()).contains("normsys", "histosys", "shapesys", "staterror", "lumi");
  }

  @Test
  void covarianceIsTheInverseFiniteDifferenceHessian() {
    FitResult f = diag.fit();
    double[] cov = fdCovariance(model, data, f.bestfit());
    int n = model.nPars();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double ref = cov[i * n + j];
        double scale = Math.sqrt(cov[i * n + i] * cov[j * n + j]);
        assertThat(f.covariance()[i * n + j]).as("C[%d][%d]", i, j).isCloseTo(ref, within(COV_REL_TOL * scale));
      }
    }
    double[] rho = Diagnostics.correlation(f.covariance(), n);
    assertThat(rho[0]).isEqualTo(1.0);
  }

  /** Inverse of the central finite-difference Hessian of −ln L (from values only). */
  static double[] fdCovariance(CompiledModel m, double[] d, double[] x0) {
    Evaluator ev = m.evaluator();
    int n = m.nPars();
    double[][] h = new double[n][n];
    double[] x = x0.clone();
    double[] step = new double[n];
    for (int i = 0; i < n; i++) {
      step[i] = 1e-4 * Math.max(1, Math.abs(x0[i]));
    }
    double c = ev.constant(d);
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int a = -1; a <= 1; a += 2) {
          for (int b = -1; b <= 1; b += 2) {
            x[i] += a * step[i];
            x[j] += b * step[j];
            s += a * b * ev.nll(x, d, c);
            x[i] = x0[i];
            x[j] = x0[j];
          }
        }
        h[i][j] = h[j][i] = s / (4 * step[i] * step[j]);
      }
    }
    RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(h)).getSolver().getInverse();
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i * n + j] = inv.getEntry(i, j);
      }
    }
    return out;
  }

  @Test
  void impactsAreExplicitRefitsAndRanked() {
    int poi = model.poiIndex();
    Impacts im = diag.impacts(poi);
    assertThat(im.converged()).as(im.message()).isTrue();
    FitResult best = im.best();
    Priors pr = Priors.of(model, data);
    Fitter cold = new Fitter(model);
    FitOptions o = FitOptions.suggested(model).withUncertainties(false);
    for (Impact x : im.impacts()) {
      int i = x.index();
      double up = Math.min(best.bestfit()[i] + best.uncertainties()[i], o.upper()[i]);
      FitResult r = cold.fit(data, o.withFixed(i, up));
      assertThat(x.postfitUp()).as(x.parameter()).isCloseTo(r.bestfit()[poi] - best.bestfit()[poi], within(IMPACT_TOL));
      if (pr.constrained(i)) {
        double dn = Math.max(best.bestfit()[i] - pr.sigma()[i], o.lower()[i]);
        FitResult r2 = cold.fit(data, o.withFixed(i, dn));
        assertThat(x.prefitDown()).as(x.parameter()).isCloseTo(r2.bestfit()[poi] - best.bestfit()[poi], within(IMPACT_TOL));
      } else {
        assertThat(x.prefitUp()).isNaN();
      }
    }
    for (int k = 1; k < im.impacts().size(); k++) {
      assertThat(im.impacts().get(k).magnitude()).isLessThanOrEqualTo(im.impacts().get(k - 1).magnitude());
    }
    // the same numbers on one thread
    Impacts one = Impacts.compute(model, data, FitOptions.suggested(model), poi, WorkRunner.threads(1));
    assertThat(one.impacts()).isEqualTo(im.impacts());
  }

  @Test
  void postfitBandIsTheCovariancePropagatedThroughTheJacobian() {
    FitResult f = diag.fit();
    Yields y = diag.postfit(f);
    int n = model.nPars();
    Evaluator ev = model.evaluator();
    double[] nu = new double[model.nMain()];
    double[] up = new double[model.nMain()];
    double[] dn = new double[model.nMain()];
    ev.expectedMain(f.bestfit(), nu);
    double[][] jac = new double[model.nMain()][n];
    for (int p = 0; p < n; p++) {
      double h = 1e-6 * (1 + Math.abs(f.bestfit()[p]));
      double[] x = f.bestfit().clone();
      x[p] += h;
      ev.expectedMain(x, up);
      x[p] -= 2 * h;
      ev.expectedMain(x, dn);
      for (int b = 0; b < nu.length; b++) {
        jac[b][p] = (up[b] - dn[b]) / (2 * h);
      }
    }
    for (ChannelYields c : y.channels()) {
      int off = model.channelOffset(model.channelNames().indexOf(c.name()));
      double sumSamples = 0;
      for (int b = 0; b < c.total().length; b++) {
        double var = 0;
        for (int p = 0; p < n; p++) {
          for (int q = 0; q < n; q++) {
            var += jac[off + b][p] * f.covariance()[p * n + q] * jac[off + b][q];
          }
        }
        assertThat(c.totalUncertainty()[b]).isCloseTo(Math.sqrt(var), within(BAND_REL_TOL * Math.sqrt(var) + 1e-9));
        assertThat(c.total()[b]).isEqualTo(nu[off + b]);
        double s = 0;
        for (SampleYields sy : c.samples()) {
          s += sy.yields()[b];
        }
        assertThat(s).isCloseTo(nu[off + b], within(1e-12 * nu[off + b]));
        assertThat(c.data()[b]).isEqualTo(data[off + b]);
        sumSamples += s;
      }
      assertThat(c.totalSum()).isCloseTo(sumSamples, within(1e-9));
    }
    // pre-fit: at the suggested start with the constraint widths; unconstrained parameters add nothing
    Yields pre = diag.prefit();
    assertThat(pre.prefit()).isTrue();
    assertThat(pre.parameters()).containsExactly(model.suggestedInit());
    assertThat(pre.channel("CR").totalUncertainty()[0]).isGreaterThan(0);
  }

  @Test
  void saturatedStatisticIsThePoissonAndConstraintTermsWrittenOut() {
    SaturatedGof g = diag.gof(0, 1L);
    double[] th = g.best().bestfit();
    double[] nu = new double[model.nMain() + model.nAux()];
    model.expectedData(th, nu);
    // −ln L with all constants, and −ln L_sat (rates = observations, constraints at their maximum)
    double nll = 0;
    double sat = 0;
    double[] perChannel = new double[model.channelNames().size()];
    for (int b = 0; b < model.nMain(); b++) {
      double n = data[b];
      double t = -(n * Math.log(nu[b]) - nu[b] - Gamma.logGamma(n + 1));
      double s = -(n == 0 ? 0 : n * Math.log(n) - n - Gamma.logGamma(n + 1));
      nll += t;
      sat += s;
      for (int c = 0; c < perChannel.length; c++) {
        if (b >= model.channelOffset(c) && b < model.channelOffset(c) + model.channelNbins(c)) {
          perChannel[c] += 2 * (t - s);
        }
      }
    }
    for (var gc : model.gaussianConstraints()) {
      double a = data[model.nMain() + gc.aux()];
      double z = (a - th[gc.parameter()]) / gc.sigma();
      nll += 0.5 * z * z + Math.log(gc.sigma() * Math.sqrt(2 * Math.PI));
      sat += Math.log(gc.sigma() * Math.sqrt(2 * Math.PI));
    }
    for (var pc : model.poissonConstraints()) {
      double a = data[model.nMain() + pc.aux()];
      double m = th[pc.parameter()] * pc.tau();
      nll += -(a * Math.log(m) - m - Gamma.logGamma(a + 1));
      sat += -(a * Math.log(a) - a - Gamma.logGamma(a + 1));
    }
    assertThat(g.q()).isCloseTo(2 * (nll - sat), within(1e-8 * (1 + g.q())));
    assertThat(g.qChannels()).containsExactly(perChannel, within(1e-8));
    assertThat(g.bins()).isEqualTo(model.nMain());
    int nFree = model.nPars();
    assertThat(g.dof()).isEqualTo(model.nMain() + model.gaussianConstraints().size()
        + model.poissonConstraints().size() - nFree);
    assertThat(g.pChi2Bins()).isCloseTo(1 - new org.hipparchus.distribution.continuous.ChiSquaredDistribution(g.bins())
        .cumulativeProbability(g.q()), within(1e-10));
  }

  /** KS critical value at α = 0.001 for n samples: 1.949/√n (asymptotic Kolmogorov distribution). */
  static final double KS_CRITICAL_COEFF = 1.949;
  /** Datasets of the uniformity check and toys per p-value. */
  static final int KS_DATASETS = 500;
  static final int KS_TOYS = 100;

  @Test
  void saturatedPValueOfTheModelsOwnToysIsUniform() {
    // the README's example model: every dataset drawn from the model at its best fit to the observed data
    var ws = ExampleModels.uncorrelatedBackground();
    CompiledModel m = Models.compile(ws, null);
    double[] obs = Models.observedData(ws, m);
    FitOptions o = FitOptions.suggested(m);
    FitResult best = new Fitter(m).fit(obs, o.withUncertainties(false));
    var gen = new io.sumbin.histmodel.infer.toys.ToyGenerator(m);
    gen.setParameters(best.bestfit());
    var rng = new io.sumbin.histmodel.infer.toys.ToyRandom(99, 5, 0);
    double[] p = new double[KS_DATASETS];
    WorkRunner runner = WorkRunner.threads(2);
    for (int k = 0; k < KS_DATASETS; k++) {
      rng.reset(99, 5, k);
      double[] d = new double[m.nMain() + m.nAux()];
      gen.generate(rng, d);
      SaturatedGof g = SaturatedGof.compute(m, d, o, KS_TOYS, 1000 + k, runner);
      assertThat(g.failedToys()).isZero();
      // a toy p-value lives on the grid k/KS_TOYS: the KS bound below allows that discreteness (1/KS_TOYS)
      p[k] = g.pValue();
    }
    java.util.Arrays.sort(p);
    double dmax = 0;
    for (int k = 0; k < KS_DATASETS; k++) {
      dmax = Math.max(dmax, Math.max(Math.abs((k + 1.0) / KS_DATASETS - p[k]), Math.abs(p[k] - (double) k / KS_DATASETS)));
    }
    assertThat(dmax).as("KS distance of %d saturated p-values from uniform", KS_DATASETS)
        .isLessThan(KS_CRITICAL_COEFF / Math.sqrt(KS_DATASETS) + 1.0 / KS_TOYS);
  }

  /** Two counting channels with the POI only: A (s 10, b 20, n 35), B (s 5, b 10, n 12). */
  static ModelSpec twoCounts() {
    ChannelSpec a = new ChannelSpec("A", List.of(
        new SampleSpec("sig", new double[] {10}, List.of(new ModifierSpec.NormFactor("mu"))),
        new SampleSpec("bkg", new double[] {20}, List.of())));
    ChannelSpec b = new ChannelSpec("B", List.of(
        new SampleSpec("sig", new double[] {5}, List.of(new ModifierSpec.NormFactor("mu"))),
        new SampleSpec("bkg", new double[] {10}, List.of())));
    return new ModelSpec(List.of(a, b), List.of(), "mu", ModifierSettings.DEFAULT);
  }

  @Test
  void channelCompatibilityOfTwoCountsIsClosedForm() {
    ModelSpec spec = twoCounts();
    CompiledModel m = ModelCompiler.compile(spec);
    double[] d = m.withAuxdata(new double[] {35, 12});
    ChannelCompatibility cc = ChannelCompatibility.compute(spec, d, FitOptions.suggested(m));
    assertThat(cc.channels()).containsExactly("A", "B");
    assertThat(cc.muHat()).containsExactly(new double[] {1.5, 0.4}, within(EXACT_TOL));
    // common μ̂: Σ s n/(μ s + b) = Σ s
    double mu = new BrentSolver(1e-14).solve(200, x -> 10 * 35 / (10 * x + 20) + 5 * 12 / (5 * x + 10) - 15, 0, 5);
    assertThat(cc.commonMuHat()).isCloseTo(mu, within(EXACT_TOL));
    double nuA = 10 * mu + 20;
    double nuB = 5 * mu + 10;
    double delta = 2 * (nuA - 35 + 35 * Math.log(35 / nuA)) + 2 * (nuB - 12 + 12 * Math.log(12 / nuB));
    assertThat(cc.delta()).isCloseTo(delta, within(EXACT_TOL));
    assertThat(cc.dof()).isEqualTo(1);
    assertThat(cc.pValue()).isCloseTo(2 * io.sumbin.histmodel.infer.Normal.sf(Math.sqrt(delta)), within(1e-9));
  }

  @Test
  void profileIntervalsOfACountAreClosedForm() {
    ModelSpec spec = twoCounts();
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(spec.channels().get(0)), List.of(), "mu",
        ModifierSettings.DEFAULT));
    double[] d = m.withAuxdata(new double[] {35});
    ProfileIntervals pi = new Diagnostics(m, d, FitOptions.suggested(m), WorkRunner.threads(2)).intervals(new int[] {0});
    ParameterInterval iv = pi.intervals().get(0);
    // Δ(μ) = 2[ν − n + n ln(n/ν)], ν = 10μ + 20, n = 35, μ̂ = 1.5
    java.util.function.DoubleUnaryOperator delta = x -> 2 * (10 * x + 20 - 35 + 35 * Math.log(35 / (10 * x + 20)));
    BrentSolver s = new BrentSolver(1e-13);
    assertThat(iv.best()).isCloseTo(1.5, within(EXACT_TOL));
    assertThat(iv.interval68()[0]).isCloseTo(s.solve(200, x -> delta.applyAsDouble(x) - 1, 0, 1.5), within(EXACT_TOL));
    assertThat(iv.interval68()[1]).isCloseTo(s.solve(200, x -> delta.applyAsDouble(x) - 1, 1.5, 5), within(EXACT_TOL));
    double c95 = io.sumbin.histmodel.infer.ProfileLikelihood.DELTA_95_1D;
    assertThat(iv.interval95()[0]).isCloseTo(s.solve(200, x -> delta.applyAsDouble(x) - c95, 0, 1.5), within(EXACT_TOL));
    assertThat(iv.interval95()[1]).isCloseTo(s.solve(200, x -> delta.applyAsDouble(x) - c95, 1.5, 8), within(EXACT_TOL));
  }

  @Test
  void theUnitsOfWorkArePortableAndGiveTheSameNumbersOnAnotherRunner() {
    // as on Spark: every block of units runs on a deserialized copy of the work
    FitOptions o = FitOptions.suggested(model);
    var copying = new io.sumbin.testsupport.CopyingRunner(3);
    Impacts a = Impacts.compute(model, data, o, model.poiIndex(), WorkRunner.threads(2));
    Impacts b = Impacts.compute(model, data, o, model.poiIndex(), copying);
    assertThat(b.impacts()).isEqualTo(a.impacts());
    SaturatedGof g1 = SaturatedGof.compute(model, data, o, 12, 5L, WorkRunner.threads(2));
    SaturatedGof g2 = SaturatedGof.compute(model, data, o, 12, 5L, copying);
    assertThat(g2.toyQ()).containsExactly(g1.toyQ());
    ProfileIntervals p1 = ProfileIntervals.compute(model, data, o, new int[] {model.poiIndex()}, WorkRunner.threads(1));
    ProfileIntervals p2 = ProfileIntervals.compute(model, data, o, new int[] {model.poiIndex()}, copying);
    assertThat(p2.intervals().get(0).interval95()).containsExactly(p1.intervals().get(0).interval95());
    assertThat(copying.copies()).isGreaterThan(3);
  }

  @Test
  void aFamilyPointHasTheSameDiagnostics() {
    // a scan point of an EFT-like family: POI-dependent samples (quadratic terms), its own data
    ModelSpec spec = TestModels.withTerms();
    CompiledModel m = ModelCompiler.compile(spec);
    double[] p = m.suggestedInit();
    p[m.parIndex("c1")] = 0.3;
    double[] exp = new double[m.nMain() + m.nAux()];
    m.expectedData(p, exp);
    double[] main = new double[m.nMain()];
    for (int b = 0; b < main.length; b++) {
      main[b] = Math.rint(exp[b]);
    }
    var point = io.sumbin.histmodel.family.FamilyPoint.of(new double[] {0.3}, spec, main);
    Diagnostics d = point.diagnostics(WorkRunner.threads(2));
    FitResult f = d.fit();
    Impacts im = d.impacts(m.poiIndex());
    assertThat(im.converged()).as(im.message()).isTrue();
    assertThat(im.poi()).isEqualTo("c1");
    assertThat(d.pulls(f).pulls()).extracting(Pull::parameter).contains("theory", "shape", "stat[0]");
    Yields y = d.postfit(f);
    assertThat(y.channel("SR").samples()).extracting(SampleYields::name).contains("eft", "ggZZ", "bkg");
  }
}
