package io.sumbin.histmodel.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.YieldTerm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The positivity policy for POI-dependent samples: terms may be negative (destructive
 * interference), but a negative expected count makes the likelihood zero (−ln L = +∞), also in
 * bins with no observed events; fits stay in the physical region.
 */
class PositivityTest {
  /** ν(μ) = (μ − √μ)·S + √μ·(S + B + I) + (1 − √μ)·B with strongly destructive interference. */
  static ModelSpec interference() {
    double[] s = {4, 1};
    double[] b = {1, 0.2};
    double[] i = {-3.5, -1.0}; // S + B + I can be small or negative
    double[] sbi = {s[0] + b[0] + i[0], s[1] + b[1] + i[1]};
    SampleSpec sample = new SampleSpec("offshell", new double[] {1, 1}, List.of(), List.of(
        new YieldTerm(new Coefficient.Interference("mu", Coefficient.Interference.Kind.MU_MINUS_SQRT), s),
        new YieldTerm(new Coefficient.Interference("mu", Coefficient.Interference.Kind.SQRT), sbi),
        new YieldTerm(new Coefficient.Interference("mu", Coefficient.Interference.Kind.ONE_MINUS_SQRT), b)));
    return new ModelSpec(List.of(new ChannelSpec("SR", List.of(sample))), List.of(), "mu", null);
  }

  static double expected(double mu, int bin) {
    double[] s = {4, 1};
    double[] b = {1, 0.2};
    double[] i = {-3.5, -1.0};
    return mu * s[bin] + Math.sqrt(mu) * i[bin] + b[bin];
  }

  @Test
  void negativeExpectationMeansZeroLikelihoodEvenWithoutEvents() {
    CompiledModel m = ModelCompiler.compile(interference());
    // bin 1: ν(μ) = μ − √μ + 0.2 < 0 for μ ∈ (0.0528, 0.7472)
    double mu = 0.25;
    assertThat(expected(mu, 1)).as("expected(mu, 1) < 0").isLessThan(0);
    double[] out = new double[2];
    m.evaluator().expectedMain(new double[] {mu}, out);
    assertThat(out[1]).as("out[1]").isCloseTo(expected(mu, 1), within(1e-12));
    double[] dataNoEvents = m.withAuxdata(new double[] {3, 0});
    assertThat(m.evaluator().nll(new double[] {mu}, dataNoEvents))
        .as("m.evaluator().nll(new double[] {mu}, dataNoEvents)")
        .isEqualTo(Double.POSITIVE_INFINITY);
    // outside the negative region the likelihood is finite
    assertThat(m.evaluator().nll(new double[] {1.5}, dataNoEvents))
        .as("Double.isFinite(m.evaluator().nll(new double[] {1.5}, dataNoEvents))")
        .isFinite();
  }

  @Test
  void fitsStayInThePhysicalRegion() {
    CompiledModel m = ModelCompiler.compile(interference());
    double[] data = m.withAuxdata(new double[] {3, 0});
    FitResult r = new Fitter(m).fit(data);
    double muHat = r.bestfit()[0];
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(expected(muHat, 0) >= 0 && expected(muHat, 1) >= 0)
        .as("μ̂ = " + muHat + " in the physical region")
        .isTrue();
    assertThat(r.twiceNll()).as("Double.isFinite(r.twiceNll())").isFinite();
  }
}
