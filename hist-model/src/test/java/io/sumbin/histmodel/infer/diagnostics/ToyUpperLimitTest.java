package io.sumbin.histmodel.infer.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.infer.UpperLimits;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The toy CLs limit with error control on a counting experiment where the asymptotic formulae hold. */
class ToyUpperLimitTest {
  /** Target σ(CLs) near the crossing. */
  static final double CLS_ERROR = 0.01;
  /** Toy and asymptotic limits of a 100-event counting experiment agree within 3 toy σ plus this fraction. */
  static final double ASYMPTOTIC_REL_TOL = 0.05;
  /** Toy and asymptotic expected limits agree within this fraction (toy σ(CLs) and the ±2σ tails' discreteness). */
  static final double EXPECTED_REL_TOL = 0.10;

  @Test
  void toysNearTheCrossingReachTheTargetErrorAndTheLimitAgreesWithAsymptotics() {
    ChannelSpec ch = new ChannelSpec("SR", List.of(
        new SampleSpec("sig", new double[] {20}, List.of(new ModifierSpec.NormFactor("mu"))),
        new SampleSpec("bkg", new double[] {100}, List.of())));
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(ch), List.of(), "mu", ModifierSettings.DEFAULT));
    double[] data = m.withAuxdata(new double[] {103});
    FitOptions o = FitOptions.suggested(m);
    AsymptoticCalculator ac = new AsymptoticCalculator(new Inference(new Fitter(m), o), data, TestStatistic.QTILDE);
    UpperLimit asym = UpperLimits.rootFinding(ac::hypotest, 0.95, 0, 10, 1e-6);
    Diagnostics d = new Diagnostics(m, data, o, WorkRunner.threads(2));
    ToyUpperLimit.Settings s = new ToyUpperLimit.Settings(250, 16_000, CLS_ERROR, 0.01, 12);
    ToyUpperLimit ul = d.toyLimit(TestStatistic.QTILDE, 0.95, new ToySettings(250, 7L, 2, Shard.ALL), s,
        asym.observed() * 1.3);
    assertThat(ul.converged()).as(ul.message()).isTrue();
    double alpha = 0.05;
    for (ToyLimitPoint p : ul.points()) {
      // the error is the binomial propagation of the two ensembles
      double eSb = Math.sqrt(Math.max(p.clsb() * (1 - p.clsb()), 1.0 / p.nSb()) / p.nSb());
      double eB = Math.sqrt(Math.max(p.clb() * (1 - p.clb()), 1.0 / p.nB()) / p.nB());
      assertThat(p.clsError()).isCloseTo(Math.hypot(eSb / p.clb(), p.clsb() * eB / (p.clb() * p.clb())), within(1e-12));
      boolean near = Math.abs(p.cls() - alpha) <= ToyUpperLimit.NEAR * p.clsError();
      if (near) {
        assertThat(p.clsError() <= CLS_ERROR || p.nSb() >= s.maxToys()).as("point %s", p).isTrue();
      }
    }
    // the limit lies between the tested points that bracket the crossing
    assertThat(ul.points()).anyMatch(p -> p.mu() <= ul.observed() && p.cls() > alpha);
    assertThat(ul.points()).anyMatch(p -> p.mu() >= ul.observed() && p.cls() < alpha);
    assertThat(ul.observedError()).isPositive();
    assertThat(ul.observed()).isCloseTo(asym.observed(),
        within(3 * ul.observedError() + ASYMPTOTIC_REL_TOL * asym.observed()));
    // the expected band: every curve bracketed, ordered, and near the asymptotic band from -1σ to +2σ (within
    // EXPECTED_REL_TOL: toy σ(CLs) and the discreteness of a 100-event count). At -2σ the asymptotic q̃ band is
    // known to lie too low (its b-only distribution is an unclipped normal; pyhf offers a "clipped_normal" for
    // this): measured here toys 0.70 against 0.54; the toys' -2σ limit must lie between that and the -1σ one.
    double[] exp = ul.expected();
    for (int k = 0; k < 5; k++) {
      assertThat(exp[k]).as("expected limit %d", k).isFinite();
      if (k > 0) {
        assertThat(exp[k]).as("expected limit %d vs asymptotic", k)
            .isCloseTo(asym.expected()[k], within(EXPECTED_REL_TOL * asym.expected()[k]));
      }
    }
    assertThat(exp[0]).isBetween(asym.expected()[0], exp[1]);
    assertThat(exp).isSorted();
  }
}
