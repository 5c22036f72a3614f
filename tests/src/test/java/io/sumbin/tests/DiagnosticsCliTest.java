package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnostics commands of issue 21 (pulls, impacts, postfit, gof, intervals, compatibility,
 * fit --correlations, limit --calc toys): their JSON contracts, their files, and bad options refused
 * with exit 2 and nothing written.
 */
class DiagnosticsCliTest {
  @TempDir Path dir;

  static String ws(String name) {
    return Shared.workspace(name).toString();
  }

  static JsonNode json(Cli.Run r) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    return Json.parse(r.out(), "stdout");
  }

  @Test
  void fitJsonCarriesCovarianceAndCorrelation() {
    JsonNode j = json(Cli.run("fit", ws("docs_2bin_1channel"), "--json"));
    assertThat(j.get("covariance").size()).isEqualTo(3);
    assertThat(j.get("correlation").get(1).get(1).asDouble()).isEqualTo(1.0);
    double s1 = j.get("uncertainties").get(1).asDouble();
    assertThat(j.get("covariance").get(1).get(1).asDouble()).isCloseTo(s1 * s1, org.assertj.core.api.Assertions.within(1e-12));
    Cli.Run text = Cli.run("fit", ws("synthetic_5ch_8bin_allmods"), "--correlations", "--corr-threshold", "0.6",
        "--corr-plot", dir.resolve("corr.png").toString());
    assertThat(text.exitCode()).as(text.err()).isEqualTo(0);
    assertThat(text.out()).contains("correlations with |ρ| ≥ 0.6").contains("sf_wjets[5], sf_wjets[7]");
    assertThat(dir.resolve("corr.png")).isNotEmptyFile();
  }

  @Test
  void impactsPullsIntervalsCompatibilityAndGofPrintTheirContracts() {
    JsonNode im = json(Cli.run("impacts", ws("val_2ch_2bin_shapesys"), "--json", "--threads", "2",
        "--plot", dir.resolve("ranking.png").toString()));
    assertThat(im.get("poi").asText()).isEqualTo("mu");
    assertThat(im.get("impacts").size()).isEqualTo(4);
    JsonNode first = im.get("impacts").get(0);
    for (String k : new String[] {"parameter", "pull", "constraint", "postfit_up", "postfit_down", "prefit_up", "prefit_down"}) {
      assertThat(first.has(k)).as(k).isTrue();
    }
    assertThat(dir.resolve("ranking.png")).isNotEmptyFile();

    JsonNode pu = json(Cli.run("pulls", ws("val_2ch_2bin_shapesys"), "--json", "--plot", dir.resolve("pulls.png").toString()));
    assertThat(pu.get("groups").get("shapesys").size()).isEqualTo(4);
    assertThat(dir.resolve("pulls.png")).isNotEmptyFile();

    JsonNode iv = json(Cli.run("intervals", ws("docs_2bin_1channel"), "--json"));
    assertThat(iv.get("intervals").get(0).get("parameter").asText()).isEqualTo("mu");
    assertThat(iv.get("intervals").get(0).get("interval_68").get(0).isNull()).as("mu's lower end is its bound").isTrue();

    JsonNode cc = json(Cli.run("compatibility", ws("bp_meff_ttbar_cr_sr_vr"), "--json"));
    assertThat(cc.get("channels").size()).isEqualTo(3);
    assertThat(cc.get("dof").asInt()).isEqualTo(2);
    assertThat(cc.get("p_value").asDouble()).isBetween(0.0, 1.0);

    JsonNode g = json(Cli.run("gof", ws("docs_2bin_1channel"), "--ntoys", "50", "--seed", "3", "--json"));
    assertThat(g.get("ntoys").asInt()).isEqualTo(50);
    assertThat(g.get("bins").asInt()).isEqualTo(2);
    assertThat(g.has("q_saturated") && g.has("p_value") && g.has("p_value_error")).isTrue();
  }

  @Test
  void postfitWritesOnePlotPerChannelAndTheTables() throws Exception {
    Path out = dir.resolve("post");
    JsonNode p = json(Cli.run("postfit", ws("val_2ch_2bin_shapesys"), "--out", out.toString(), "--json"));
    JsonNode ch = p.get("channels").get(0);
    for (String k : new String[] {"name", "data", "total", "total_uncertainty", "samples"}) {
      assertThat(ch.has(k)).as(k).isTrue();
    }
    assertThat(ch.get("samples").get(0).has("yields")).isTrue();
    try (var files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).count())
          .isEqualTo(p.get("channels").size());
    }
    assertThat(Files.readString(out.resolve("yields.md"))).contains("| **total** |");
    assertThat(Files.readString(out.resolve("yields.tex"))).contains("\\begin{tabular}");
    assertThat(Json.read(out.resolve("yields.json")).get("prefit").asBoolean()).isFalse();
    JsonNode pre = json(Cli.run("postfit", ws("val_2ch_2bin_shapesys"), "--prefit", "--json"));
    assertThat(pre.get("prefit").asBoolean()).isTrue();
  }

  @Test
  void toyLimitReportsEveryPointWithItsError() {
    JsonNode l = json(Cli.run("limit", ws("docs_2bin_1channel"), "--calc", "toys", "--cls-error", "0.03", "--ntoys", "200",
        "--threads", "2", "--json"));
    assertThat(l.get("method").asText()).isEqualTo("toys");
    assertThat(l.get("obs").asDouble()).isBetween(1.5, 3.0);
    assertThat(l.get("obs_error").asDouble()).isPositive();
    for (JsonNode pt : l.get("points")) {
      assertThat(pt.get("cls_obs_error").asDouble()).isPositive();
      assertThat(pt.get("ntoys_sb").asInt()).isGreaterThanOrEqualTo(200);
    }
  }

  @Test
  void badOptionsExitTwoAndWriteNothing() throws Exception {
    // a private copy: the output-onto-input cases must never be able to touch the shared workspaces
    Path copy = dir.resolve("ws.json");
    Files.copy(Shared.workspace("docs_2bin_1channel"), copy);
    byte[] before = Files.readAllBytes(copy);
    String w = copy.toString();
    Path png = dir.resolve("x.png");
    String[][] bad = {
      {"gof", w, "--ntoys", "-1"},
      {"gof", w, "--ntoys", "20000000"},
      {"limit", w, "--calc", "toys", "--cls-error", "1.5"},
      {"limit", w, "--calc", "toys", "--cls-error", "nan"},
      {"limit", w, "--calc", "toys", "--ntoys", "1000", "--max-toys", "10"},
      {"limit", w, "--calc", "toys", "--scan", "0:3:7"},
      {"fit", w, "--corr-threshold", "2"},
      {"impacts", w, "--top", "0"},
      {"impacts", w, "--poi", "none"},
      {"impacts", w, "--fix", "mu=1", "--plot", png.toString()},
      {"intervals", w, "--all", "--param", "mu"},
      {"intervals", w, "--param", "nope"},
      {"pulls", w, "--plot", w},
      {"impacts", w, "--plot", w},
      {"fit", w, "--corr-plot", w},
      {"limit", w, "--plot", w},
      {"postfit", w, "--out", w},
      {"compatibility", w},
    };
    for (String[] args : bad) {
      Cli.Run r = Cli.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(String.join(" ", args) + ": one line").isEqualTo(1);
    }
    assertThat(png).doesNotExist();
    assertThat(Files.readAllBytes(copy)).as("the input is untouched").isEqualTo(before);
  }
}
