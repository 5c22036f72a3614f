package io.sumbin.histmodel.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.histmodel.spec.Workspace;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerTest {
  @Test
  void pyhfParameterOrderKindByKindThenFirstOccurrence() {
    CompiledModel m = ModelCompiler.compile(TestModels.everything());
    // histosys (jes, shape), lumi, normfactor (mu), normsys (jes shared with histosys; sig_theory),
    // shapefactor (sf), shapesys (bkg_unc), staterror (stat_SR); channels sorted: CR before SR
    assertEquals(List.of("jes", "shape", "lumi", "mu", "sig_theory", "sf[0]", "sf[1]",
        "bkg_unc[0]", "bkg_unc[1]", "bkg_unc[2]", "stat_SR[0]", "stat_SR[1]", "stat_SR[2]"), m.parNames());
    assertEquals(3, m.poiIndex());
    assertEquals(List.of("CR", "SR"), m.channelNames());
  }

  @Test
  void staterrorWidthIsRelativeQuadratureSumOverSamples() {
    CompiledModel m = ModelCompiler.compile(TestModels.everything());
    // σ_b = sqrt(δ_sig² + δ_bkg²) / (ν_sig + ν_bkg): bin 0 → sqrt(0.25 + 4) / 55
    double[] aux = m.auxdata();
    assertEquals(1.0, aux[aux.length - 1]);
    Evaluator ev = m.evaluator();
    double[] x = m.suggestedInit();
    int k = m.parIndex("stat_SR[0]");
    double[] data = m.withAuxdata(new double[m.nMain()]);
    double f0 = ev.nll(x, data);
    x[k] = 1.1;
    double f1 = ev.nll(x, data);
    double sigma = Math.sqrt(0.25 + 4) / 55;
    // only the constraint and the main term change; isolate the constraint via zero main data
    double mainChange = 0.1 * (5 + 50);
    assertEquals(0.5 * 0.01 / (sigma * sigma) + mainChange, f1 - f0, 1e-9);
  }

  @Test
  void nominalParametersLeaveYieldsUnchanged() {
    for (ModelSpec spec : List.of(TestModels.everything(), ExampleModels.uncorrelatedBackground().model(null))) {
      CompiledModel m = ModelCompiler.compile(spec);
      double[] nu = new double[m.nMain()];
      m.evaluator().expectedMain(m.suggestedInit(), nu);
      double[] sum = new double[m.nMain()];
      for (ChannelSpec ch : spec.channels()) {
        int c = m.channelNames().indexOf(ch.name());
        for (SampleSpec s : ch.samples()) {
          for (int b = 0; b < ch.nbins(); b++) {
            sum[m.channelOffset(c) + b] += s.data()[b];
          }
        }
      }
      assertArrayEquals(sum, nu, 1e-12);
    }
  }

  @Test
  void termsReproduceTheirPolynomial() {
    CompiledModel m = ModelCompiler.compile(TestModels.withTerms());
    double[] x = m.suggestedInit();
    x[m.parIndex("c1")] = 0.7;
    x[m.parIndex("c2")] = -0.4;
    x[m.parIndex("muoff")] = 2.25;
    double[][] bys = new double[m.sampleNames().size()][m.nMain()];
    m.evaluator().expectedBySample(x, bys);
    int eft = m.sampleNames().indexOf("eft");
    double c1 = 0.7;
    double c2 = -0.4;
    double expect0 = 10 + 3 * c1 + 1 * c2 + 2 * c1 * c1 + 0.3 * c1 * c2 + 1.5 * c2 * c2;
    assertEquals(expect0, bys[eft][0], 1e-12);
    int zz = m.sampleNames().indexOf("ggZZ");
    double mu = 2.25;
    double expectZz = (mu - 1.5) * 1 + 1.5 * 4 + (1 - 1.5) * 3.5;
    assertEquals(expectZz, bys[zz][0], 1e-12);
    // term POIs come after the modifier parameters, in order of first appearance
    assertTrue(m.parIndex("c1") > m.parIndex("theory"));
    assertEquals(0.0, m.suggestedInit()[m.parIndex("c1")]);
    assertEquals(1.0, m.suggestedInit()[m.parIndex("muoff")]);
  }

  @Test
  void measurementSettingsOverrideDefaults() {
    Workspace ws = ExampleModels.uncorrelatedBackground();
    ModelSpec spec = ws.model(null).withParameters(List.of(
        ParameterSpec.named("mu").withBounds(new double[] {-5, 5}).withInits(0.5),
        ParameterSpec.named("uncorr_bkguncrt").withFixed(true)));
    CompiledModel m = ModelCompiler.compile(spec);
    assertEquals(-5, m.lowerBounds()[0]);
    assertEquals(0.5, m.suggestedInit()[0]);
    assertTrue(m.suggestedFixed()[1] && m.suggestedFixed()[2]);
  }

  private static SpecException fails(ModelSpec spec) {
    return assertThrows(SpecException.class, () -> ModelCompiler.compile(spec));
  }

  @Test
  void histogramLengthMismatchNamesThePath() {
    SampleSpec a = new SampleSpec("a", new double[] {1, 2}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec b = new SampleSpec("b", new double[] {1, 2, 3}, List.of());
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a, b))), List.of(), "mu", null));
    assertEquals("channels[0].samples[1].data", e.path());
    assertTrue(e.getMessage().contains("3 bins") && e.getMessage().contains("has 2"), e.getMessage());
  }

  @Test
  void histosysLengthMismatchNamesTheModifier() {
    SampleSpec a = new SampleSpec("a", new double[] {1, 2}, List.of(new ModifierSpec.NormFactor("mu"),
        new ModifierSpec.HistoSys("jes", new double[] {1, 2, 3}, new double[] {1, 2})));
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a))), List.of(), "mu", null));
    assertEquals("channels[0].samples[0].modifiers[1].data.hi_data", e.path());
    assertTrue(e.getMessage().contains("histosys 'jes' hi_data has 3 bins, channel 'SR' has 2"), e.getMessage());
  }

  @Test
  void duplicateModifierOnOneSample() {
    SampleSpec a = new SampleSpec("a", new double[] {1}, List.of(new ModifierSpec.NormFactor("mu"), new ModifierSpec.NormFactor("mu")));
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a))), List.of(), "mu", null));
    assertEquals("channels[0].samples[0].modifiers[1]", e.path());
    assertTrue(e.getMessage().contains("two normfactor modifiers named 'mu'"), e.getMessage());
  }

  @Test
  void unknownPoi() {
    SpecException e = fails(ExampleModels.uncorrelatedBackground().model(null).withPoi("nope"));
    assertEquals("poi", e.path());
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
  }

  @Test
  void lumiNeedsMeasurementSettings() {
    SampleSpec a = new SampleSpec("a", new double[] {1}, List.of(new ModifierSpec.Lumi("lumi")));
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a))), List.of(), null, null));
    assertTrue(e.getMessage().contains("lumi parameter 'lumi' needs inits"), e.getMessage());
  }

  @Test
  void nameReusedWithDifferentParameterSetType() {
    SampleSpec a = new SampleSpec("a", new double[] {1}, List.of(new ModifierSpec.NormFactor("x"), new ModifierSpec.NormSys("x", 1.1, 0.9)));
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a))), List.of(), null, null));
    assertTrue(e.getMessage().contains("reuses the name"), e.getMessage());
  }

  @Test
  void attributeNotUsedByKind() {
    ModelSpec spec = ExampleModels.uncorrelatedBackground().model(null)
        .withParameters(List.of(ParameterSpec.named("mu").withSigmas(0.1)));
    SpecException e = fails(spec);
    assertEquals("parameters[0].sigmas", e.path());
  }

  @Test
  void interpolationSettingsChangeTheModel() {
    ModelSpec spec = TestModels.everything().withSettings(ModifierSettings.ROOT);
    CompiledModel m4 = ModelCompiler.compile(TestModels.everything());
    CompiledModel m1 = ModelCompiler.compile(spec);
    double[] x = m4.suggestedInit();
    x[m4.parIndex("jes")] = 0.5;
    double[] a = new double[m4.nMain()];
    double[] b = new double[m1.nMain()];
    m4.evaluator().expectedMain(x, a);
    m1.evaluator().expectedMain(x, b);
    // code1 normsys: 1.03^0.5; code0 histosys not involved in CR
    assertEquals(100 * Math.pow(1.03, 0.5) + 1, b[0], 1e-12);
    assertTrue(Math.abs(a[0] - b[0]) > 1e-6);
  }
}
