package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Evaluator;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.MinimizerSettings;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.compile.NllObjective;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.WorkspaceIO;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sumbin against pyhf 0.7 on every file of ../shared/pyhf/reference: model structure, logpdf,
 * expected data and maximum-likelihood fits (issue 2, item 5).
 *
 * <p>Where pyhf's own fit did not reach the minimum (its SLSQP stops at ~1e−6 in the objective and
 * in two recorded cases far off it: {@code bp_ttbar_ljets_xsec_inclusive} at μ = 0 collapses, and
 * its MLE and μ = 1 fits stop ≈ 0.2 above the minimum), the test checks against the truth instead:
 * sumbin's twice_nll is lower, pyhf's reported value is what sumbin computes at pyhf's parameters,
 * and sumbin's point satisfies the first-order optimality conditions.
 */
class PyhfReferenceAgreementTest {
  static final double LOGPDF_REL_TOL = 1e-8;
  static final double EXPECTED_REL_TOL = 1e-10;
  static final double TWICE_NLL_TOL = 1e-5;
  static final double PAR_ABS_TOL = 1e-3;
  static final double PAR_SIGMA_TOL = 0.01;
  /** pyhf's fit is considered short of the minimum when sumbin is lower by more than this. */
  static final double PYHF_NOT_CONVERGED = 1e-4;
  /** |∂(−ln L)/∂θ_i|·σ_i below this at a minimum (first-order conditions, free parameters). */
  static final double KKT_TOL = 1e-3;

  static Stream<String> references() {
    return Shared.referenceNames().stream();
  }

  record Case(String name, JsonNode ref, Workspace ws, CompiledModel model, double[] data) {}

  static Case load(String name) {
    JsonNode ref = Shared.reference(name);
    // pyhf's own test workspaces (tests_example_*) configure a parameter the model lacks: read them as pyhf does
    Workspace ws = WorkspaceIO.read(Shared.workspace(name), WorkspaceIO.Strictness.pyhf(w -> { }));
    CompiledModel m = Models.compile(ws, ref.get("default_measurement").asText());
    return new Case(name, ref, ws, m, Models.observedData(ws, m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void modelStructureMatchesPyhf(String name) {
    Case c = load(name);
    JsonNode mref = c.ref().get("model");
    List<String> names = new ArrayList<>();
    mref.get("parameter_names").forEach(n -> names.add(n.asText()));
    assertThat(c.model().parNames()).as("parameter names and order").isEqualTo(names);
    assertThat(c.model().suggestedInit())
        .as("suggested init")
        .containsExactly(Shared.nums(mref.get("suggested_init")), within(0.0));
    double[] lo = new double[names.size()];
    double[] hi = new double[names.size()];
    for (int i = 0; i < lo.length; i++) {
      lo[i] = Shared.num(mref.get("suggested_bounds").get(i).get(0));
      hi[i] = Shared.num(mref.get("suggested_bounds").get(i).get(1));
    }
    assertThat(c.model().lowerBounds()).as("lower bounds").containsExactly(lo, within(0.0));
    assertThat(c.model().upperBounds()).as("upper bounds").containsExactly(hi, within(0.0));
    boolean[] fixed = c.model().suggestedFixed();
    for (int i = 0; i < fixed.length; i++) {
      assertThat(fixed[i])
          .as("fixed flag of " + names.get(i))
          .isEqualTo(mref.get("suggested_fixed").get(i).asBoolean());
    }
    assertThat(c.model().auxdata()).as("auxdata").containsExactly(Shared.nums(mref.get("auxdata")), within(1e-15));
    int poi = mref.get("poi_index").isNull() ? -1 : mref.get("poi_index").asInt();
    assertThat(c.model().poiIndex()).as("POI index").isEqualTo(poi);
    assertThat(c.data())
        .as("data order")
        .containsExactly(Shared.nums(c.ref().get("data").get("data_full")), within(0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void logpdfAndExpectedDataAtInit(String name) {
    Case c = load(name);
    Evaluator ev = c.model().evaluator();
    double[] init = c.model().suggestedInit();
    double logpdf = -ev.nll(init, c.data());
    double ref = c.ref().get("logpdf_at_init").get("logpdf").asDouble();
    assertThat(logpdf).as("logpdf at init").isCloseTo(ref, within(LOGPDF_REL_TOL * Math.abs(ref)));
    double[] exp = new double[c.model().nMain() + c.model().nAux()];
    ev.expectedData(init, exp);
    double[] expRef = Shared.nums(c.ref().get("expected_data_at_init").get("main_and_aux"));
    for (int i = 0; i < exp.length; i++) {
      assertThat(exp[i])
          .as("expected data [" + i + "]")
          .isCloseTo(expRef[i], within(EXPECTED_REL_TOL * Math.abs(expRef[i])));
    }
    // expected data per sample
    JsonNode bys = c.ref().get("expected_by_sample_at_init");
    double[][] ours = new double[c.model().sampleNames().size()][c.model().nMain()];
    ev.expectedBySample(init, ours);
    for (int s = 0; s < bys.get("samples").size(); s++) {
      assertThat(c.model().sampleNames().get(s))
          .as("c.model().sampleNames().get(s)")
          .isEqualTo(bys.get("samples").get(s).asText());
      double[] r = Shared.nums(bys.get("rates").get(s));
      for (int b = 0; b < r.length; b++) {
        assertThat(ours[s][b])
            .as("sample " + s + " bin " + b)
            .isCloseTo(r[b], within(EXPECTED_REL_TOL * Math.abs(r[b])));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void maximumLikelihoodFit(String name) {
    Case c = load(name);
    FitResult r = new Fitter(c.model()).fit(c.data());
    checkFit(c, r, c.ref().get("mle_fit"));
  }

  /** The block form of the Hessian (issue 12, item 6) against the dense form on every shared workspace. */
  static final double BLOCK_NLL_TOL = 1e-8;
  static final double BLOCK_PAR_TOL = 1e-5;

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void blockFormFitsAgreeWithDenseFits(String name) {
    Case c = load(name);
    var dense = new Fitter(c.model(), MinimizerSettings.DEFAULT.withHessianForm(MinimizerSettings.HessianForm.DENSE)).fit(c.data());
    var block = new Fitter(c.model(), MinimizerSettings.DEFAULT.withHessianForm(MinimizerSettings.HessianForm.BLOCK)).fit(c.data());
    org.assertj.core.api.Assertions.assertThat(block.converged()).as("block form converged: %s", block.message()).isEqualTo(dense.converged());
    if (!Double.isFinite(dense.twiceNll())) {
      return; // tests_issue1720_shapesys_poi: both report the empty-likelihood point, not a number
    }
    org.assertj.core.api.Assertions.assertThat(block.twiceNll()).as("twice_nll").isCloseTo(dense.twiceNll(),
        org.assertj.core.api.Assertions.within(BLOCK_NLL_TOL * Math.max(1, Math.abs(dense.twiceNll()))));
    for (int i = 0; i < c.model().nPars(); i++) {
      org.assertj.core.api.Assertions.assertThat(block.bestfit()[i]).as(c.model().parName(i))
          .isCloseTo(dense.bestfit()[i], org.assertj.core.api.Assertions.within(BLOCK_PAR_TOL));
      if (Double.isFinite(dense.uncertainties()[i])) {
        org.assertj.core.api.Assertions.assertThat(block.uncertainties()[i]).as("σ " + c.model().parName(i))
            .isCloseTo(dense.uncertainties()[i], org.assertj.core.api.Assertions.within(BLOCK_PAR_TOL * Math.max(1, dense.uncertainties()[i])));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void fixedPoiFitAtZero(String name) {
    fixedPoiFit(name, "fixed_poi_fit_mu0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void fixedPoiFitAtOne(String name) {
    fixedPoiFit(name, "fixed_poi_fit_mu1");
  }

  private void fixedPoiFit(String name, String key) {
    Case c = load(name);
    assumeTrue(c.model().poiIndex() >= 0, "no POI");
    if (name.equals("tests_issue1720_shapesys_poi") && key.endsWith("mu0")) {
      // pyhf refuses (POI lower bound 1e-10). The truth: the POI is a shapesys γ whose Poisson
      // constraint Pois(τ | γτ) vanishes at γ = 0 (τ > 0), so L = 0 there and no fit exists.
      // sumbin must say so in the result instead of returning a number.
      FitResult r = new Fitter(c.model()).fixedPoiFit(0.0, c.data());
      assertThat(r.converged()).as("a fit with L = 0 everywhere cannot converge").isFalse();
      assertThat(r.twiceNll()).as("r.twiceNll()").isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(r.message()).as(r.message()).contains("not finite");
      return;
    }
    assumeFalse(Shared.pyhfFailed(c.ref(), key), "pyhf recorded a failure for " + key);
    JsonNode ref = c.ref().get(key);
    FitResult r = new Fitter(c.model()).fixedPoiFit(ref.get("mu").asDouble(), c.data());
    assertThat(r.bestfit()[c.model().poiIndex()]).as("POI held fixed").isCloseTo(ref.get("mu").asDouble(), within(0.0));
    checkFit(c, r, ref);
  }

  private void checkFit(Case c, FitResult r, JsonNode ref) {
    assertThat(r.converged()).as(c.name() + ": " + r.message()).isTrue();
    double refNll = ref.get("twice_nll").asDouble();
    double[] refPars = Shared.nums(ref.get("bestfit"));
    // never a worse minimum than pyhf
    assertThat(r.twiceNll())
        .as(c.name() + ": twice_nll " + r.twiceNll() + " above pyhf's " + refNll)
        .isLessThanOrEqualTo(refNll + TWICE_NLL_TOL);
    Fitter probe = new Fitter(c.model());
    double atPyhf = probe.twiceNll(refPars, c.data());
    assertThat(atPyhf)
        .as("pyhf's twice_nll reproduced at pyhf's parameters")
        .isCloseTo(refNll, within(1e-8 * Math.max(1, Math.abs(refNll))));
    if (r.twiceNll() < refNll - PYHF_NOT_CONVERGED) {
      // pyhf stopped short of the minimum: check sumbin's point is a minimum (first-order conditions)
      assertFirstOrderOptimal(c, r);
      return;
    }
    assertThat(r.twiceNll()).as("twice_nll").isCloseTo(refNll, within(TWICE_NLL_TOL));
    for (int i = 0; i < refPars.length; i++) {
      double d = Math.abs(r.bestfit()[i] - refPars[i]);
      double tol = Math.max(PAR_ABS_TOL, PAR_SIGMA_TOL * r.uncertainties()[i]);
      if (d > tol) {
        // degenerate minimum: the likelihood is even in this parameter (e.g. a symmetric histosys);
        // the mirrored point must give the same likelihood and match pyhf's value
        double[] mirrored = r.bestfit().clone();
        mirrored[i] = -mirrored[i];
        assertThat(probe.twiceNll(mirrored, c.data()))
            .as(c.name() + ": " + r.parNames().get(i) + " differs from pyhf (" + r.bestfit()[i] + " vs " + refPars[i]
                + ") and the minimum is not mirror-symmetric in it")
            .isCloseTo(r.twiceNll(), within(1e-9));
        assertThat(mirrored[i]).as(c.name() + ": mirrored " + r.parNames().get(i)).isCloseTo(refPars[i], within(tol));
      }
    }
  }

  private static void assertFirstOrderOptimal(Case c, FitResult r) {
    CompiledModel m = c.model();
    NllObjective o = new NllObjective(m, c.data());
    double[] g = new double[m.nPars()];
    o.valueAndGradient(r.bestfit(), g);
    double[] lo = m.lowerBounds();
    double[] hi = m.upperBounds();
    boolean[] fixed = m.suggestedFixed();
    int poi = m.poiIndex();
    for (int i = 0; i < g.length; i++) {
      boolean held = fixed[i] || (i == poi && r.uncertainties()[i] == 0);
      boolean atLo = r.bestfit()[i] <= lo[i] && g[i] > 0;
      boolean atHi = r.bestfit()[i] >= hi[i] && g[i] < 0;
      if (held || atLo || atHi || Double.isNaN(r.uncertainties()[i])) {
        continue;
      }
      assertThat(Math.abs(g[i]) * r.uncertainties()[i])
          .as(c.name() + ": gradient " + g[i] + " for " + r.parNames().get(i) + " at sumbin's minimum")
          .isLessThan(KKT_TOL);
    }
    assertThat(r.hessianOk()).as("Hessian positive definite at the minimum").isTrue();
  }
}
