package io.sumbin.histmodel.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.BadInputException;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.Workspace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The facade against pyhf 0.7 (numbers of {@code ../shared/pyhf/reference/docs_2bin_1channel.json},
 * written here so that the test needs no shared material: signal [5, 10], background [50, 60] with
 * shapesys [5, 12], observed [50, 60]) and against the calculators it assembles (identical numbers).
 */
class InferenceFacadeTest {
  /** pyhf's SLSQP and sumbin's Newton minimiser agree to about 1e-7 on CLs for this model. */
  private static final double CLS_TOL = 1e-6;
  /** pyhf's linear-scan limit interpolates the same grid: the same number up to the CLs agreement. */
  private static final double SCAN_LIMIT_TOL = 1e-5;
  /** pyhf's root finder stops at rtol 1e-4, sumbin's at 1e-6. */
  private static final double ROOT_LIMIT_TOL = 3e-4;
  /**
   * pyhf's SLSQP and sumbin's minimiser end the conditional fit at μ = 1 a few 1e-4 apart in the two
   * shapesys parameters (a flat direction), which moves the Asimov counts by up to 3e-3.
   */
  private static final double ASIMOV_TOL = 5e-3;

  private static final double PYHF_CLS_OBS = 0.3599840922054077;
  private static final double[] PYHF_CLS_EXP = {0.07807386890166587, 0.17472505928815735, 0.3599840922054077,
      0.6343560489214832, 0.8809943287465656};
  private static final double PYHF_SCAN_LIMIT = 2.1252733389917253;
  private static final double PYHF_ROOT_LIMIT = 2.123588920247604;
  private static final double[] PYHF_ASIMOV_MU1 = {53.44086463752845, 63.3077331759724, 96.8817292750569, 22.2115554899885};

  private static InferenceProblem docs2bin() {
    Workspace ws = ExampleModels.uncorrelatedBackground(new double[] {5, 10}, new double[] {50, 60}, new double[] {5, 12},
        new double[] {50, 60});
    CompiledModel m = ModelCompiler.compile(ws.model(null));
    return InferenceProblem.of(m, Models.observedData(ws, m)).withSource("docs_2bin");
  }

  @Test
  void asymptoticHypotestIsPyhfs() {
    HypotestRun r = InferenceFacade.hypotest(docs2bin(), 1.0, InferenceOptions.asymptotic(TestStatistic.QTILDE));
    assertThat(r.toys()).isNull();
    assertThat(r.result().converged()).isTrue();
    assertThat(r.result().cls()).isCloseTo(PYHF_CLS_OBS, within(CLS_TOL));
    for (int k = 0; k < 5; k++) {
      assertThat(r.result().clsExpected()[k]).as("band %d", k).isCloseTo(PYHF_CLS_EXP[k], within(CLS_TOL));
    }
  }

  @Test
  void theFacadeGivesTheNumbersOfTheCalculatorItAssembles() {
    InferenceProblem p = docs2bin();
    CompiledModel m = (CompiledModel) p.model();
    HypoTestResult direct = new AsymptoticCalculator(new Inference(new Fitter(m), FitOptions.suggested(m).withUncertainties(false)),
        p.data(), TestStatistic.Q).hypotest(1.5);
    HypoTestResult facade = InferenceFacade.hypotest(p, 1.5, InferenceOptions.asymptotic(TestStatistic.Q)).result();
    assertThat(facade.cls()).isEqualTo(direct.cls());
    assertThat(facade.clsExpected()).containsExactly(direct.clsExpected());

    ToySettings toys = new ToySettings(50, 7, 1, Shard.ALL);
    HypoTestResult toyDirect = new ToyCalculator(m, p.data(), p.options(), TestStatistic.QTILDE, toys).hypotest(1.0);
    HypotestRun toyFacade = InferenceFacade.hypotest(p, 1.0, InferenceOptions.toys(TestStatistic.QTILDE, toys));
    assertThat(toyFacade.toys()).isNotNull();
    assertThat(toyFacade.toys().sb().size() + toyFacade.toys().sb().nFailed()).isEqualTo(50);
    assertThat(toyFacade.result().clsb()).isEqualTo(toyDirect.clsb());
    assertThat(toyFacade.result().clb()).isEqualTo(toyDirect.clb());
  }

  @Test
  void upperLimitsByScanAndByRootFindingArePyhfs() {
    InferenceProblem p = docs2bin();
    InferenceOptions o = InferenceOptions.asymptotic(TestStatistic.QTILDE);
    LimitRun scan = InferenceFacade.upperLimit(p, LimitSettings.scan(0.95, ProfileLikelihood.linspace(0, 5, 51)), o);
    assertThat(scan.limit().observed()).isCloseTo(PYHF_SCAN_LIMIT, within(SCAN_LIMIT_TOL));
    assertThat(scan.curve()).isNull();
    LimitRun root = InferenceFacade.upperLimit(p, LimitSettings.rootFinding(0.95).withCurve(11), o);
    assertThat(root.limit().observed()).isCloseTo(PYHF_ROOT_LIMIT, within(ROOT_LIMIT_TOL));
    assertThat(root.curve().points()).hasSize(11);
    assertThat(root.curve().observed()).isEqualTo(root.limit().observed());
  }

  @Test
  void asimovDataAndScans() {
    InferenceProblem a = InferenceFacade.asimov(docs2bin(), 1.0);
    assertThat(a.data()).containsExactly(PYHF_ASIMOV_MU1, within(ASIMOV_TOL));
    // exactly the expected data at the conditional fit
    InferenceProblem p = docs2bin();
    double[] pars = new Fitter(p.model()).fit(p.data(), p.options().withFixed(0, 1.0)).bestfit();
    double[] expected = new double[p.data().length];
    p.model().expectedData(pars, expected);
    assertThat(a.data()).containsExactly(expected, within(1e-9));
    // on its own Asimov data the profile likelihood is minimal at the generating value
    var s = InferenceFacade.scan(a, 0, ProfileLikelihood.linspace(0, 3, 31));
    assertThat(s.best().bestfit()[0]).isCloseTo(1.0, within(1e-4));
    // σ(μ̂) ≈ 1.1 here: the 68% interval's lower edge lies below the grid (NaN), the upper one above 1
    assertThat(s.interval68()[0]).isNaN();
    assertThat(s.interval68()[1]).isGreaterThan(1.0);
  }

  @Test
  void badInputIsRefusedWithOneLine() {
    InferenceProblem p = docs2bin();
    assertThatThrownBy(() -> p.withFixed("nope", 1, "--fix nope=1")).isInstanceOf(BadInputException.class)
        .hasMessage("--fix nope=1: unknown parameter 'nope' (parameters: mu, uncorr_bkguncrt[0], uncorr_bkguncrt[1])");
    assertThatThrownBy(() -> p.withFixed("mu", 11, "--fix mu=11")).isInstanceOf(BadInputException.class)
        .hasMessage("--fix mu=11: 11 is outside the bounds [0, 10] of 'mu'");
    InferenceProblem fixed = p.withFixed("mu", 1, "--fix mu=1");
    assertThatThrownBy(() -> InferenceFacade.hypotest(fixed, 1.0, InferenceOptions.asymptotic(TestStatistic.QTILDE)))
        .isInstanceOf(BadInputException.class).hasMessage("the POI 'mu' cannot be fixed in a hypothesis test");
    assertThatThrownBy(() -> InferenceFacade.hypotest(p, 12, InferenceOptions.asymptotic(TestStatistic.QTILDE)))
        .isInstanceOf(BadInputException.class).hasMessage("tested POI value: 12 is outside the bounds [0, 10] of 'mu'");
    CompiledModel bkgOnly = ModelCompiler.compile(ExampleModels.uncorrelatedBackground().model(null).withPoi(null));
    InferenceProblem noPoi = InferenceProblem.of(bkgOnly, bkgOnly.withAuxdata(new double[] {50, 60})).withSource("bkg.json");
    assertThatThrownBy(() -> InferenceFacade.upperLimit(noPoi, LimitSettings.rootFinding(0.95),
        InferenceOptions.asymptotic(TestStatistic.QTILDE)))
        .isInstanceOf(BadInputException.class).hasMessage("bkg.json: the model has no parameter of interest; a limit needs one");
    assertThatThrownBy(() -> InferenceOptions.requireStatistic(TestStatistic.Q0, "--test-stat", "limit", TestStatistic.QTILDE,
        TestStatistic.Q)).isInstanceOf(BadInputException.class)
        .hasMessage("--test-stat q0: limit uses qtilde, q (q0 is the discovery statistic: it tests only mu = 0)");
  }

  @Test
  void oneParameterFixedAtTwoValuesIsRefusedNamingBothRequests() {
    InferenceProblem p = docs2bin();
    assertThatThrownBy(() -> p.withFixed(List.of(new InferenceProblem.Fix("uncorr_bkguncrt[0]", 1.0, "--fix uncorr_bkguncrt[0]=1"),
        new InferenceProblem.Fix("uncorr_bkguncrt[0]", 1.1, "--fix uncorr_bkguncrt[0]=1.1"))))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--fix uncorr_bkguncrt[0]=1.1: 'uncorr_bkguncrt[0]' is also fixed by --fix uncorr_bkguncrt[0]=1; "
            + "give one value per parameter");
    // the same value twice is one request; two parameters are two
    InferenceProblem twice = p.withFixed(List.of(new InferenceProblem.Fix("mu", 1.0, "--fix mu=1"),
        new InferenceProblem.Fix("mu", 1.0, "--fix mu=1.0"), new InferenceProblem.Fix("uncorr_bkguncrt[1]", 0.9, "--fix b=0.9")));
    assertThat(twice.options().fixed()).containsExactly(true, false, true);
    assertThat(twice.options().init()[0]).isEqualTo(1.0);
    assertThat(twice.options().init()[2]).isEqualTo(0.9);
    // bounds and names are checked per request as by withFixed(name, value, what)
    assertThatThrownBy(() -> p.withFixed(List.of(new InferenceProblem.Fix("mu", 11, "--fix mu=11"))))
        .isInstanceOf(BadInputException.class).hasMessage("--fix mu=11: 11 is outside the bounds [0, 10] of 'mu'");
  }

  @Test
  void diagnosticsOfTheProblemSeeItsDataAndOptions() {
    InferenceProblem p = docs2bin().withFixed("uncorr_bkguncrt[1]", 1.0, "--fix b=1");
    var d = InferenceFacade.diagnostics(p, io.sumbin.histmodel.parallel.WorkRunner.threads(1));
    assertThat(d.data()).isSameAs(p.data());
    assertThat(d.options()).isSameAs(p.options());
    // the diagnostics' fit is the facade's fit of the same problem
    assertThat(d.fit().bestfit()).containsExactly(InferenceFacade.fit(p).bestfit(), within(1e-12));
  }
}
