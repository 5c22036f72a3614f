package io.sumbin.histmodel.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

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
    assertThat(m.parNames())
        .as("m.parNames()")
        .isEqualTo(List.of("jes", "shape", "lumi", "mu", "sig_theory", "sf[0]", "sf[1]",
        "bkg_unc[0]", "bkg_unc[1]", "bkg_unc[2]", "stat_SR[0]", "stat_SR[1]", "stat_SR[2]"));
    assertThat(m.poiIndex()).as("m.poiIndex()").isEqualTo(3);
    assertThat(m.channelNames()).as("m.channelNames()").isEqualTo(List.of("CR", "SR"));
  }

  @Test
  void staterrorWidthIsRelativeQuadratureSumOverSamples() {
    CompiledModel m = ModelCompiler.compile(TestModels.everything());
    // σ_b = sqrt(δ_sig² + δ_bkg²) / (ν_sig + ν_bkg): bin 0 → sqrt(0.25 + 4) / 55
    double[] aux = m.auxdata();
    assertThat(aux[aux.length - 1]).as("aux[aux.length - 1]").isEqualTo(1.0);
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
    assertThat(f1 - f0).as("f1 - f0").isCloseTo(0.5 * 0.01 / (sigma * sigma) + mainChange, within(1e-9));
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
      assertThat(nu).as("nu").containsExactly(sum, within(1e-12));
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
    assertThat(bys[eft][0]).as("bys[eft][0]").isCloseTo(expect0, within(1e-12));
    int zz = m.sampleNames().indexOf("ggZZ");
    double mu = 2.25;
    double expectZz = (mu - 1.5) * 1 + 1.5 * 4 + (1 - 1.5) * 3.5;
    assertThat(bys[zz][0]).as("bys[zz][0]").isCloseTo(expectZz, within(1e-12));
    // term POIs come after the modifier parameters, in order of first appearance
    assertThat(m.parIndex("c1")).as("m.parIndex(\"c1\") > m.parIndex(\"theory\")").isGreaterThan(m.parIndex("theory"));
    assertThat(m.suggestedInit()[m.parIndex("c1")]).as("m.suggestedInit()[m.parIndex(\"c1\")]").isEqualTo(0.0);
    assertThat(m.suggestedInit()[m.parIndex("muoff")]).as("m.suggestedInit()[m.parIndex(\"muoff\")]").isEqualTo(1.0);
  }

  @Test
  void measurementSettingsOverrideDefaults() {
    Workspace ws = ExampleModels.uncorrelatedBackground();
    ModelSpec spec = ws.model(null).withParameters(List.of(
        ParameterSpec.named("mu").withBounds(new double[] {-5, 5}).withInits(0.5),
        ParameterSpec.named("uncorr_bkguncrt").withFixed(true)));
    CompiledModel m = ModelCompiler.compile(spec);
    assertThat(m.lowerBounds()[0]).as("m.lowerBounds()[0]").isEqualTo(-5);
    assertThat(m.suggestedInit()[0]).as("m.suggestedInit()[0]").isEqualTo(0.5);
    assertThat(m.suggestedFixed()[1] && m.suggestedFixed()[2])
        .as("m.suggestedFixed()[1] && m.suggestedFixed()[2]")
        .isTrue();
  }

  private static SpecException fails(ModelSpec spec) {
    return assertThatExceptionOfType(SpecException.class).isThrownBy(() -> ModelCompiler.compile(spec)).actual();
  }

  @Test
  void histogramLengthMismatchNamesThePath() {
    SampleSpec a = new SampleSpec("a", new double[] {1, 2}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec b = new SampleSpec("b", new double[] {1, 2, 3}, List.of());
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a, b))), List.of(), "mu", null));
    assertThat(e.path()).as("e.path()").isEqualTo("channels[0].samples[1].data");
    assertThat(e.getMessage().contains("3 bins") && e.getMessage().contains("has 2")).as(e.getMessage()).isTrue();
  }

  @Test
  void histosysLengthMismatchNamesTheModifier() {
    SampleSpec a = new SampleSpec("a", new double[] {1, 2}, List.of(new ModifierSpec.NormFactor("mu"),
        new ModifierSpec.HistoSys("jes", new double[] {1, 2, 3}, new double[] {1, 2})));
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a))), List.of(), "mu", null));
    assertThat(e.path()).as("e.path()").isEqualTo("channels[0].samples[0].modifiers[1].data.hi_data");
    assertThat(e.getMessage()).as(e.getMessage()).contains("histosys 'jes' hi_data has 3 bins, channel 'SR' has 2");
  }

  @Test
  void duplicateModifierOnOneSample() {
    SampleSpec a = new SampleSpec("a", new double[] {1}, List.of(new ModifierSpec.NormFactor("mu"), new ModifierSpec.NormFactor("mu")));
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a))), List.of(), "mu", null));
    assertThat(e.path()).as("e.path()").isEqualTo("channels[0].samples[0].modifiers[1]");
    assertThat(e.getMessage()).as(e.getMessage()).contains("two normfactor modifiers named 'mu'");
  }

  @Test
  void unknownPoi() {
    SpecException e = fails(ExampleModels.uncorrelatedBackground().model(null).withPoi("nope"));
    assertThat(e.path()).as("e.path()").isEqualTo("poi");
    assertThat(e.getMessage()).as(e.getMessage()).contains("'nope'");
  }

  @Test
  void lumiNeedsMeasurementSettings() {
    SampleSpec a = new SampleSpec("a", new double[] {1}, List.of(new ModifierSpec.Lumi("lumi")));
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a))), List.of(), null, null));
    assertThat(e.getMessage()).as(e.getMessage()).contains("lumi parameter 'lumi' needs inits");
  }

  @Test
  void nameReusedWithDifferentParameterSetType() {
    SampleSpec a = new SampleSpec("a", new double[] {1}, List.of(new ModifierSpec.NormFactor("x"), new ModifierSpec.NormSys("x", 1.1, 0.9)));
    SpecException e = fails(new ModelSpec(List.of(new ChannelSpec("SR", List.of(a))), List.of(), null, null));
    assertThat(e.getMessage()).as(e.getMessage()).contains("reuses the name");
  }

  @Test
  void attributeNotUsedByKind() {
    ModelSpec spec = ExampleModels.uncorrelatedBackground().model(null)
        .withParameters(List.of(ParameterSpec.named("mu").withSigmas(0.1)));
    SpecException e = fails(spec);
    assertThat(e.path()).as("e.path()").isEqualTo("parameters[0].sigmas");
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
    assertThat(b[0]).as("b[0]").isCloseTo(100 * Math.pow(1.03, 0.5) + 1, within(1e-12));
    assertThat(Math.abs(a[0] - b[0])).as("Math.abs(a[0] - b[0]) > 1e-6").isGreaterThan(1e-6);
  }
}
