package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.JsonPatch;
import io.sumbin.pyhf.Patches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published likelihoods (issue 11): the published-style workspace of
 * {@code src/test/resources/published} (HEPData layout: background-only workspace + signal patch
 * set, 70 parameters, 4 one-bin regions, shapesys on every sample, one gamma of relative
 * uncertainty 2.3e-6) through every command: stiff constraints converge to the right minimum,
 * background-only fits, patches with pyhf's semantics and errors, patch-set exclusion tables.
 */
class PublishedLikelihoodTest {
  static final Path RES = Path.of("src/test/resources/published");
  static final Path BKG = RES.resolve("BkgOnly.json");
  static final Path SET = RES.resolve("patchset.json");
  static final Path PATCH = RES.resolve("patch_GG_1400_600.json");
  /** Profiling a gamma of width 2.3e-6 (or 1e-6) instead of fixing it moves 2 ln L by far less than this. */
  static final double SAME_MINIMUM = 1e-6;
  static final double SAME_CLS = 1e-6;
  /** Identical inputs (the same patched model built two ways) give identical numbers to rounding. */
  static final double IDENTICAL = 1e-12;

  @TempDir static Path dir;
  static Path huge;

  @BeforeAll
  static void buildVariants() throws Exception {
    // the same analysis with a fifth region of 1e12 expected events (MC-statistics shapesys sqrt(N))
    ObjectNode ws = (ObjectNode) Json.read(BKG);
    ObjectNode ch = ((ArrayNode) ws.get("channels")).addObject();
    ch.put("name", "CR_huge");
    ObjectNode s = ch.putArray("samples").addObject();
    s.put("name", "bulk");
    s.putArray("data").add(1e12);
    ObjectNode mod = s.putArray("modifiers").addObject();
    mod.put("name", "mcstat_CR_huge_bulk");
    mod.put("type", "shapesys");
    mod.putArray("data").add(1e6);
    ObjectNode obs = ((ArrayNode) ws.get("observations")).addObject();
    obs.put("name", "CR_huge");
    obs.putArray("data").add(1e12);
    JsonNode patch = Json.read(PATCH);
    huge = dir.resolve("huge_signal.json");
    Json.writeAtomically(huge, Json.pretty(JsonPatch.apply(ws, patch)));
  }

  static JsonNode json(Cli.Run r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.parse(r.out(), "stdout");
  }

  @Test
  void stiffGammaFitsToTheSameMinimumAndClsAsWithTheGammaFixed() {
    String[] patch = {"--patch", SET.toString(), "--patch-name", "GG_1400_600"};
    JsonNode free = json(Cli.run(concat(new String[] {"fit", BKG.toString(), "--json"}, patch)));
    JsonNode fixed = json(Cli.run(concat(new String[] {"fit", BKG.toString(), "--json", "--fix", "mcstat_CR_W_diboson=1"}, patch)));
    assertThat(free.get("converged").asBoolean()).isTrue();
    assertThat(free.get("par_names")).hasSize(70);
    assertThat(free.get("twice_nll").asDouble()).isCloseTo(fixed.get("twice_nll").asDouble(), within(SAME_MINIMUM));
    // no quantisation: the minimum is not a multiple of 2^-9 as the naive lnΓ form gave
    assertThat(free.get("twice_nll").asDouble() * 512 % 1).isNotZero();
    JsonNode h1 = json(Cli.run(concat(new String[] {"hypotest", BKG.toString(), "--poi-value", "1", "--json"}, patch)));
    JsonNode h2 = json(Cli.run(concat(new String[] {"hypotest", BKG.toString(), "--poi-value", "1", "--json", "--fix",
        "mcstat_CR_W_diboson=1"}, patch)));
    assertThat(h1.get("converged").asBoolean()).isTrue();
    assertThat(h1.get("cls_obs").asDouble()).isCloseTo(h2.get("cls_obs").asDouble(), within(SAME_CLS));
    for (int i = 0; i < 5; i++) {
      assertThat(h1.get("cls_exp").get(i).asDouble()).isCloseTo(h2.get("cls_exp").get(i).asDouble(), within(SAME_CLS));
    }
  }

  @Test
  void aBinOfATrillionEventsFitsToTheSameMinimumAndClsAsWithItsGammaFixed() {
    JsonNode free = json(Cli.run("fit", huge.toString(), "--json"));
    JsonNode fixed = json(Cli.run("fit", huge.toString(), "--json", "--fix", "mcstat_CR_huge_bulk=1"));
    assertThat(free.get("converged").asBoolean()).isTrue();
    assertThat(free.get("twice_nll").asDouble()).isCloseTo(fixed.get("twice_nll").asDouble(), within(SAME_MINIMUM));
    JsonNode h1 = json(Cli.run("hypotest", huge.toString(), "--poi-value", "1", "--json"));
    JsonNode h2 = json(Cli.run("hypotest", huge.toString(), "--poi-value", "1", "--json", "--fix", "mcstat_CR_huge_bulk=1"));
    assertThat(h1.get("cls_obs").asDouble()).isCloseTo(h2.get("cls_obs").asDouble(), within(SAME_CLS));
    // and the extra region, at its expectation, changes nothing in the signal test
    JsonNode h0 = json(Cli.run("hypotest", BKG.toString(), "--patch", PATCH.toString(), "--poi-value", "1", "--json"));
    assertThat(h1.get("cls_obs").asDouble()).isCloseTo(h0.get("cls_obs").asDouble(), within(SAME_CLS));
  }

  @Test
  void backgroundOnlyWorkspaceFitsWithANoteAndPoiCommandsRefuseInOneLine() {
    Cli.Run r = Cli.run("fit", BKG.toString(), "--json");
    JsonNode j = json(r);
    assertThat(j.has("poi")).isFalse();
    assertThat(j.get("converged").asBoolean()).isTrue();
    assertThat(j.get("par_names")).hasSize(64);
    assertThat(r.err()).contains("note:", "'mu_SIG'", "background-only");
    for (String[] cmd : List.of(
        new String[] {"hypotest", BKG.toString(), "--poi-value", "1"},
        new String[] {"limit", BKG.toString()},
        new String[] {"toys", BKG.toString(), "--poi-value", "1", "--ntoys", "10", "--out", dir.resolve("t.jsonl").toString()},
        new String[] {"belt", BKG.toString(), "--range", "0:2:3"})) {
      Cli.Run bad = Cli.run(cmd);
      assertThat(bad.exitCode()).as(String.join(" ", cmd)).isEqualTo(2);
      assertThat(bad.errLines()).isEqualTo(1);
      assertThat(bad.err()).contains(cmd[0] + " needs a parameter of interest", "mu_SIG");
    }
    assertThat(dir.resolve("t.jsonl")).doesNotExist();
    // --poi none on the signal model: a POI-less fit; --poi NAME picks another parameter
    JsonNode none = json(Cli.run("fit", BKG.toString(), "--patch", PATCH.toString(), "--poi", "none", "--json"));
    assertThat(none.has("poi")).isFalse();
    Cli.Run hn = Cli.run("hypotest", BKG.toString(), "--patch", PATCH.toString(), "--poi", "none", "--poi-value", "1");
    assertThat(hn.exitCode()).isEqualTo(2);
    assertThat(hn.err()).contains("--poi none");
    JsonNode w = json(Cli.run("fit", BKG.toString(), "--poi", "mu_W", "--json"));
    assertThat(w.get("poi").asText()).isEqualTo("mu_W");
    Cli.Run unknown = Cli.run("fit", BKG.toString(), "--poi", "mu_NOPE");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.errLines()).isEqualTo(1);
  }

  /** BkgOnly.json with extra entries under measurements[0].config.parameters. */
  static Path configured(String name, String... parameterJson) throws Exception {
    ObjectNode ws = (ObjectNode) Json.read(BKG);
    ArrayNode pars = (ArrayNode) ws.get("measurements").get(0).get("config").get("parameters");
    for (String p : parameterJson) {
      pars.add(Json.parse(p, "test"));
    }
    Path f = dir.resolve(name);
    Json.writeAtomically(f, Json.pretty(ws));
    return f;
  }

  @Test
  void backgroundOnlyWorkspaceListingItsPoiUnderConfigParametersFitsAndTakesPatches() throws Exception {
    // real HEPData background-only workspaces configure the signal POI that only the patches add:
    // issue 12's refusal of unknown names must not apply to the measurement's own POI
    Path bkg = configured("bkg_poi.json", "{\"name\": \"mu_SIG\", \"bounds\": [[0.0, 5.0]], \"inits\": [1.0]}");
    Cli.Run fit = Cli.run("fit", bkg.toString(), "--json");
    JsonNode j = json(fit);
    assertThat(j.get("converged").asBoolean()).isTrue();
    assertThat(j.get("par_names")).hasSize(64);
    assertThat(j.has("poi")).isFalse();
    assertThat(fit.err()).contains("note:", "'mu_SIG'", "background-only").doesNotContain("warning", "--lenient");
    Cli.Run hypo = Cli.run("hypotest", bkg.toString(), "--patch", PATCH.toString(), "--poi-value", "1", "--json");
    JsonNode h = json(hypo);
    assertThat(hypo.err()).isBlank();
    assertThat(h.get("converged").asBoolean()).isTrue();
    JsonNode ref = json(Cli.run("hypotest", BKG.toString(), "--patch", PATCH.toString(), "--poi-value", "1", "--json"));
    assertThat(h.get("cls_obs").asDouble()).as("mu_hat is inside [0, 5]: the same test").isCloseTo(ref.get("cls_obs").asDouble(), within(SAME_CLS));
    // the setting is applied to the patched model: its bounds are the ones the POI value is checked against
    Cli.Run outside = Cli.run("hypotest", bkg.toString(), "--patch", PATCH.toString(), "--poi-value", "7");
    assertThat(outside.exitCode()).isEqualTo(2);
    assertThat(outside.err()).contains("--poi-value: 7 is outside the bounds [0, 5] of 'mu_SIG'");
    JsonNode cls = json(Cli.run("patchset", "cls", bkg.toString(), PATCH.toString(), "--json"));
    assertThat(cls.get("points").get(0).get("cls_obs").asDouble()).isCloseTo(h.get("cls_obs").asDouble(), within(IDENTICAL));
  }

  @Test
  void namesOnlyAPatchDefinesAreCheckedAfterThePatchIsApplied() throws Exception {
    Path bkg = configured("bkg_sig_syst.json", "{\"name\": \"theo_sig_acc\", \"bounds\": [[-4.0, 4.0]]}");
    // alone, the background-only model has no theo_sig_acc: ignored with a warning as pyhf does (exit 2 under --strict)
    Cli.Run alone = Cli.run("fit", bkg.toString(), "--json");
    assertThat(alone.exitCode()).as(alone.err()).isZero();
    assertThat(alone.err()).contains("warning:", "measurements[0].config.parameters[3].name", "'theo_sig_acc'");
    assertThat(json(alone).get("twice_nll").asDouble()).as("the setting is ignored: the plain background-only fit")
        .isEqualTo(json(Cli.run("fit", BKG.toString(), "--json")).get("twice_nll").asDouble());
    Cli.Run strict = Cli.run("fit", bkg.toString(), "--strict");
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.errLines()).isEqualTo(1);
    assertThat(strict.err()).contains("measurements[0].config.parameters[3].name", "'theo_sig_acc'", "--strict");
    // patched, the model defines it: accepted
    Cli.Run patched = Cli.run("hypotest", bkg.toString(), "--patch", PATCH.toString(), "--poi-value", "1", "--json");
    assertThat(json(patched).get("converged").asBoolean()).isTrue();
    assertThat(patched.err()).isBlank();
    assertThat(json(Cli.run("patchset", "cls", bkg.toString(), PATCH.toString(), "--json")).get("n_points").asInt()).isEqualTo(1);
  }

  @Test
  void aPatchFileAPatchByNameAndByValuesGiveTheSameModel() {
    double a = json(Cli.run("fit", BKG.toString(), "--patch", PATCH.toString(), "--json")).get("twice_nll").asDouble();
    double b = json(Cli.run("fit", BKG.toString(), "--patch", SET.toString(), "--patch-name", "GG_1400_600", "--json")).get("twice_nll").asDouble();
    double c = json(Cli.run("fit", BKG.toString(), "--patch", SET.toString(), "--patch-values", "1400,600", "--json")).get("twice_nll").asDouble();
    assertThat(b).isCloseTo(a, within(IDENTICAL));
    assertThat(c).isCloseTo(a, within(IDENTICAL));
  }

  @Test
  void everyWorkspaceCommandTakesPatches() {
    String[] p = {"--patch", SET.toString(), "--patch-values", "1000,0"};
    assertThat(json(Cli.run(concat(new String[] {"limit", BKG.toString(), "--json"}, p))).get("obs").asDouble()).isBetween(0.05, 2.0);
    assertThat(json(Cli.run(concat(new String[] {"scan", BKG.toString(), "--param", "mu_SIG", "--range", "0:2:5", "--json"}, p)))
        .get("values")).hasSize(5);
    JsonNode toys = json(Cli.run(concat(new String[] {"toys", BKG.toString(), "--poi-value", "1", "--ntoys", "20", "--threads", "2",
        "--out", dir.resolve("toys.jsonl").toString(), "--json"}, p)));
    assertThat(toys.has("cls_obs") || toys.has("cls")).isTrue();
    Cli.Run belt = Cli.run(concat(new String[] {"belt", BKG.toString(), "--range", "0:2:3", "--ntoys", "20", "--threads", "2", "--json"}, p));
    assertThat(belt.exitCode()).as(belt.err()).isIn(0, 3);
  }

  @Test
  void patchErrorsNameTheFailingOperationAndPointer() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[{\"op\":\"test\",\"path\":\"/channels/0/name\",\"value\":\"CR_Top\"},"
        + "{\"op\":\"add\",\"path\":\"/channels/9/samples/-\",\"value\":{}}]");
    Cli.Run r = Cli.run("fit", BKG.toString(), "--patch", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).isEqualTo(1);
    assertThat(r.err()).contains(bad.toString(), "operation 1 ('add' at \"/channels/9/samples/-\")");
    // a patch set for another background-only workspace is refused, as pyhf's PatchSet.apply does
    Cli.Run other = Cli.run("fit", Shared.workspace("docs_2bin_1channel").toString(), "--patch", SET.toString(), "--patch-name", "GG_1400_600");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).contains("metadata.digests.sha256", "made for another");
    Cli.Run noName = Cli.run("fit", BKG.toString(), "--patch", SET.toString());
    assertThat(noName.exitCode()).isEqualTo(2);
    assertThat(noName.err()).contains("--patch-name");
    Cli.Run unknown = Cli.run("fit", BKG.toString(), "--patch", SET.toString(), "--patch-name", "GG_9_9");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no patch named 'GG_9_9'");
    Cli.Run values = Cli.run("fit", BKG.toString(), "--patch", SET.toString(), "--patch-values", "1400,NaN");
    assertThat(values.exitCode()).isEqualTo(2);
    // a -p patch is applied to the model {channels, parameters} as in pyhf: /measurements is not there
    Path meas = dir.resolve("meas.json");
    Files.writeString(meas, "[{\"op\":\"replace\",\"path\":\"/measurements/0/config/poi\",\"value\":\"mu_W\"}]");
    Cli.Run m = Cli.run("fit", BKG.toString(), "--patch", meas.toString());
    assertThat(m.exitCode()).isEqualTo(2);
    assertThat(m.err()).contains("operation 0 ('replace' at \"/measurements/0/config/poi\")");
    Path pars = dir.resolve("pars.json");
    Files.writeString(pars, "[{\"op\":\"test\",\"path\":\"/parameters/2/name\",\"value\":\"mu_W\"},"
        + "{\"op\":\"add\",\"path\":\"/parameters/2/fixed\",\"value\":true},{\"op\":\"replace\",\"path\":\"/parameters/2/inits\",\"value\":[1.2]}]");
    JsonNode fixedW = json(Cli.run("fit", BKG.toString(), "--patch", pars.toString(), "--json"));
    int i = List.of(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(fixedW.get("par_names"), String[].class)).indexOf("mu_W");
    assertThat(fixedW.get("bestfit").get(i).asDouble()).isEqualTo(1.2);
  }

  @Test
  void patchsetClsGivesTheExclusionTableCsvAndPlot() throws Exception {
    Path csv = dir.resolve("cls.csv");
    Path png = dir.resolve("excl.png");
    JsonNode r = json(Cli.run("patchset", "cls", BKG.toString(), SET.toString(), "--threads", "2", "--json",
        "--csv", csv.toString(), "--plot", png.toString()));
    assertThat(r.get("n_points").asInt()).isEqualTo(60);
    assertThat(r.get("labels").get(0).asText()).isEqualTo("m_gluino");
    JsonNode pt = null;
    for (JsonNode p : r.get("points")) {
      assertThat(p.get("converged").asBoolean()).as(p.get("name").asText()).isTrue();
      assertThat(p.get("cls_exp")).hasSize(5);
      if (p.get("name").asText().equals("GG_1400_600")) {
        pt = p;
      }
    }
    assertThat(pt).isNotNull();
    // the same number as a single hypotest of the patched workspace
    JsonNode h = json(Cli.run("hypotest", BKG.toString(), "--patch", PATCH.toString(), "--poi-value", "1", "--json"));
    assertThat(pt.get("cls_obs").asDouble()).isCloseTo(h.get("cls_obs").asDouble(), within(IDENTICAL));
    // the light corner is excluded, the heavy one not: a contour crosses the plane
    assertThat(point(r, "GG_1000_0").get("cls_exp").get(2).asDouble()).isLessThan(0.05);
    assertThat(point(r, "GG_2000_900").get("cls_exp").get(2).asDouble()).isGreaterThan(0.05);
    assertThat(Files.readAllLines(csv)).hasSize(61).first().asString().startsWith("name,m_gluino,m_neutralino,cls_obs");
    assertThat(Files.size(png)).isGreaterThan(10_000);
    // plain patch files give the same point
    JsonNode single = json(Cli.run("patchset", "cls", BKG.toString(), PATCH.toString(), "--json"));
    assertThat(single.get("points").get(0).get("cls_obs").asDouble()).isCloseTo(h.get("cls_obs").asDouble(), within(IDENTICAL));
  }

  static JsonNode point(JsonNode r, String name) {
    for (JsonNode p : r.get("points")) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void patchsetInspectExtractApplyVerifyAsPyhf() throws Exception {
    Cli.Run in = Cli.run("patchset", "inspect", SET.toString());
    assertThat(in.exitCode()).isZero();
    assertThat(in.out()).contains("    60 patches found in Patchset\n---------------------------------\n", "GG_1400_600\n");
    JsonNode ex = json(Cli.run("patchset", "extract", SET.toString(), "--name", "GG_1400_600"));
    assertThat(ex).isEqualTo(Json.read(PATCH));
    JsonNode meta = json(Cli.run("patchset", "extract", SET.toString(), "--name", "GG_1400_600", "--with-metadata"));
    assertThat(meta.get("metadata").get("labels").get(0).asText()).isEqualTo("m_gluino");
    assertThat(meta.get("metadata").get("name").asText()).isEqualTo("GG_1400_600");
    Path out = dir.resolve("applied.json");
    Cli.Run ap = Cli.run("patchset", "apply", BKG.toString(), SET.toString(), "--name", "GG_1400_600", "--output-file", out.toString());
    assertThat(ap.exitCode()).as(ap.err()).isZero();
    Patches.PatchSet set = Patches.PatchSet.parse(Json.read(SET), "set");
    assertThat(Json.read(out)).isEqualTo(set.apply(Json.read(BKG), "bkg", set.byName("GG_1400_600")));
    Cli.Run ok = Cli.run("patchset", "verify", BKG.toString(), SET.toString());
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out().trim()).isEqualTo("All good.");
    Cli.Run no = Cli.run("patchset", "verify", out.toString(), SET.toString());
    assertThat(no.exitCode()).isEqualTo(2);
    assertThat(no.errLines()).isEqualTo(1);
  }

  static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
