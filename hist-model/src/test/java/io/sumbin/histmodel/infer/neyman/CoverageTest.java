package io.sumbin.histmodel.infer.neyman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 68.3% Feldman–Cousins sets (t̃_μ ordering, profile construction) of a small HistFactory model
 * with nuisance parameters cover μ_true: two bins, signal scaled by μ, background with a normsys
 * (Gaussian constraint) and a shapesys (Poisson constraints).
 */
class CoverageTest {
  static final double CL = 0.6827;
  static final int EXPERIMENTS = 2000;
  static final int INNER = 400;
  /** Binomial standard errors allowed around the nominal level. */
  static final double Z = 3;

  static CompiledModel model() {
    SampleSpec sig = new SampleSpec("signal", new double[] {6, 9}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("background", new double[] {20, 12}, List.of(
        new ModifierSpec.NormSys("bkg_norm", 1.1, 0.9),
        new ModifierSpec.ShapeSys("bkg_stat", new double[] {2, 1.5})));
    return ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("SR", List.of(sig, bkg))),
        List.of(ParameterSpec.named("mu").withBounds(new double[] {0, 20})), "mu", null));
  }

  @Test
  void feldmanCousinsCoversWithNuisanceParameters() {
    CompiledModel m = model();
    double[] truth = m.suggestedInit();
    truth[m.poiIndex()] = 1.0;
    truth[m.parIndex("bkg_norm")] = 0.3;
    NeymanConstruction fc = NeymanConstruction.feldmanCousins(CL).withToys(ToySettings.of(INNER).withSeed(8));
    CoverageResult r = Coverage.run(m, truth, FitOptions.suggested(m), fc, EXPERIMENTS);
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(r.n()).as("r.n()").isEqualTo(EXPERIMENTS);
    double sigma = Math.sqrt(CL * (1 - CL) / r.n());
    assertThat(r.fraction()).as("covered " + r.covered() + " of " + r.n()).isCloseTo(CL, within(Z * sigma));
    assertThat(r.uncertainty())
        .as("r.uncertainty()")
        .isCloseTo(Math.sqrt(r.fraction() * (1 - r.fraction()) / r.n()), within(1e-15));
  }

  @Test
  void exactSourceIsRefused() {
    CompiledModel m = model();
    NeymanConstruction exact = NeymanConstruction.feldmanCousins(CL).withSource(NeymanConstruction.Source.EXACT);
    assertThatThrownBy(() -> Coverage.run(m, m.suggestedInit(), FitOptions.suggested(m), exact, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
