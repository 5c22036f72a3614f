package io.sumbin.pyhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.family.HypothesisPair;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.modifier.ModifierRegistry;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.histmodel.spec.YieldTerm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new modifier type is one file ({@link ScaleModifier}) and one registration line: read from a
 * pyhf-style JSON workspace, written back identically, compiled and fitted to the analytic optimum.
 */
class CustomModifierTest {
  @BeforeAll
  static void register() {
    ModifierRegistry.register(new ScaleModifier()); // the one registration line
  }

  // CR: background b_cr × κ; SR: signal s × μ + background b_sr × κ; κ ~ N(1 | κ, σ)
  static final double B_CR = 80.0;
  static final double N_CR = 100.0;
  static final double S = 10.0;
  static final double B_SR = 20.0;
  static final double N_SR = 35.0;
  static final double SIGMA = 0.1;

  /** pyhf's layout: keys in alphabetical order, numbers as JSON doubles, pretty-printed as sumbin writes. */
  static final String WS = """
      {"channels": [
        {"name": "CR", "samples": [
          {"data": [80.0], "modifiers": [{"data": {"sigma": 0.1}, "name": "eff", "type": "scale"}], "name": "bkg"}]},
        {"name": "SR", "samples": [
          {"data": [20.0], "modifiers": [{"data": {"sigma": 0.1}, "name": "eff", "type": "scale"}], "name": "bkg"},
          {"data": [10.0], "modifiers": [{"data": null, "name": "mu", "type": "normfactor"}], "name": "sig"}]}],
       "measurements": [{"config": {"parameters": [], "poi": "mu"}, "name": "meas"}],
       "observations": [{"data": [100.0], "name": "CR"}, {"data": [35.0], "name": "SR"}],
       "version": "1.0.0"}
      """;

  @Test
  void readsFromJsonAndWritesBackIdentically(@TempDir Path dir) {
    Workspace ws = WorkspaceIO.parse(WS, "scale.json", WorkspaceIO.Strictness.STRICT);
    ModifierSpec eff = ws.channels().get(0).samples().get(0).modifiers().get(0);
    assertThat(eff).isEqualTo(new ScaleModifier.Scale("eff", SIGMA));

    JsonNode input = Json.parse(WS, "scale.json");
    assertThat(WorkspaceIO.toJson(ws)).as("written tree").isEqualTo(input);
    assertThat(WorkspaceIO.toText(ws)).as("written text").isEqualTo(Json.pretty(input));

    Path out = dir.resolve("scale.json");
    WorkspaceIO.write(ws, out);
    assertThat(WorkspaceIO.read(out, WorkspaceIO.Strictness.STRICT)).as("file round trip").isEqualTo(ws);
    // pyhf's own schema does not know the type: pyhf would refuse the file, sumbin reads it through the registry
    assertThat(Schemas.validate(Schemas.pyhfWorkspace(), input)).as("pyhf's schema refuses 'scale'").isNotEmpty();
  }

  @Test
  void compilesAndFitsToTheAnalyticOptimum() {
    Workspace ws = WorkspaceIO.parse(WS, "scale.json", WorkspaceIO.Strictness.STRICT);
    CompiledModel m = Models.compile(ws, null);
    assertThat(m.paramset("eff").kind()).isEqualTo("scale");
    assertThat(m.parNames()).containsExactly("mu", "eff"); // pyhf's kinds first, extensions after

    FitResult f = new Fitter(m).fit(Models.observedData(ws, m), FitOptions.suggested(m));
    assertThat(f.ok()).as(f.message()).isTrue();
    // ∂/∂μ = 0 puts the SR expectation at n_SR, so ∂/∂κ reduces to b_cr − n_cr/κ + (κ − 1)/σ² = 0:
    // κ²/σ² + (b_cr − 1/σ²) κ − n_cr = 0
    double a = 1 / (SIGMA * SIGMA);
    double bq = B_CR - a;
    double kappa = (-bq + Math.sqrt(bq * bq + 4 * a * N_CR)) / (2 * a);
    double mu = (N_SR - kappa * B_SR) / S;
    assertThat(kappa).isCloseTo(1.1049876, within(1e-6)); // (20 + √40400)/200
    assertThat(f.value("eff")).isCloseTo(kappa, within(1e-6));
    assertThat(f.value("mu")).isCloseTo(mu, within(1e-6));

    // uncertainties from the inverse Hessian of −ln L at the optimum (ν_SR = n_SR there)
    double hMuMu = S * S / N_SR;
    double hMuK = S * B_SR / N_SR;
    double hKK = N_CR / (kappa * kappa) + B_SR * B_SR / N_SR + a;
    double det = hMuMu * hKK - hMuK * hMuK;
    assertThat(f.uncertainties()[0]).as("σ(μ)").isCloseTo(Math.sqrt(hKK / det), within(1e-6));
    assertThat(f.uncertainties()[1]).as("σ(κ)").isCloseTo(Math.sqrt(hMuMu / det), within(1e-6));
    // the constraint's contribution: κ's width without it would be κ/√n_cr = 0.110
    assertThat(f.uncertainties()[1]).isCloseTo(1 / Math.sqrt(N_CR / (kappa * kappa) + a), within(1e-6));
  }

  @Test
  void badDataIsRefusedWithItsJsonPath() {
    assertThatThrownBy(() -> WorkspaceIO.parse(WS.replaceFirst("0\\.1", "-0.1"), "scale.json"))
        .isInstanceOf(InputException.class)
        .hasMessage("scale.json: channels[0].samples[0].modifiers[0].data.sigma: scale 'eff' needs sigma > 0, got -0.1");
    assertThatThrownBy(() -> WorkspaceIO.parse(WS.replaceFirst("\"sigma\": 0\\.1", "\"sigma\": \"0.1\""), "scale.json"))
        .hasMessage("scale.json: channels[0].samples[0].modifiers[0].data.sigma: expected a finite number, got the string \"0.1\"");
    assertThatThrownBy(() -> WorkspaceIO.parse(WS.replaceFirst("\\{\"sigma\": 0\\.1\\}", "{\"sigma\": 0.1, \"rho\": 1}"), "scale.json"))
        .hasMessage("scale.json: channels[0].samples[0].modifiers[0].data.rho: unexpected member 'rho' (allowed: sigma)");
    assertThatThrownBy(() -> WorkspaceIO.parse(WS.replaceFirst("\"type\": \"scale\"", "\"type\": \"scale\", \"extra\": 1"), "scale.json"))
        .hasMessage("scale.json: channels[0].samples[0].modifiers[0].extra: unexpected member 'extra' (scale modifier: name, type and data)");
    // two samples sharing κ must agree on σ (the compiler's name-reuse rule, as for pyhf's types)
    assertThatThrownBy(() -> WorkspaceIO.parse(WS.replaceFirst("(?s)(.*)\"sigma\": 0\\.1", "$1\"sigma\": 0.2"), "scale.json"))
        .hasMessageContaining("channels[1].samples[0].modifiers[0]: scale 'eff' asks for a parameter set that differs in sigmas");
    // types that are not registered are refused as before
    assertThatThrownBy(() -> WorkspaceIO.parse(WS.replace("\"scale\"", "\"scalar\""), "scale.json"))
        .hasMessage("scale.json: channels[0].samples[0].modifiers[0].type: unknown modifier type 'scalar' (known: histfactory "
            + "histosys, lumi, normfactor, normsys, shapefactor, shapesys, staterror; registered extensions: scale)");
  }

  @Test
  void inspectAndTheFamilyPairModelUseTheDescriptor() {
    JsonNode inspect = WorkspaceTools.inspect(Json.parse(WS, "scale.json"));
    assertThat(inspect.get("parameters").toString()).isEqualTo("[[\"eff\",\"constrained_by_normal\"],[\"mu\",\"unconstrained\"]]");

    // a POI-dependent sample: the delta sample of the pair model keeps overall factors (scale), not shapes
    ModifierSpec scale = new ScaleModifier.Scale("eff", SIGMA);
    ModifierSpec shape = new ModifierSpec.HistoSys("jes", new double[] {11.0}, new double[] {9.0});
    SampleSpec sig = new SampleSpec("sig", new double[] {10.0}, List.of(scale, shape),
        List.of(new YieldTerm(new Coefficient.Monomial(List.of("theta", "theta")), new double[] {10.0})));
    ModelSpec spec = new ModelSpec(List.of(new ChannelSpec("SR", List.of(sig))), List.of(), null, ModifierSettings.DEFAULT);
    ModelSpec pair = HypothesisPair.build(spec, List.of("theta"), new double[] {0.0}, new double[] {1.0});
    List<ModifierSpec> delta = new ArrayList<>(pair.channels().get(0).samples().get(1).modifiers());
    assertThat(pair.channels().get(0).samples().get(1).name()).isEqualTo("sig_delta");
    assertThat(delta).containsExactly(scale, new ModifierSpec.NormFactor("mu"));
    assertThat(pair.channels().get(0).samples().get(0).modifiers()).containsExactly(scale, shape);
  }
}
