package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PyhfDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18, item 1: what pyhf accepts is accepted by default, with one {@code warning:} line on
 * stderr; {@code --strict} refuses it (exit 2) naming the parameters; {@code --lenient} is a
 * deprecated no-op; the model-free workspace tools read a workspace without parameters.
 */
class PyhfSemanticsCliTest {
  /**
   * pyhf's SLSQP stops at about 1e-6 in the objective; sumbin's minimum may be that much lower,
   * never higher (see ../shared/pyhf/README.md).
   */
  static final double TWICE_NLL_TOL = 1e-4;
  /** Asymptotic CLs from two minimizers agreeing to the objective's tolerance. */
  static final double CLS_TOL = 1e-4;

  @TempDir static Path dir;

  static JsonNode json(Cli.Run r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.parse(r.out(), "stdout");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tests_example_bkgonly", "tests_example_patched_signal"})
  void pyhfsOwnTestWorkspacesFitByDefaultWithPyhfsNumbersAndAreRefusedUnderStrict(String name) {
    String ws = Shared.workspace(name).toString();
    JsonNode ref = Shared.reference(name);
    Cli.Run fit = Cli.run("fit", ws, "--json");
    JsonNode f = json(fit);
    // the config entry 'alpha_syst1' names no parameter (the modifier is 'syst1'): ignored, as pyhf does
    assertThat(fit.errLines()).as(fit.err()).isEqualTo(1);
    assertThat(fit.err()).startsWith("warning: " + ws + ": measurements[0].config.parameters[2].name").contains("'alpha_syst1'");
    assertThat(f.get("twice_nll").asDouble()).as("twice_nll").isCloseTo(ref.get("mle_fit").get("twice_nll").asDouble(),
        within(TWICE_NLL_TOL));
    JsonNode h = json(Cli.run("hypotest", ws, "--poi-value", "1", "--json"));
    assertThat(h.get("cls_obs").asDouble()).as("CLs at mu = 1").isCloseTo(
        ref.get("hypotest_mu1_qtilde").get("CLs_obs").asDouble(), within(CLS_TOL));
    Cli.Run strict = Cli.run("fit", ws, "--strict");
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.errLines()).isEqualTo(1);
    assertThat(strict.err()).contains(ws + ": measurements[0].config.parameters[2].name", "'alpha_syst1'", "--strict");
    assertThat(strict.out()).isEmpty();
  }

  @Test
  void aBkgOnlyWorkspaceConfiguringAPrunedParameterFitsWithAWarningAndIsRefusedUnderStrict() throws Exception {
    ObjectNode ws = (ObjectNode) Json.read(PublishedLikelihoodTest.BKG);
    ArrayNode pars = (ArrayNode) ws.get("measurements").get(0).get("config").get("parameters");
    pars.addObject().put("name", "mu_BG").put("fixed", true).putArray("inits").add(1.0);
    Path f = dir.resolve("BkgOnly_mu_BG.json");
    Json.writeAtomically(f, Json.pretty(ws));
    int index = pars.size() - 1;
    Cli.Run fit = Cli.run("fit", f.toString(), "--json");
    JsonNode j = json(fit);
    assertThat(fit.err()).contains("warning: " + f + ": measurements[0].config.parameters[" + index + "].name", "'mu_BG'");
    assertThat(fit.err().lines().filter(l -> l.startsWith("warning:")).count()).as("one warning line").isEqualTo(1);
    assertThat(j.get("twice_nll").asDouble()).as("the setting is ignored: the plain background-only fit")
        .isEqualTo(json(Cli.run("fit", PublishedLikelihoodTest.BKG.toString(), "--json")).get("twice_nll").asDouble());
    Cli.Run strict = Cli.run("fit", f.toString(), "--strict");
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err()).contains("'mu_BG'", "is not a parameter of the model", "--strict");
  }

  @Test
  void anObservationOfAChannelNotInTheModelIsIgnoredWithAWarningAndRefusedUnderStrict() throws Exception {
    ObjectNode ws = (ObjectNode) Json.read(Shared.workspace("val_1bin_shapesys"));
    ((ArrayNode) ws.get("observations")).addObject().put("name", "pruned_region").putArray("data").add(7.0);
    Path f = dir.resolve("extra_obs.json");
    Json.writeAtomically(f, Json.pretty(ws));
    Cli.Run fit = Cli.run("fit", f.toString(), "--json");
    assertThat(json(fit).get("twice_nll").asDouble()).isEqualTo(
        json(Cli.run("fit", Shared.workspace("val_1bin_shapesys").toString(), "--json")).get("twice_nll").asDouble());
    assertThat(fit.err()).startsWith("warning: " + f + ": observations[1].name").contains("'pruned_region'");
    Cli.Run strict = Cli.run("fit", f.toString(), "--strict");
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err()).contains("observations[1].name", "'pruned_region'", "--strict");
  }

  @Test
  void theWorkspaceToolsAreModelFreeForAWorkspaceWithoutParameters() throws Exception {
    // as `sumbin demo` exports pyhf/bkgonly.json: samples without modifiers, a POI only the signal patch adds
    ObjectNode bkg = (ObjectNode) Json.parse("""
        {"channels": [{"name": "SR", "samples": [{"name": "bkg", "data": [50.0, 20.0], "modifiers": []}]}],
         "observations": [{"name": "SR", "data": [52.0, 19.0]}],
         "measurements": [{"name": "meas", "config": {"poi": "mu", "parameters": []}}],
         "version": "1.0.0"}""", "bkgonly");
    Path b = dir.resolve("bkgonly.json");
    Json.writeAtomically(b, Json.pretty(bkg));
    String digest = PyhfDigest.sha256(bkg);
    Path ps = dir.resolve("patchset.json");
    Json.writeAtomically(ps, """
        {"metadata": {"name": "demo", "description": "signal", "digests": {"sha256": "%s"}, "labels": ["m"],
                      "references": {"hepdata": "ins0000000"}},
         "patches": [{"metadata": {"name": "sig_1", "values": [1.0]},
                      "patch": [{"op": "add", "path": "/channels/0/samples/1",
                                 "value": {"name": "sig", "data": [5.0, 3.0],
                                           "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}}]}],
         "version": "1.0.0"}""".formatted(digest));
    Cli.Run d = Cli.run("digest", b.toString());
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(d.out()).contains(digest);
    Cli.Run inspect = Cli.run("inspect", b.toString(), "--json");
    assertThat(json(inspect).get("parameters")).isEmpty();
    assertThat(json(Cli.run("patchset", "verify", b.toString(), ps.toString(), "--json")).get("verified").asBoolean()).isTrue();
    Cli.Run extract = Cli.run("patchset", "extract", ps.toString(), "--name", "sig_1");
    assertThat(extract.exitCode()).as(extract.err()).isZero();
    Path applied = dir.resolve("applied.json");
    Cli.Run apply = Cli.run("patchset", "apply", b.toString(), ps.toString(), "--name", "sig_1", "--output-file", applied.toString());
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(Files.readString(applied)).contains("\"sig\"");
    // a likelihood still needs parameters: fitting the background-only file alone is bad input
    Cli.Run fit = Cli.run("fit", b.toString());
    assertThat(fit.exitCode()).isEqualTo(2);
    assertThat(fit.err()).contains("the model has no parameters");
  }
}
