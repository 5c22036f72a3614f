package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.examples.toys.InterferenceToy;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.WorkspaceIO;
import org.junit.jupiter.api.Test;

/**
 * The signal–background interference toy (√μ terms, issue 4/7) against closed forms: at Asimov
 * data the Hessian of −ln L is the binned Fisher information Σ (∂ν/∂μ)²/ν exactly, which with fine
 * bins tends to the unbinned integral; t(0) has a closed Poisson form.
 */
class InterferenceToyTest {
  static final InterferenceToy FINE = new InterferenceToy(500, 4000, 3000, 200);

  static double binnedFisher(InterferenceToy toy, double mu) {
    double[][] t = toy.templates();
    double f = 0;
    for (int j = 0; j < toy.bins(); j++) {
      double dnu = t[0][j] + t[2][j] / (2 * Math.sqrt(mu));
      double nu = mu * t[0][j] + Math.sqrt(mu) * t[2][j] + t[1][j] + t[3][j];
      f += dnu * dnu / nu;
    }
    return f;
  }

  @Test
  void asimovFitHasTheFisherUncertainty() {
    CompiledModel m = ModelCompiler.compile(FINE.spec(false));
    for (double muA : new double[] {0.5, 1.0, 2.0}) {
      FitResult r = new Fitter(m).fit(m.withAuxdata(FINE.expected(muA)));
      assertThat(r.converged()).as(r.message()).isTrue();
      assertThat(r.bestfit()[m.poiIndex()]).as("r.bestfit()[m.poiIndex()]").isCloseTo(muA, within(1e-6 * muA));
      double sigma = 1 / Math.sqrt(binnedFisher(FINE, muA));
      assertThat(r.uncertainties()[m.poiIndex()]).as("μ_A = " + muA).isCloseTo(sigma, within(1e-5 * sigma));
      // 200 bins of a smooth density keep the unbinned information to 0.1%
      assertThat(binnedFisher(FINE, muA) / FINE.fisherInformation(muA))
          .as("binnedFisher(FINE, muA) / FINE.fisherInformation(muA)")
          .isCloseTo(1.0, within(1e-3));
    }
  }

  @Test
  void backgroundOnlyStatisticHasItsClosedForm() {
    InterferenceToy toy = InterferenceToy.example();
    CompiledModel m = ModelCompiler.compile(toy.spec(false));
    double[] n = toy.expected(1.0);
    double[] nu0 = toy.expected(0.0);
    double exact = 0;
    for (int j = 0; j < n.length; j++) {
      exact += 2 * (nu0[j] - n[j] + n[j] * Math.log(n[j] / nu0[j]));
    }
    ProfileScan s = new ProfileLikelihood(m).scan(m.poiIndex(), new double[] {0.0, 1.0, 4.0}, m.withAuxdata(n));
    assertThat(s.converged()).as(s.message()).isTrue();
    assertThat(s.deltaTwiceNll()[0]).as("s.deltaTwiceNll()[0]").isCloseTo(exact, within(1e-7 * exact));
    assertThat(s.deltaTwiceNll()[1]).as("s.deltaTwiceNll()[1]").isCloseTo(0.0, within(1e-9));
    // √μ: the likelihood is asymmetric about μ̂ = 1 — t(4) differs from what a quadratic would give
    double quad = 9 * binnedFisher(toy, 1.0);
    assertThat(Math.abs(s.deltaTwiceNll()[2] - quad))
        .as("t(4) = " + s.deltaTwiceNll()[2] + " vs quadratic " + quad)
        .isGreaterThan(0.05 * quad);
  }

  @Test
  void nuisanceParametersWidenTheIntervalAndSurviveTheNativeFormat() {
    InterferenceToy toy = InterferenceToy.example();
    Workspace ws = toy.workspace(1.0);
    Workspace back = WorkspaceIO.parse(WorkspaceIO.toText(ws), "roundtrip");
    CompiledModel m = Models.compile(back, null);
    FitResult r = new Fitter(m).fit(Models.observedData(back, m));
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(r.bestfit()[m.poiIndex()]).as("r.bestfit()[m.poiIndex()]").isCloseTo(1.0, within(1e-5));
    double statOnly = 1 / Math.sqrt(binnedFisher(toy, 1.0));
    double withNps = r.uncertainties()[m.poiIndex()];
    assertThat(withNps > 1.02 * statOnly && withNps < 3 * statOnly)
        .as("σ(μ) " + withNps + " vs stat only " + statOnly)
        .isTrue();
    // the roundtrip keeps the likelihood: same NLL at a non-trivial point as the in-memory model
    CompiledModel direct = Models.compile(ws, null);
    double[] p = direct.suggestedInit();
    for (int i = 0; i < p.length; i++) {
      p[i] += 0.1 * (i + 1) / p.length;
    }
    double a = direct.objective(Models.observedData(ws, direct)).value(p);
    double b = m.objective(Models.observedData(back, m)).value(p);
    assertThat(b).as("b").isCloseTo(a, within(1e-12 * Math.abs(a)));
  }
}
