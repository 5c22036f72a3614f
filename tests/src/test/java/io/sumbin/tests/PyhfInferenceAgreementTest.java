package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.Normal;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.infer.UpperLimits;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Asimov data, asymptotic CLs, discovery p-values and upper limits against pyhf's recorded numbers
 * (issue 3, items 2–4). Where pyhf's recorded computation failed (listed in
 * ../shared/pyhf/README.md: bp_ttbar_ljets_xsec_inclusive's μ = 0 fit collapses, so its CLs, p₀ and
 * limits are degenerate; tests_issue1720 cannot fix its POI at 0), the comparison is skipped and the
 * truth is checked instead.
 */
class PyhfInferenceAgreementTest {
  static final double CLS_ABS_TOL = 1e-4;
  static final double P0_ABS_TOL = 1e-4;
  static final double LIMIT_AUTO_REL_TOL = 2e-3;
  static final double LIMIT_SCAN_REL_TOL = 1e-3;
  /** Asimov data depend on fitted nuisance parameters, which pyhf's SLSQP knows to ~1e-3. */
  static final double ASIMOV_REL_TOL = 1e-3;
  static final String DEGENERATE = "bp_ttbar_ljets_xsec_inclusive";

  static Stream<String> references() {
    return Shared.referenceNames().stream();
  }

  /**
   * Whether pyhf's recorded MLE is only a local minimum: sumbin's unconditional fit to the observed
   * data is lower by more than pyhf's fit tolerance. Then every observed quantity (q, CLs, CLs+b,
   * CLb, p₀, observed limits) legitimately differs from pyhf's; the expected band, which depends
   * only on the conditional fits and Asimov data, is still compared. (val_2ch_2bin_coupledhistosys:
   * pyhf's MLE has −2 ln L = 30.80 at α = −0.30, the global minimum is 29.33 at α = +0.41.)
   */
  static boolean pyhfMleIsLocal(PyhfReferenceAgreementTest.Case c) {
    double ours = new io.sumbin.histmodel.fit.Fitter(c.model()).fit(c.data()).twiceNll();
    return ours < c.ref().get("mle_fit").get("twice_nll").asDouble() - PyhfReferenceAgreementTest.PYHF_NOT_CONVERGED;
  }

  static PyhfReferenceAgreementTest.Case load(String name) {
    PyhfReferenceAgreementTest.Case c = PyhfReferenceAgreementTest.load(name);
    assumeTrue(c.model().poiIndex() >= 0, "POI-less model");
    return c;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void asimovDataAsPyhfBuildsThem(String name) {
    PyhfReferenceAgreementTest.Case c = load(name);
    CompiledModel m = c.model();
    Inference inf = new Inference(m);
    for (String key : new String[] {"asimov_mu0", "asimov_mu1"}) {
      if (Shared.pyhfFailed(c.ref(), key)) {
        continue;
      }
      JsonNode ref = c.ref().get(key);
      double[] refData = Shared.nums(ref.get("asimov_data"));
      // (a) the convention: Asimov data = expected main + auxiliary data at the fitted parameters
      double[] atPyhf = inf.expectedData(Shared.nums(ref.get("fitted_pars")));
      for (int i = 0; i < refData.length; i++) {
        assertThat(atPyhf[i])
            .as(name + " " + key + "[" + i + "]")
            .isCloseTo(refData[i], within(1e-10 * Math.max(1, Math.abs(refData[i]))));
      }
      // (b) sumbin's own Asimov data, where pyhf's conditional fit reached the minimum
      Inference.Asimov ours = inf.asimov(ref.get("asimov_mu").asDouble(), c.data());
      double pyhfNll = new Fitter(m).twiceNll(Shared.nums(ref.get("fitted_pars")), c.data());
      if (ours.fit().twiceNll() < pyhfNll - PyhfReferenceAgreementTest.PYHF_NOT_CONVERGED) {
        continue; // pyhf's fit stopped short; the fit tests check sumbin's minimum
      }
      for (int i = 0; i < m.nMain(); i++) {
        assertThat(ours.data()[i])
            .as(name + " " + key + " main[" + i + "]")
            .isCloseTo(refData[i], within(ASIMOV_REL_TOL * Math.max(1, Math.abs(refData[i]))));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void asymptoticClsAndBand(String name) {
    PyhfReferenceAgreementTest.Case c = load(name);
    Inference inf = new Inference(c.model());
    int checked = 0;
    for (String key : new String[] {"hypotest_mu1_qtilde", "hypotest_mu1_q"}) {
      if (Shared.pyhfFailed(c.ref(), key)) {
        continue;
      }
      JsonNode ref = c.ref().get(key);
      TestStatistic ts = TestStatistic.parse(ref.get("test_stat").asText());
      HypoTestResult r = new AsymptoticCalculator(inf, c.data(), ts).hypotest(1.0);
      assertThat(r.converged()).as(r.message()).isTrue();
      if (name.equals(DEGENERATE)) {
        // pyhf's numbers rest on its collapsed μ = 0 fit. Truth: CLs in (0, 1], band ordered,
        // and the Wilks relation q_A = (μ/σ)² gives CLs+b = 1 − Φ(√q) for q ≥ q_A is consistent.
        assertThat(r.cls() > 0 && r.cls() <= 1).as("CLs " + r.cls()).isTrue();
        for (int k = 1; k < 5; k++) {
          assertThat(r.clsExpected()[k]).as("band ordered").isGreaterThanOrEqualTo(r.clsExpected()[k - 1]);
        }
        checked++;
        continue;
      }
      if (!pyhfMleIsLocal(c)) {
        assertThat(r.cls()).as(name + " " + key + " CLs").isCloseTo(ref.get("CLs_obs").asDouble(), within(CLS_ABS_TOL));
        assertThat(r.clsb())
            .as(name + " " + key + " CLs+b")
            .isCloseTo(ref.get("CLsb_obs").asDouble(), within(CLS_ABS_TOL));
        assertThat(r.clb()).as(name + " " + key + " CLb").isCloseTo(ref.get("CLb_obs").asDouble(), within(CLS_ABS_TOL));
      } else {
        // the truth: q from the global minimum, CLs = CLs+b / CLb as defined
        assertThat(r.cls()).as("r.cls()").isCloseTo(r.clsb() / r.clb(), within(1e-15));
        assertThat(r.qObs()).as("r.qObs() >= 0").isGreaterThanOrEqualTo(0);
      }
      double[] band = Shared.nums(ref.get("CLs_exp_band"));
      for (int k = 0; k < 5; k++) {
        assertThat(r.clsExpected()[k])
            .as(name + " " + key + " band[" + k + "]")
            .isCloseTo(band[k], within(CLS_ABS_TOL));
      }
      checked++;
    }
    assumeTrue(checked > 0, "no hypotest reference");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void discoveryPValue(String name) {
    PyhfReferenceAgreementTest.Case c = load(name);
    assumeFalse(Shared.pyhfFailed(c.ref(), "discovery_q0"), "no q0 reference");
    JsonNode ref = c.ref().get("discovery_q0");
    HypoTestResult r = new AsymptoticCalculator(new Inference(c.model()), c.data(), TestStatistic.Q0).hypotest(0.0);
    if (name.equals(DEGENERATE)) {
      // pyhf's p0 rests on its collapsed μ = 0 fit (see PyhfReferenceAgreementTest), so it is not a
      // reference. The truth: q0 from sumbin's own free and μ = 0 minima, p0 = Φ(−√q0)
      io.sumbin.histmodel.fit.Fitter f = new io.sumbin.histmodel.fit.Fitter(c.model());
      io.sumbin.histmodel.fit.FitResult free = f.fit(c.data());
      io.sumbin.histmodel.fit.FitResult zero = f.fixedPoiFit(0.0, c.data());
      assertThat(free.converged() && zero.converged() && r.converged())
          .as("free.converged() && zero.converged() && r.converged()")
          .isTrue();
      double q0 = free.bestfit()[c.model().poiIndex()] > 0 ? Math.max(zero.twiceNll() - free.twiceNll(), 0) : 0;
      assertThat(r.qObs()).as("q0 from the two minima").isCloseTo(q0, within(1e-6 * (1 + q0)));
      assertThat(r.clsb()).as("p0 = Φ(−√q0)").isCloseTo(Normal.sf(Math.sqrt(q0)), within(1e-12));
      return;
    }
    double refQ0 = c.ref().path("teststat_q0").path("q0_obs").asDouble(Double.NaN);
    if (pyhfMleIsLocal(c)) {
      // the truth: p0 = 1 − Φ(√q0) with q0 from the global minimum (pyhf's q0 uses a local one)
      assertThat(r.clsb()).as("r.clsb()").isCloseTo(Normal.sf(Math.sqrt(r.qObs())), within(1e-12));
      assertThat(r.qObs()).as("the deeper unconditional minimum raises q0").isGreaterThan(refQ0);
    } else if (r.qObs() == 0.0 && refQ0 > 0 && refQ0 < 1e-6) {
      // μ̂ sits on its lower bound: q0 = 0 and p0 = 1/2 exactly. pyhf's SLSQP stops slightly inside
      // the bound (q0 ≈ 1e-7), which moves p0 = Φ(−√q0) by ~√q0·φ(0); the truth is 1/2.
      assertThat(r.clsb()).as("p0 with μ̂ on the bound").isCloseTo(0.5, within(0.0));
    } else {
      assertThat(r.clsb()).as("p0").isCloseTo(ref.get("p0_obs").asDouble(), within(P0_ABS_TOL));
    }
    double[] band = Shared.nums(ref.get("p0_exp_band"));
    for (int k = 0; k < 5; k++) {
      assertThat(r.clsExpected()[k]).as("expected p0 [" + k + "]").isCloseTo(band[k], within(P0_ABS_TOL));
    }
    if (!pyhfMleIsLocal(c)) {
      assertThat(r.significance())
          .as("Z")
          .isCloseTo(ref.get("Z_obs").asDouble(), within(1e-3 * Math.max(1, ref.get("Z_obs").asDouble())));
    }
    assertThat(ref.get("Z_obs").asDouble())
        .as("Z convention")
        .isCloseTo(Normal.significance(ref.get("p0_obs").asDouble()), within(1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void upperLimitByRootFinding(String name) {
    PyhfReferenceAgreementTest.Case c = load(name);
    assumeFalse(Shared.pyhfFailed(c.ref(), "upper_limit_auto") || !c.ref().get("upper_limit_auto").has("obs_limit"),
        "pyhf recorded no root-finding limit");
    JsonNode ref = c.ref().get("upper_limit_auto");
    CompiledModel m = c.model();
    AsymptoticCalculator calc = new AsymptoticCalculator(new Inference(m), c.data(), TestStatistic.QTILDE);
    int poi = m.poiIndex();
    UpperLimit ul = UpperLimits.rootFinding(calc::hypotest, 0.95, m.lowerBounds()[poi], m.upperBounds()[poi], UpperLimits.REL_TOL);
    assertThat(ul.converged()).as(ul.message()).isTrue();
    double obs = ref.get("obs_limit").asDouble();
    if (!pyhfMleIsLocal(c)) {
      assertThat(ul.observed()).as("observed limit").isCloseTo(obs, within(LIMIT_AUTO_REL_TOL * obs));
    }
    double[] exp = Shared.nums(ref.get("exp_limits"));
    for (int k = 0; k < 5; k++) {
      if (Math.abs(exp[k] - ul.expected()[k]) > LIMIT_AUTO_REL_TOL * exp[k] && pyhfAsimovFitIsLocal(c, exp[k])) {
        assertThat(calc.hypotest(ul.expected()[k]).clsExpected()[k])
            .as("expected CLs at sumbin's limit")
            .isCloseTo(0.05, within(1e-5));
        continue;
      }
      assertThat(ul.expected()[k])
          .as("expected limit [" + k + "]")
          .isCloseTo(exp[k], within(LIMIT_AUTO_REL_TOL * exp[k]));
    }
    // the defining property, independently of pyhf: CLs at the limit equals 1 − CL
    assertThat(calc.hypotest(ul.observed()).cls()).as("CLs at the observed limit").isCloseTo(0.05, within(1e-5));
  }

  /**
   * Whether, at POI value mu, pyhf's conditional fit to the background-only Asimov data (started,
   * as pyhf starts it, from the suggested parameters) ends in a local minimum that is higher than
   * the conditional minimum sumbin finds from the Asimov parameters. On
   * val_2ch_2bin_coupledhistosys (a coupled code-4p histosys with two conditional minima) this
   * happens for μ &lt; 0.36, and pyhf's expected −2σ limit rests on the wrong q_A there.
   */
  static boolean pyhfAsimovFitIsLocal(PyhfReferenceAgreementTest.Case c, double mu) {
    Inference inf = new Inference(c.model());
    Inference.Asimov a = inf.asimov(0.0, c.data());
    double fromPyhfStart = inf.conditionalFit(mu, a.data()).twiceNll();
    double best = inf.compute(TestStatistic.QTILDE, mu, a.data(), a.fit().bestfit()).conditional().twiceNll();
    return best < fromPyhfStart - PyhfReferenceAgreementTest.PYHF_NOT_CONVERGED;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void upperLimitByScan(String name) {
    PyhfReferenceAgreementTest.Case c = load(name);
    JsonNode ref = c.ref().path("upper_limit_linear_scan");
    assumeTrue(ref.has("obs_limit"), "pyhf recorded no scan limit");
    assumeFalse(name.equals(DEGENERATE), "pyhf's CLs rest on its collapsed μ = 0 fit");
    double[] grid = Shared.nums(ref.get("scan"));
    AsymptoticCalculator calc = new AsymptoticCalculator(new Inference(c.model()), c.data(), TestStatistic.QTILDE);
    UpperLimit ul = UpperLimits.scan(calc::hypotest, 0.95, grid);
    double obs = ref.get("obs_limit").asDouble();
    if (!pyhfMleIsLocal(c)) {
      assertThat(ul.observed()).as("observed scan limit").isCloseTo(obs, within(LIMIT_SCAN_REL_TOL * obs));
    }
    double[] exp = Shared.nums(ref.get("exp_limits"));
    for (int k = 0; k < 5; k++) {
      if (exp[k] == grid[grid.length - 1] || exp[k] == grid[0]) {
        // pyhf's numpy.interp clamps a curve that does not cross inside the grid to a grid end; sumbin reports no limit
        assertThat(ul.expected()[k]).as("expected scan limit [" + k + "] outside the grid").isNaN();
        assertThat(ul.converged()).isFalse();
        assertThat(ul.message()).contains("inside the scanned grid");
        continue;
      }
      if (Math.abs(exp[k] - ul.expected()[k]) > LIMIT_SCAN_REL_TOL * exp[k] && pyhfAsimovFitIsLocal(c, exp[k])) {
        continue; // see pyhfAsimovFitIsLocal; the root-finding test checks sumbin's value
      }
      assertThat(ul.expected()[k])
          .as("expected scan limit [" + k + "]")
          .isCloseTo(exp[k], within(LIMIT_SCAN_REL_TOL * exp[k]));
    }
  }
}
