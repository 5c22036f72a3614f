package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Evaluator;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.diagnostics.ChannelYields;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.infer.diagnostics.Impact;
import io.sumbin.histmodel.infer.diagnostics.Impacts;
import io.sumbin.histmodel.infer.diagnostics.Pull;
import io.sumbin.histmodel.infer.diagnostics.Pulls;
import io.sumbin.histmodel.infer.diagnostics.SampleYields;
import io.sumbin.histmodel.infer.diagnostics.SaturatedGof;
import io.sumbin.histmodel.infer.diagnostics.Yields;
import io.sumbin.histmodel.parallel.WorkRunner;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fit diagnostics of issue 21 against pyhf's likelihood on the shipped reference workspaces
 * (../shared/pyhf/reference). pyhf itself is not run here; its recorded numbers are used where they
 * exist and an independent computation where they do not:
 *
 * <ul>
 *   <li>−ln L at the initial and at pyhf's best-fit parameters equals pyhf's {@code logpdf} to 1e−8
 *       (so that what follows is a computation on pyhf's likelihood);
 *   <li>covariance: the inverse of the central finite-difference Hessian of that −ln L (values only);
 *   <li>post-fit yields per sample and bin: pyhf's per-sample rates at init (1e−10), and at the best
 *       fit the per-sample yields at pyhf's own MLE;
 *   <li>saturated statistic: −2·pyhf's logpdf at its MLE minus −2 ln L_sat written out from the data
 *       (lnΓ, the Gaussian and Poisson constraint maxima);
 *   <li>pulls: their definition with the pre-fit widths read from the workspace JSON, the post-fit σ
 *       from the finite-difference Hessian;
 *   <li>impacts: explicit refits with the parameter held fixed, started from the suggested start.
 * </ul>
 *
 * Comparisons with pyhf's MLE are made where pyhf's fit reached the minimum (its twice_nll within
 * {@link #PYHF_AT_MINIMUM} of sumbin's; {@code bp_ttbar_ljets_xsec_inclusive} is the recorded
 * exception, see {@link PyhfReferenceAgreementTest}).
 */
class PyhfDiagnosticsAgreementTest {
  /** The bar: relative agreement of every compared quantity. */
  static final double REL_TOL = 1e-4;
  static final double LOGPDF_REL_TOL = 1e-8;
  static final double RATES_REL_TOL = 1e-10;
  /** pyhf's fit counts as at the minimum when its twice_nll is within this of sumbin's. */
  static final double PYHF_AT_MINIMUM = 1e-4;

  static Stream<String> withPoi() {
    return Shared.referenceNames().stream().filter(n -> !n.equals("tests_poiless") && !n.equals("tests_issue1720_shapesys_poi"));
  }

  /**
   * The workspaces of the finite-difference checks: all with a POI but bp_ttbar_ljets_xsec_inclusive,
   * whose 132 parameters make the values-only Hessian (4·n²·2 likelihood evaluations) take 30 s — more
   * than this suite's budget — and whose pyhf MLE is recorded off the minimum anyway.
   */
  static Stream<String> forFiniteDifferences() {
    return withPoi().filter(n -> !n.equals("bp_ttbar_ljets_xsec_inclusive"));
  }

  /** Fit and finite-difference covariance per workspace, shared by the covariance and pull checks. */
  record FdCase(PyhfReferenceAgreementTest.Case c, FitResult fit, boolean[] free, double[] fd) {}

  private static final java.util.Map<String, FdCase> FD = new java.util.concurrent.ConcurrentHashMap<>();

  static FdCase fd(String name) {
    return FD.computeIfAbsent(name, k -> {
      var c = load(k);
      FitResult f = new Fitter(c.model()).fit(c.data());
      boolean[] free = free(c.model(), f);
      double[] fd = f.ok() ? fdCovariance(c.model(), c.data(), f.bestfit(), free, f.uncertainties()) : null;
      return new FdCase(c, f, free, fd);
    });
  }

  static PyhfReferenceAgreementTest.Case load(String name) {
    return PyhfReferenceAgreementTest.load(name);
  }

  static double[] pyhfMle(PyhfReferenceAgreementTest.Case c) {
    return Shared.nums(c.ref().get("mle_fit").get("bestfit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withPoi")
  void theLikelihoodUnderTestIsPyhfs(String name) {
    var c = load(name);
    Evaluator ev = c.model().evaluator();
    double ref = c.ref().get("logpdf_at_bestfit").get("logpdf").asDouble();
    assertThat(-ev.nll(pyhfMle(c), c.data())).isCloseTo(ref, within(LOGPDF_REL_TOL * Math.abs(ref)));
    double ref0 = c.ref().get("logpdf_at_init").get("logpdf").asDouble();
    assertThat(-ev.nll(c.model().suggestedInit(), c.data())).isCloseTo(ref0, within(LOGPDF_REL_TOL * Math.abs(ref0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forFiniteDifferences")
  void covarianceIsTheInverseFiniteDifferenceHessianOfPyhfsLogpdf(String name) {
    FdCase x = fd(name);
    var c = x.c();
    FitResult f = x.fit();
    assumeTrue(f.ok() && f.covariance() != null, "no positive-definite Hessian at the minimum: " + f.message());
    int n = c.model().nPars();
    boolean[] free = x.free();
    double[] fd = x.fd();
    double[] rho = Diagnostics.correlation(f.covariance(), n);
    double[] rhoFd = Diagnostics.correlation(fd, n);
    for (int i = 0; i < n; i++) {
      if (!free[i]) {
        continue;
      }
      assertThat(f.covariance()[i * n + i]).as("%s: variance of %s", name, c.model().parName(i))
          .isCloseTo(fd[i * n + i], within(REL_TOL * fd[i * n + i]));
      for (int j = 0; j < n; j++) {
        if (free[j]) {
          assertThat(rho[i * n + j]).as("%s: correlation %s, %s", name, c.model().parName(i), c.model().parName(j))
              .isCloseTo(rhoFd[i * n + j], within(REL_TOL));
        }
      }
    }
  }

  /**
   * The parameters the fit's covariance covers: the non-fixed ones (a parameter at a bound stays in,
   * as in the fitter, when the Hessian with it is positive definite — its variance is finite then).
   */
  static boolean[] free(CompiledModel m, FitResult f) {
    boolean[] fixed = m.suggestedFixed();
    boolean[] free = new boolean[m.nPars()];
    for (int i = 0; i < free.length; i++) {
      free[i] = !fixed[i] && Double.isFinite(f.uncertainties()[i]) && f.uncertainties()[i] > 0;
    }
    return free;
  }

  /**
   * Finite-difference step in units of each parameter's Hessian σ. Strongly correlated models have large
   * higher derivatives along their weak directions (synthetic_5ch_8bin_allmods: 2e−4 relative truncation
   * error at 3e−3σ), so the covariance is Richardson-extrapolated from steps h and 2h (error O(h⁴));
   * rounding stays ~1e−8 relative at this step.
   */
  static final double FD_STEP_SIGMAS = 1e-3;

  /**
   * Inverse central finite-difference Hessian of −ln L over the free parameters (zeros elsewhere), from
   * values only, Richardson-extrapolated: (4 C(h) − C(2h)) / 3.
   */
  static double[] fdCovariance(CompiledModel m, double[] d, double[] x0, boolean[] free, double[] sigma) {
    double[] c1 = fdCovariance(m, d, x0, free, sigma, FD_STEP_SIGMAS);
    double[] c2 = fdCovariance(m, d, x0, free, sigma, 2 * FD_STEP_SIGMAS);
    double[] out = new double[c1.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (4 * c1[i] - c2[i]) / 3;
    }
    return out;
  }

  static double[] fdCovariance(CompiledModel m, double[] d, double[] x0, boolean[] free, double[] sigma, double step) {
    Evaluator ev = m.evaluator();
    int n = m.nPars();
    int[] idx = java.util.stream.IntStream.range(0, n).filter(i -> free[i]).toArray();
    int k = idx.length;
    // −ln L without its data constant (the saturated-relative deviance): smaller values, less rounding
    double c = 0.0;
    double[] x = x0.clone();
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = step * sigma[i];
    }
    double[][] hess = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        int i = idx[a];
        int j = idx[b];
        double s = 0;
        for (int p = -1; p <= 1; p += 2) {
          for (int q = -1; q <= 1; q += 2) {
            x[i] += p * h[i];
            x[j] += q * h[j];
            s += p * q * ev.nll(x, d, c);
            x[i] = x0[i];
            x[j] = x0[j];
          }
        }
        hess[a][b] = hess[b][a] = s / (4 * h[i] * h[j]);
      }
    }
    var inv = new LUDecomposition(MatrixUtils.createRealMatrix(hess)).getSolver().getInverse();
    double[] out = new double[n * n];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        out[idx[a] * n + idx[b]] = inv.getEntry(a, b);
      }
    }
    return out;
  }

  /** Whether pyhf's MLE is at the minimum sumbin finds. */
  static boolean pyhfAtMinimum(PyhfReferenceAgreementTest.Case c, FitResult ours) {
    return Math.abs(c.ref().get("mle_fit").get("twice_nll").asDouble() - ours.twiceNll()) < PYHF_AT_MINIMUM;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withPoi")
  void postfitYieldsPerSampleAndBinArePyhfsAtItsMle(String name) {
    var c = load(name);
    CompiledModel m = c.model();
    Diagnostics d = new Diagnostics(m, c.data(), FitOptions.suggested(m), WorkRunner.threads(1));
    // pre-fit: pyhf's expected_data(init, return_by_sample=True)
    Yields pre = d.prefit();
    JsonNode bys = c.ref().get("expected_by_sample_at_init");
    check(m, pre, bys.get("samples"), s -> Shared.nums(bys.get("rates").get(s)), RATES_REL_TOL, name + " pre-fit", 0);
    FitResult f = d.fit();
    assumeTrue(pyhfAtMinimum(c, f), "pyhf's MLE is not at the minimum");
    Yields post = d.postfit(f);
    double[][] atPyhf = new double[m.sampleNames().size()][m.nMain()];
    m.evaluator().expectedBySample(pyhfMle(c), atPyhf);
    // pyhf's MLE lies Δ = twice_nll(pyhf) − twice_nll(sumbin) ≥ 0 above the minimum; by Cauchy–Schwarz in the
    // metric of the Hessian, |ν(θ_pyhf) − ν(θ̂)| ≤ √Δ · σ_ν (quadratic approximation), so pyhf's imprecision
    // enters with the post-fit σ of each yield on top of the 1e−4 relative
    double delta = Math.max(c.ref().get("mle_fit").get("twice_nll").asDouble() - f.twiceNll(), 0);
    check(m, post, bys.get("samples"), s -> atPyhf[s], REL_TOL, name + " post-fit", CS_MARGIN * Math.sqrt(delta));
    // and our yields are the validated per-sample function at our MLE
    double[][] atOurs = new double[m.sampleNames().size()][m.nMain()];
    m.evaluator().expectedBySample(f.bestfit(), atOurs);
    check(m, post, bys.get("samples"), s -> atOurs[s], 1e-14, name + " post-fit (own MLE)", 0);
  }

  /** Margin on the Cauchy–Schwarz bound for the likelihood's departure from a parabola. */
  static final double CS_MARGIN = 1.5;

  private static void check(CompiledModel m, Yields y, JsonNode sampleNames, java.util.function.IntFunction<double[]> ref,
      double tol, String what, double sigmas) {
    for (ChannelYields ch : y.channels()) {
      int off = m.channelOffset(m.channelNames().indexOf(ch.name()));
      for (SampleYields s : ch.samples()) {
        int si = -1;
        for (int k = 0; k < sampleNames.size(); k++) {
          if (sampleNames.get(k).asText().equals(s.name())) {
            si = k;
          }
        }
        double[] r = ref.apply(si);
        for (int b = 0; b < s.yields().length; b++) {
          assertThat(s.yields()[b]).as("%s: %s/%s bin %d", what, ch.name(), s.name(), b)
              .isCloseTo(r[off + b], within(tol * Math.abs(r[off + b]) + sigmas * s.uncertainty()[b] + 1e-12));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withPoi")
  void saturatedStatisticIsPyhfsLogpdfAgainstTheSaturatedPoissonTerms(String name) {
    var c = load(name);
    CompiledModel m = c.model();
    SaturatedGof g = SaturatedGof.compute(m, c.data(), FitOptions.suggested(m), 0, 1L, WorkRunner.threads(1));
    assumeTrue(pyhfAtMinimum(c, g.best()), "pyhf's MLE is not at the minimum");
    double[] data = c.data();
    double lnSat = 0;
    for (int b = 0; b < m.nMain(); b++) {
      double n = data[b];
      lnSat += (n == 0 ? 0 : n * Math.log(n)) - n - Gamma.logGamma(n + 1);
    }
    for (var gc : m.gaussianConstraints()) {
      lnSat += -Math.log(gc.sigma() * Math.sqrt(2 * Math.PI));
    }
    for (var pc : m.poissonConstraints()) {
      double a = data[m.nMain() + pc.aux()];
      lnSat += (a == 0 ? 0 : a * Math.log(a)) - a - Gamma.logGamma(a + 1);
    }
    double pyhfQ = -2 * c.ref().get("logpdf_at_bestfit").get("logpdf").asDouble() + 2 * lnSat;
    // relative to q, with the scale of a 2NLL difference (1) as the floor: pyhf's SLSQP stops ~1e−7 above the
    // minimum, which is all of q for the one-bin models that fit their bin exactly (q ≈ 0)
    assertThat(g.q()).as(name).isCloseTo(pyhfQ, within(REL_TOL * Math.max(pyhfQ, 1)));
    assertThat(g.q()).as("%s: sumbin's minimum is not above pyhf's", name).isLessThanOrEqualTo(pyhfQ + 1e-9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forFiniteDifferences")
  void pullsAreTheirDefinitionWithWidthsFromTheWorkspace(String name) {
    FdCase x = fd(name);
    var c = x.c();
    CompiledModel m = c.model();
    FitResult f = x.fit();
    assumeTrue(f.ok(), f.message());
    Pulls pulls = Pulls.of(m, c.data(), f, m.suggestedFixed());
    boolean[] free = x.free();
    double[] fd = x.fd();
    JsonNode ws = io.sumbin.pyhf.Json.read(Shared.workspace(name));
    for (Pull p : pulls.pulls()) {
      double[] w = WorkspaceWidths.of(ws, c.ref().get("default_measurement").asText(), p.parameter(), p.kind());
      assertThat(p.prefitSigma()).as("%s: pre-fit width of %s", name, p.parameter()).isCloseTo(w[1], within(1e-12 * w[1]));
      assertThat(p.pull()).as("%s: pull of %s", name, p.parameter())
          .isCloseTo((f.bestfit()[p.index()] - w[0]) / w[1], within(1e-12 * (1 + Math.abs(p.pull()))));
      if (free[p.index()]) {
        assertThat(p.constraint()).as("%s: constraint of %s", name, p.parameter())
            .isCloseTo(Math.sqrt(fd[p.index() * m.nPars() + p.index()]) / w[1], within(REL_TOL * p.constraint()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bp_meff_ttbar_cr_sr_vr", "synthetic_5ch_8bin_allmods", "val_2ch_2bin_shapesys"})
  void impactsAreExplicitConstrainedRefits(String name) {
    var c = load(name);
    CompiledModel m = c.model();
    int poi = m.poiIndex();
    Impacts im = Impacts.compute(m, c.data(), FitOptions.suggested(m), poi, WorkRunner.threads(2));
    assertThat(im.converged()).as(im.message()).isTrue();
    FitResult best = im.best();
    Fitter cold = new Fitter(m);
    FitOptions o = FitOptions.suggested(m).withUncertainties(false);
    double sigmaPoi = best.uncertainties()[poi];
    List<Impact> all = im.impacts();
    for (Impact x : all) {
      int i = x.index();
      double[] shifts = {x.postfitUp(), x.postfitDown()};
      double[] at = {Math.min(best.bestfit()[i] + best.uncertainties()[i], o.upper()[i]),
          Math.max(best.bestfit()[i] - best.uncertainties()[i], o.lower()[i])};
      for (int k = 0; k < 2; k++) {
        FitResult r = cold.fit(c.data(), o.withFixed(i, at[k]));
        double ref = r.bestfit()[poi] - best.bestfit()[poi];
        // relative to the shift, with a floor at 1e−4 of the POI's own uncertainty for negligible impacts
        assertThat(shifts[k]).as("%s: impact of %s", name, x.parameter())
            .isCloseTo(ref, within(REL_TOL * Math.max(Math.abs(ref), sigmaPoi)));
      }
    }
  }
}
