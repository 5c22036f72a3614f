package io.sumbin.histmodel.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Asimov σ of μ̂ on a one-bin counting experiment ν = μ s + b without nuisance parameters, where
 * q_μ,A on the background-only Asimov data n = b is 2[μ s − b ln(1 + μ s / b)] and q₀,A on the
 * signal Asimov data n = s + b is 2[(s + b) ln(1 + s/b) − s] (Cowan et al. 2011, eqs. 31 and 97).
 */
class AsimovSigmaTest {
  static final double S = 10;
  static final double B = 5;
  /** Both q_A are solved by the fitter to ~1e-9 relative; σ inherits half of that. */
  static final double TOL = 1e-6;

  private static AsymptoticCalculator calculator(TestStatistic ts) {
    ModelSpec spec = new ModelSpec(List.of(new ChannelSpec("SR", List.of(
        new SampleSpec("signal", new double[] {S}, List.of(new ModifierSpec.NormFactor("mu"))),
        new SampleSpec("background", new double[] {B}, List.of())))), List.of(), "mu", null);
    CompiledModel m = ModelCompiler.compile(spec);
    Fitter f = new Fitter(m);
    return new AsymptoticCalculator(new Inference(f, FitOptions.suggested(m).withUncertainties(false)),
        m.withAuxdata(new double[] {9}), ts);
  }

  @Test
  void upperLimitSigmaIsMuOverRootQAsimov() {
    double mu = 1.5;
    double qa = 2 * (mu * S - B * Math.log(1 + mu * S / B));
    assertThat(calculator(TestStatistic.QTILDE).muHatSigma(mu)).as("σ = μ/√q_μ,A at μ = 1.5")
        .isCloseTo(mu / Math.sqrt(qa), within(TOL));
  }

  @Test
  void discoverySigmaIsOneOverRootQ0Asimov() {
    double q0a = 2 * ((S + B) * Math.log(1 + S / B) - S);
    assertThat(calculator(TestStatistic.Q0).muHatSigma(0)).as("σ = 1/√q₀,A").isCloseTo(1 / Math.sqrt(q0a), within(TOL));
  }

  @Test
  void undefinedAtMuZeroForAnUpperLimit() {
    assertThat(calculator(TestStatistic.QTILDE).muHatSigma(0)).as("σ at μ = 0 (q_A = 0)").isNaN();
  }
}
