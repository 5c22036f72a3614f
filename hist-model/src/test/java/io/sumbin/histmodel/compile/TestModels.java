package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.YieldTerm;
import java.util.List;

/** Small models exercising every modifier kind, shared parameters and POI-dependent terms. */
public final class TestModels {
  private TestModels() {}

  /** Two channels, every modifier kind, a parameter used as normsys and histosys on one sample. */
  public static ModelSpec everything() {
    SampleSpec sig = new SampleSpec("signal", new double[] {5, 8, 3}, List.of(
        new ModifierSpec.NormFactor("mu"),
        new ModifierSpec.Lumi("lumi"),
        new ModifierSpec.NormSys("sig_theory", 1.1, 0.85),
        new ModifierSpec.StatError("stat_SR", new double[] {0.5, 0.7, 0.4})));
    SampleSpec bkg = new SampleSpec("bkg", new double[] {50, 40, 20}, List.of(
        new ModifierSpec.NormSys("jes", 1.05, 0.96),
        new ModifierSpec.HistoSys("jes", new double[] {52, 41, 19}, new double[] {49, 38, 21.5}),
        new ModifierSpec.HistoSys("shape", new double[] {51, 40, 22}, new double[] {50, 41, 17}),
        new ModifierSpec.ShapeSys("bkg_unc", new double[] {3, 4, 5}),
        new ModifierSpec.StatError("stat_SR", new double[] {2, 1.5, 1.2}),
        new ModifierSpec.Lumi("lumi")));
    SampleSpec cr = new SampleSpec("bkg", new double[] {100, 90}, List.of(
        new ModifierSpec.ShapeFactor("sf"),
        new ModifierSpec.NormSys("jes", 1.03, 0.98),
        new ModifierSpec.Lumi("lumi")));
    SampleSpec crsig = new SampleSpec("signal", new double[] {1, 2}, List.of(
        new ModifierSpec.NormFactor("mu"), new ModifierSpec.ShapeFactor("sf")));
    return new ModelSpec(
        List.of(new ChannelSpec("SR", List.of(sig, bkg)), new ChannelSpec("CR", List.of(cr, crsig))),
        List.of(new ParameterSpec("lumi", new double[] {1.0}, new double[][] {{0.5, 1.5}}, null,
            new double[] {1.0}, new double[] {0.02}, null)),
        "mu", ModifierSettings.DEFAULT);
  }

  /**
   * A quadratic EFT-like sample Σ f_k(c) T_k in two coefficients plus an interference sample in μ,
   * on top of ordinary modifiers.
   */
  public static ModelSpec withTerms() {
    SampleSpec eft = new SampleSpec("eft", new double[] {10, 12, 6}, List.of(
        new ModifierSpec.NormSys("theory", 1.08, 0.93),
        new ModifierSpec.StatError("stat", new double[] {0.4, 0.5, 0.3})),
        List.of(
            new YieldTerm(new Coefficient.Monomial(List.of()), new double[] {10, 12, 6}),
            new YieldTerm(new Coefficient.Monomial(List.of("c1")), new double[] {3, -2, 1}),
            new YieldTerm(new Coefficient.Monomial(List.of("c2")), new double[] {1, 2, -0.5}),
            new YieldTerm(new Coefficient.Monomial(List.of("c1", "c1")), new double[] {2, 1, 0.5}),
            new YieldTerm(new Coefficient.Monomial(List.of("c1", "c2")), new double[] {0.3, -0.4, 0.2}),
            new YieldTerm(new Coefficient.Monomial(List.of("c2", "c2")), new double[] {1.5, 0.8, 0.6})));
    SampleSpec offshell = new SampleSpec("ggZZ", new double[] {4, 3, 2}, List.of(
        new ModifierSpec.NormSys("theory", 1.05, 0.97)),
        List.of(
            new YieldTerm(new Coefficient.Interference("muoff", Coefficient.Interference.Kind.MU_MINUS_SQRT), new double[] {1, 0.8, 0.5}),
            new YieldTerm(new Coefficient.Interference("muoff", Coefficient.Interference.Kind.SQRT), new double[] {4, 3, 2}),
            new YieldTerm(new Coefficient.Interference("muoff", Coefficient.Interference.Kind.ONE_MINUS_SQRT), new double[] {3.5, 2.6, 1.7})));
    SampleSpec bkg = new SampleSpec("bkg", new double[] {30, 25, 15}, List.of(
        new ModifierSpec.HistoSys("shape", new double[] {31, 25, 14}, new double[] {29, 25.5, 16}),
        new ModifierSpec.StatError("stat", new double[] {1, 1, 1})));
    return new ModelSpec(List.of(new ChannelSpec("SR", List.of(eft, offshell, bkg))), List.of(), "c1", ModifierSettings.DEFAULT);
  }
}
