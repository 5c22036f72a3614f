package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 (items 3 and 6): the defects that held-out testing found in toy files and options —
 * merging toys of different ensembles, empty shards, the observed-data line counted as a toy,
 * options that do nothing, conflicting {@code --fix} values, a misleading parameter message.
 */
class HeldOutDefectsCliTest {
  @TempDir Path dir;

  static JsonNode json(Cli.Run r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.parse(r.out(), "stdout");
  }

  static void badInput(Cli.Run r, String... words) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains(words);
  }

  String ws() {
    return Shared.workspace("val_1bin_shapesys").toString();
  }

  String toys(String name, String... more) {
    Path out = dir.resolve(name);
    String[] base = {"toys", ws(), "--ntoys", "6", "--threads", "1", "--out", out.toString(), "--json"};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    json(Cli.run(args));
    return out.toString();
  }

  @Test
  void mergeRefusesToysOfAnotherPoiValueSeedStatisticOrFixNamingBothFilesAndTheField() {
    String a1 = toys("a1.jsonl", "--poi-value", "1", "--seed", "7", "--shard", "1/2");
    String a2 = toys("a2.jsonl", "--poi-value", "1", "--seed", "7", "--shard", "2/2");
    String p2 = toys("p2.jsonl", "--poi-value", "2", "--seed", "7", "--shard", "2/2");
    String s8 = toys("s8.jsonl", "--poi-value", "1", "--seed", "8", "--shard", "2/2");
    String q = toys("q.jsonl", "--poi-value", "1", "--seed", "7", "--shard", "2/2", "--test-stat", "q");
    String fx = toys("fx.jsonl", "--poi-value", "1", "--seed", "7", "--shard", "2/2", "--fix", "uncorr_bkguncrt=1");
    Path m = dir.resolve("m.jsonl");
    badInput(Cli.run("merge", a1, p2, "--out", m.toString()), a1, p2, "poi_value (1 and 2)");
    badInput(Cli.run("merge", a1, s8, "--out", m.toString()), a1, s8, "seed (7 and 8)");
    badInput(Cli.run("merge", a1, q, "--out", m.toString()), a1, q, "test statistic (qtilde and q)");
    badInput(Cli.run("merge", a1, fx, "--out", m.toString()), a1, fx, "settings");
    assertThat(m).as("nothing written").doesNotExist();
    JsonNode ok = json(Cli.run("merge", a1, a2, "--out", m.toString(), "--json"));
    assertThat(ok.get("lines_written").asInt()).as("one obs line + 6 s+b + 6 b toys").isEqualTo(13);
  }

  @Test
  void anEmptyShardIsAnEmptyMergeableFile() throws IOException {
    Path e = dir.resolve("e.jsonl");
    Cli.Run r = Cli.run("toys", ws(), "--poi-value", "1", "--ntoys", "3", "--shard", "5/8", "--out", e.toString(), "--json");
    JsonNode j = json(r);
    assertThat(j.get("new_toys").asInt()).isZero();
    assertThat(j.get("message").asText()).contains("holds no toy index");
    assertThat(Files.readAllLines(e)).as("only the observed-data line").hasSize(1);
    String s1 = dir.resolve("s1.jsonl").toString();
    json(Cli.run("toys", ws(), "--poi-value", "1", "--ntoys", "3", "--shard", "1/8", "--out", s1, "--json"));
    JsonNode m = json(Cli.run("merge", s1, e.toString(), "--out", dir.resolve("m.jsonl").toString(), "--json"));
    assertThat(m.get("lines_written").asInt()).isEqualTo(3);
  }

  @Test
  void aResumedFileDoesNotCountTheObservedDataLineAsAToy() {
    String f = toys("r.jsonl", "--poi-value", "1", "--seed", "3");
    JsonNode again = json(Cli.run("toys", ws(), "--ntoys", "6", "--threads", "1", "--out", f, "--poi-value", "1", "--seed", "3",
        "--json"));
    assertThat(again.get("resumed_toys").asInt()).as("6 s+b + 6 b toys, not the obs line").isEqualTo(12);
    assertThat(again.get("new_toys").asInt()).isZero();
  }

  @Test
  void toyOptionsWithTheAsymptoticCalculatorAreAWarningAndRefusedUnderStrict() {
    Cli.Run r = Cli.run("hypotest", ws(), "--poi-value", "1", "--ntoys", "100", "--seed", "5", "--json");
    JsonNode j = json(r);
    assertThat(j.get("cls_obs").isNumber()).isTrue();
    assertThat(r.err().strip()).startsWith("warning: --ntoys, --seed have no effect with the asymptotic calculator");
    badInput(Cli.run("hypotest", ws(), "--poi-value", "1", "--seed", "5", "--strict"), "--seed has no effect", "--strict");
  }

  @Test
  void twoDifferentFixValuesForOneParameterAreRefused() {
    badInput(Cli.run("fit", ws(), "--fix", "uncorr_bkguncrt=1", "--fix", "uncorr_bkguncrt=1.2"),
        "--fix uncorr_bkguncrt=1.2", "also fixed by --fix uncorr_bkguncrt=1");
    assertThat(Cli.run("fit", ws(), "--fix", "uncorr_bkguncrt=1", "--fix", "uncorr_bkguncrt=1").exitCode())
        .as("the same value twice is harmless").isZero();
  }

  @Test
  void aPoiThatIsAComponentOfABinWiseParameterIsNamedAsSuch() {
    String two = Shared.workspace("val_2bin_shapesys").toString();
    Cli.Run r = Cli.run("fit", two, "--poi", "uncorr_bkguncrt[0]");
    badInput(r, "'uncorr_bkguncrt[0]' is one component of a bin-wise parameter", "one-component parameters: mu");
    assertThat(r.err()).doesNotContain("no parameter 'uncorr_bkguncrt[0]'");
  }

  /** A one-bin workspace: signal s·mu, background b (with a 10 % normsys when {@code syst}), n observed, POI bounds [lo, hi]. */
  Path oneBin(String name, double s, double b, double n, double lo, double hi, boolean syst) throws IOException {
    String bkgMods = syst ? "[{\"name\":\"bnorm\",\"type\":\"normsys\",\"data\":{\"hi\":1.1,\"lo\":0.9}}]" : "[]";
    String text = """
        {"channels":[{"name":"c","samples":[
          {"name":"signal","data":[%s],"modifiers":[{"name":"mu","type":"normfactor","data":null}]},
          {"name":"background","data":[%s],"modifiers":%s}]}],
         "observations":[{"name":"c","data":[%s]}],
         "measurements":[{"name":"m","config":{"poi":"mu","parameters":[{"name":"mu","bounds":[[%s,%s]]}]}}],
         "version":"1.0.0"}""".formatted(s, b, bkgMods, n, lo, hi);
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** CLs of the deep deficit from log-space tails (mpmath: 0.0086263); the fits' tolerance moves it far less. */
  static final double DEEP_DEFICIT_CLS = 0.0086263;
  static final double DEEP_DEFICIT_TOL = 1e-5;

  @Test
  void aDeepDeficitHasAFiniteClsNotNull() throws IOException {
    Path w = oneBin("deficit.json", 5, 2000, 100, 0, 10, false);
    JsonNode j = json(Cli.run("hypotest", w.toString(), "--poi-value", "1", "--json"));
    assertThat(j.get("cls_obs").isNumber()).as(j.toString()).isTrue();
    assertThat(j.get("cls_obs").asDouble()).isCloseTo(DEEP_DEFICIT_CLS, org.assertj.core.api.Assertions.within(DEEP_DEFICIT_TOL));
    assertThat(j.get("clsb").asDouble()).as("the tail itself underflows").isZero();
  }

  @Test
  void aScanWhoseClsNeverCrossesInsideTheGridIsNotALimit() throws IOException {
    Path w = oneBin("wide.json", 1, 3, 3, 0, 100, false);
    Cli.Run r = Cli.run("limit", w.toString(), "--scan", "0:1:11", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    JsonNode j = Json.parse(r.out(), "stdout");
    assertThat(j.get("converged").asBoolean()).isFalse();
    assertThat(j.get("obs").isNull()).as("no grid end reported as the limit: " + j).isTrue();
    assertThat(r.err()).contains("do not cross 0.05 inside the scanned grid [0.0, 1.0]");
  }

  @Test
  void aGridTooCoarseToBracketTheCrossingIsAWarning() throws IOException {
    Path w = oneBin("steep.json", 10, 3, 3, 0, 100, false);
    Cli.Run r = Cli.run("limit", w.toString(), "--scan", "0:10:2", "--json");
    JsonNode j = json(r);
    assertThat(j.get("message").asText()).contains("too coarse");
    assertThat(r.err()).startsWith("limit for " + w + ": warning: the grid is too coarse");
    assertThat(Cli.run("limit", w.toString(), "--scan", "0:4:81", "--json").err()).as("a fine grid: no warning").isBlank();
  }

  @Test
  void qTildeLimitsBracketFromZeroWithWidePoiBoundsAsInTtzMeasurements() throws IOException {
    // POI bounds [-10, 10] as in combine-converted ATLAS ttZ workspaces: at mu = -10 the expected yield is negative
    Path wide = oneBin("ttz_like.json", 5, 10, 12, -10, 10, true);
    Path usual = oneBin("usual.json", 5, 10, 12, 0, 10, true);
    JsonNode a = json(Cli.run("limit", wide.toString(), "--json"));
    JsonNode b = json(Cli.run("limit", usual.toString(), "--json"));
    assertThat(a.get("converged").asBoolean()).isTrue();
    assertThat(a.get("obs").asDouble()).as("the bracket starts at max(lower bound, 0)")
        .isCloseTo(b.get("obs").asDouble(), org.assertj.core.api.Assertions.within(1e-4 * b.get("obs").asDouble()));
  }

  @Test
  void anEventFileGivenTwiceIsReadOnceWithAWarningAndRefusedUnderStrict() throws IOException {
    Path f = dir.resolve("a.lhe");
    Files.writeString(f, io.sumbin.testsupport.LheText.file(6, io.sumbin.testsupport.LheText.HIGGS, io.sumbin.testsupport.LheText.WEIGHTS));
    Cli.Run once = Cli.run("lhe", "eft", f.toString(), "--json");
    Cli.Run twice = Cli.run("lhe", "eft", f.toString(), dir.resolve("./a.lhe").toString(), "--json");
    assertThat(twice.exitCode()).as(twice.err()).isZero();
    assertThat(twice.err().strip()).startsWith("warning: FILE.lhe.gz: ").contains("is given twice", "read once");
    JsonNode t = json(twice);
    assertThat(t.get("events").asInt()).as("not double-counted").isEqualTo(json(once).get("events").asInt()).isEqualTo(6);
    assertThat(t.get("files")).hasSize(1);
    badInput(Cli.run("lhe", "eft", f.toString(), f.toString(), "--strict"), "is given twice", "--strict");
  }

  @Test
  void aMeasurementFixingAParameterOutsideItsBoundsIsRefusedAsFixIs() throws IOException {
    String text = Files.readString(oneBin("inits.json", 5, 10, 12, 0, 10, false))
        .replace("\"bounds\":[[0.0,10.0]]", "\"bounds\":[[0.0,10.0]],\"fixed\":true,\"inits\":[20.0]");
    Path w = dir.resolve("inits_fixed.json");
    Files.writeString(w, text);
    badInput(Cli.run("fit", w.toString()), "measurements[0].config.parameters[0].inits", "'mu' starts (fixed) at 20, outside its bounds [0, 10]");
    badInput(Cli.run("fit", oneBin("fixcli.json", 5, 10, 12, 0, 10, false).toString(), "--fix", "mu=20"), "outside the bounds [0, 10]");
  }

  @Test
  void zeroBackgroundWithDataSaysTheBackgroundOnlyHypothesisIsImpossible() throws IOException {
    Path w = oneBin("zero_bkg.json", 5, 0, 3, 0, 10, false);
    badInput(Cli.run("hypotest", w.toString(), "--poi-value", "1"),
        "the background-only hypothesis (mu = 0) is impossible", "bin 0 of channel 'c' observes 3 events and expects 0");
    badInput(Cli.run("limit", w.toString()), "the background-only hypothesis (mu = 0) is impossible");
  }

  @Test
  void theScanNotesNanEdgesOnlyWhenAnEdgeIsNan() throws IOException {
    // mu-hat = 4 with sigma about 1.1: every edge of both intervals lies inside [0, 10]
    String w = oneBin("scan.json", 5, 10, 30, 0, 20, false).toString();
    Cli.Run wide = Cli.run("scan", w, "--param", "mu", "--range", "0:10:51");
    assertThat(wide.exitCode()).as(wide.err()).isZero();
    assertThat(wide.out()).contains("95% interval [").doesNotContain("NaN");
    Cli.Run narrow = Cli.run("scan", w, "--param", "mu", "--range", "3.5:4.5:5");
    assertThat(narrow.exitCode()).as(narrow.err()).isZero();
    assertThat(narrow.out()).contains("NaN", "(NaN: beyond the scanned range)");
  }

  @Test
  void aFamilyAsimovTruthOutsideThePoiBoundsIsRefused() {
    Path fam = dir.resolve("fam");
    assertThat(Cli.run("example", "family", "--out", fam.toString(), "--points", "3").exitCode()).isZero();
    String manifest = fam.resolve("family.json").toString();
    for (String sub : new String[] {"scan", "limits"}) {
      badInput(Cli.run("family", sub, manifest, "--asimov", "50"), "--asimov", "the Asimov truth", "= 50.0 is outside the bounds");
    }
    assertThat(Cli.run("family", "scan", manifest, "--asimov", "0.5", "--json").exitCode()).as("inside the bounds").isZero();
  }
}
