package io.sumbin.histmodel.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Evaluator;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fits with known closed-form answers. */
class FitterTest {
  static final double EXACT = 1e-8;

  /** One bin, ν = μ·s + b: μ̂ = (n − b)/s, σ(μ̂) = √n / s, −2 ln L(μ̂) = 2(n − n ln n + ln n!). */
  @Test
  void countingExperiment() {
    double s = 12;
    double b = 50;
    double n = 71;
    SampleSpec sig = new SampleSpec("sig", new double[] {s}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("bkg", new double[] {b}, List.of());
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("c", List.of(sig, bkg))),
        List.of(ParameterSpec.named("mu").withBounds(new double[] {-10, 10})), "mu", null));
    FitResult r = new Fitter(m).fit(m.withAuxdata(new double[] {n}));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.bestfit()[0]).as("r.bestfit()[0]").isCloseTo((n - b) / s, within(EXACT));
    assertThat(r.uncertainties()[0]).as("r.uncertainties()[0]").isCloseTo(Math.sqrt(n) / s, within(EXACT));
    assertThat(r.twiceNll())
        .as("r.twiceNll()")
        .isCloseTo(2 * (n - n * Math.log(n) + Evaluator.lnFactorial(n)), within(EXACT));
  }

  /**
   * Counting with a Gaussian-constrained background normalisation (normsys code 1 is exactly
   * exponential): ν = s·μ + b·κ^α. At the MLE with one bin the data fix ν̂ = n and the constraint
   * pulls α to 0, so μ̂ = (n − b)/s and α̂ = 0.
   */
  @Test
  void constrainedBackgroundStaysAtNominalWhenSignalIsFree() {
    SampleSpec sig = new SampleSpec("sig", new double[] {10}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("bkg", new double[] {40}, List.of(new ModifierSpec.NormSys("kb", 1.2, 0.8)));
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("c", List.of(sig, bkg))),
        List.of(), "mu", null));
    FitResult r = new Fitter(m).fit(m.withAuxdata(new double[] {55}));
    assertThat(r.value("mu")).as("r.value(\"mu\")").isCloseTo(1.5, within(1e-7));
    assertThat(r.value("kb")).as("r.value(\"kb\")").isCloseTo(0.0, within(1e-7));
  }

  @Test
  void lowerBoundIsActiveWhenDataFallBelowBackground() {
    SampleSpec sig = new SampleSpec("sig", new double[] {10}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("bkg", new double[] {40}, List.of());
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("c", List.of(sig, bkg))),
        List.of(), "mu", null));
    FitResult r = new Fitter(m).fit(m.withAuxdata(new double[] {30}));
    assertThat(r.converged()).as("r.converged()").isTrue();
    assertThat(r.value("mu")).as("r.value(\"mu\")").isCloseTo(0.0, within(0.0));
  }

  @Test
  void fixedParametersStayAtTheirValue() {
    SampleSpec sig = new SampleSpec("sig", new double[] {10}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("bkg", new double[] {40}, List.of(new ModifierSpec.NormSys("kb", 1.2, 0.8)));
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("c", List.of(sig, bkg))),
        List.of(), "mu", null));
    FitResult r = new Fitter(m).fixedPoiFit(2.0, m.withAuxdata(new double[] {55}));
    assertThat(r.value("mu")).as("r.value(\"mu\")").isCloseTo(2.0, within(0.0));
    assertThat(r.uncertainties()[0]).as("r.uncertainties()[0]").isCloseTo(0.0, within(0.0));
    // data want ν = 55 = 20 + 40·1.2^α  vs constraint; check stationarity in α
    Evaluator ev = m.evaluator();
    double[] g = new double[2];
    double[] data = m.withAuxdata(new double[] {55});
    ev.nllGrad(r.bestfit(), data, ev.constant(data), g);
    assertThat(g[1]).as("g[1]").isCloseTo(0.0, within(1e-8));
  }
}
