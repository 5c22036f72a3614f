package io.sumbin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
      assertTrue(r.converged(), r.message());
      assertEquals(muA, r.bestfit()[m.poiIndex()], 1e-6 * muA);
      double sigma = 1 / Math.sqrt(binnedFisher(FINE, muA));
      assertEquals(sigma, r.uncertainties()[m.poiIndex()], 1e-5 * sigma, "μ_A = " + muA);
      // 200 bins of a smooth density keep the unbinned information to 0.1%
      assertEquals(1.0, binnedFisher(FINE, muA) / FINE.fisherInformation(muA), 1e-3);
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
    assertTrue(s.converged(), s.message());
    assertEquals(exact, s.deltaTwiceNll()[0], 1e-7 * exact);
    assertEquals(0.0, s.deltaTwiceNll()[1], 1e-9);
    // √μ: the likelihood is asymmetric about μ̂ = 1 — t(4) differs from what a quadratic would give
    double quad = 9 * binnedFisher(toy, 1.0);
    assertTrue(Math.abs(s.deltaTwiceNll()[2] - quad) > 0.05 * quad, "t(4) = " + s.deltaTwiceNll()[2] + " vs quadratic " + quad);
  }

  @Test
  void nuisanceParametersWidenTheIntervalAndSurviveTheNativeFormat() {
    InterferenceToy toy = InterferenceToy.example();
    Workspace ws = toy.workspace(1.0);
    Workspace back = WorkspaceIO.parse(WorkspaceIO.toText(ws), "roundtrip");
    CompiledModel m = Models.compile(back, null);
    FitResult r = new Fitter(m).fit(Models.observedData(back, m));
    assertTrue(r.converged(), r.message());
    assertEquals(1.0, r.bestfit()[m.poiIndex()], 1e-5);
    double statOnly = 1 / Math.sqrt(binnedFisher(toy, 1.0));
    double withNps = r.uncertainties()[m.poiIndex()];
    assertTrue(withNps > 1.02 * statOnly && withNps < 3 * statOnly, "σ(μ) " + withNps + " vs stat only " + statOnly);
    // the roundtrip keeps the likelihood: same NLL at a non-trivial point as the in-memory model
    CompiledModel direct = Models.compile(ws, null);
    double[] p = direct.suggestedInit();
    for (int i = 0; i < p.length; i++) {
      p[i] += 0.1 * (i + 1) / p.length;
    }
    double a = direct.objective(Models.observedData(ws, direct)).value(p);
    double b = m.objective(Models.observedData(back, m)).value(p);
    assertEquals(a, b, 1e-12 * Math.abs(a));
  }
}
