package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.modifier.ModifierRegistry;
import io.sumbin.pyhf.Json;
import io.sumbin.tests.ext.EfficiencyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modifier type from a jar on the class path: {@link EfficiencyKind} is one file in this module's
 * test sources and one line in its test resources' {@code META-INF/services/io.sumbin.histmodel.modifier.ModifierKind};
 * nothing in sumbin names it, and {@code sumbin fit} (in-process, as {@code java -cp sumbin.jar:my-modifier.jar
 * io.sumbin.cli.Main fit ws.json} runs it) fits a workspace that uses it to the analytic optimum.
 */
class ModifierJarCliTest {
  // one bin: signal s × μ + background b × ε, ε ~ N(1 | ε, σ), n observed
  static final double S = 10.0;
  static final double B = 20.0;
  static final double N = 35.0;
  static final double SIGMA = 0.1;

  static final String WS = """
      {"channels": [{"name": "SR", "samples": [
         {"name": "sig", "data": [10.0], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
         {"name": "bkg", "data": [20.0], "modifiers": [{"name": "eff", "type": "efficiency", "data": {"sigma": 0.1}}]}]}],
       "measurements": [{"name": "meas", "config": {"poi": "mu", "parameters": []}}],
       "observations": [{"name": "SR", "data": [35.0]}],
       "version": "1.0.0"}
      """;

  @Test
  void theServicesLineRegistersTheTypeAfterPyhfsSeven() {
    assertThat(ModifierRegistry.kinds().keySet()).as("registered types, in parameter order")
        .containsExactly("histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror", "efficiency");
    assertThat(ModifierRegistry.get("efficiency")).isInstanceOf(EfficiencyKind.class);
  }

  /**
   * The maximum: μ̂ = (n − b)/s with ε̂ = 1 (μ absorbs the one bin, the constraint pins ε). The inverse of
   * the Fisher information at the maximum, I = (1/n)(s, b)ᵀ(s, b) + diag(0, 1/σ²), gives σ_ε = σ and
   * σ_μ² = 1/(s²/n − (sb/n)²/(b²/n + 1/σ²)).
   */
  @Test
  void theCliFitsAWorkspaceWithTheJarsModifier(@TempDir Path dir) throws IOException {
    Path ws = dir.resolve("ws.json");
    Files.writeString(ws, WS, StandardCharsets.UTF_8);
    Cli.Run r = Cli.run("fit", ws.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.parse(r.out(), "stdout");
    int mu = indexOf(j, "mu");
    int eff = indexOf(j, "eff");
    assertThat(j.get("converged").asBoolean()).isTrue();
    assertThat(j.get("bestfit").get(mu).asDouble()).as("mu-hat").isCloseTo((N - B) / S, within(1e-4));
    assertThat(j.get("bestfit").get(eff).asDouble()).as("eff-hat").isCloseTo(1.0, within(1e-4));
    double varMu = 1 / (S * S / N - Math.pow(S * B / N, 2) / (B * B / N + 1 / (SIGMA * SIGMA)));
    assertThat(j.get("uncertainties").get(mu).asDouble()).as("sigma of mu").isCloseTo(Math.sqrt(varMu), within(2e-3));
    assertThat(j.get("uncertainties").get(eff).asDouble()).as("sigma of eff").isCloseTo(SIGMA, within(2e-4));

    Cli.Run unknown = Cli.run("fit", Files.writeString(dir.resolve("typo.json"), WS.replace("\"efficiency\"", "\"eficiency\""),
        StandardCharsets.UTF_8).toString(), "--json");
    assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(2);
    assertThat(unknown.err()).as("the refusal lists the discovered type")
        .contains("unknown modifier type 'eficiency'").contains("registered extensions: efficiency");
  }

  private static int indexOf(JsonNode j, String name) {
    for (int i = 0; i < j.get("par_names").size(); i++) {
      if (j.get("par_names").get(i).asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name + " not in " + j.get("par_names"));
  }
}
