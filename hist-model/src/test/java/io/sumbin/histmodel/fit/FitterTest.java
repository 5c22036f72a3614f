package io.sumbin.histmodel.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertTrue(r.ok(), r.message());
    assertEquals((n - b) / s, r.bestfit()[0], EXACT);
    assertEquals(Math.sqrt(n) / s, r.uncertainties()[0], EXACT);
    assertEquals(2 * (n - n * Math.log(n) + Evaluator.lnFactorial(n)), r.twiceNll(), EXACT);
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
    assertEquals(1.5, r.value("mu"), 1e-7);
    assertEquals(0.0, r.value("kb"), 1e-7);
  }

  @Test
  void lowerBoundIsActiveWhenDataFallBelowBackground() {
    SampleSpec sig = new SampleSpec("sig", new double[] {10}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("bkg", new double[] {40}, List.of());
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("c", List.of(sig, bkg))),
        List.of(), "mu", null));
    FitResult r = new Fitter(m).fit(m.withAuxdata(new double[] {30}));
    assertTrue(r.converged());
    assertEquals(0.0, r.value("mu"), 0.0);
  }

  @Test
  void fixedParametersStayAtTheirValue() {
    SampleSpec sig = new SampleSpec("sig", new double[] {10}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("bkg", new double[] {40}, List.of(new ModifierSpec.NormSys("kb", 1.2, 0.8)));
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("c", List.of(sig, bkg))),
        List.of(), "mu", null));
    FitResult r = new Fitter(m).fixedPoiFit(2.0, m.withAuxdata(new double[] {55}));
    assertEquals(2.0, r.value("mu"), 0.0);
    assertEquals(0.0, r.uncertainties()[0], 0.0);
    // data want ν = 55 = 20 + 40·1.2^α  vs constraint; check stationarity in α
    Evaluator ev = m.evaluator();
    double[] g = new double[2];
    double[] data = m.withAuxdata(new double[] {55});
    ev.nllGrad(r.bestfit(), data, ev.constant(data), g);
    assertEquals(0.0, g[1], 1e-8);
  }
}
