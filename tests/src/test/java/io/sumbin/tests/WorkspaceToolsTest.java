package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PyhfDigest;
import io.sumbin.pyhf.WorkspaceIO;
import io.sumbin.pyhf.WorkspaceTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pyhf's workspace tools (issue 11 item 5): digests byte-identical to pyhf's (reference digests
 * computed with CPython's json exactly as pyhf.utils.digest does), prune / rename / combine / sort
 * with pyhf's documented rules and errors, and the CLI commands.
 */
class WorkspaceToolsTest {
  @TempDir Path dir;

  static final Path RES = Path.of("src/test/resources/published");
  static final Path DOCS_DIGEST_RES = Path.of("src/test/resources/digests");

  static List<String> sharedWorkspaces() {
    List<String> names = new ArrayList<>();
    Json.read(DOCS_DIGEST_RES.resolve("digests.json")).get("workspaces").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @ParameterizedTest
  @MethodSource("sharedWorkspaces")
  void digestIsPyhfsOnEverySharedWorkspace(String name) {
    JsonNode ref = Json.read(DOCS_DIGEST_RES.resolve("digests.json")).get("workspaces").get(name);
    JsonNode ws = Json.read(Shared.workspace(name));
    assertThat(PyhfDigest.sha256(ws)).isEqualTo(ref.get("sha256").asText());
    assertThat(PyhfDigest.digest(ws, "md5")).isEqualTo(ref.get("md5").asText());
  }

  @Test
  void digestOfPythonsTrickyCases() {
    JsonNode ref = Json.read(DOCS_DIGEST_RES.resolve("digests.json")).get("tricky");
    JsonNode doc = Json.read(DOCS_DIGEST_RES.resolve("tricky.json"));
    assertThat(PyhfDigest.pythonJson(doc)).isEqualTo(ref.get("python_json").asText());
    assertThat(PyhfDigest.sha256(doc)).isEqualTo(ref.get("sha256").asText());
  }

  @Test
  void digestCommandAsPyhfDocuments() {
    // pyhf's documentation: `pyhf digest 2-bin_1-channel.json` prints this line
    Cli.Run r = Cli.run("digest", Shared.workspace("docs_2bin_1channel").toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().trim()).isEqualTo("sha256:dad8822af55205d60152cbe4303929042dbd9d4839012e055e7c6b6459d68d73");
    Cli.Run j = Cli.run("digest", Shared.workspace("docs_2bin_1channel").toString(), "-a", "sha256", "-a", "md5", "--json");
    assertThat(j.exitCode()).isZero();
    assertThat(Json.parse(j.out(), "stdout").get("md5").asText()).isEqualTo("e719c06a76d4eaed837a9f5bef4e0ed4");
    Cli.Run bad = Cli.run("digest", Shared.workspace("docs_2bin_1channel").toString(), "-a", "nohash");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.errLines()).isEqualTo(1);
  }

  @Test
  void pruneRemovesComponentsAndTheirObservationsAndConfigs() {
    JsonNode ws = Json.read(Shared.workspace("synthetic_5ch_8bin_allmods"));
    List<String> chans = WorkspaceTools.channels(ws);
    String drop = chans.get(0);
    JsonNode out = WorkspaceTools.prune(ws, new WorkspaceTools.Prune(List.of(drop), List.of(), List.of("lumi"), List.of("histosys"), List.of()));
    WorkspaceIO.fromJson(out, "pruned"); // a valid workspace
    assertThat(WorkspaceTools.channels(out)).doesNotContain(drop).hasSize(chans.size() - 1);
    List<String> obsNames = new ArrayList<>();
    out.get("observations").forEach(o -> obsNames.add(o.get("name").asText()));
    assertThat(obsNames).doesNotContain(drop);
    assertThat(WorkspaceTools.modifiers(out)).noneMatch(m -> m[0].equals("lumi") || m[1].equals("histosys"));
    for (JsonNode m : out.get("measurements")) {
      m.get("config").get("parameters").forEach(p -> assertThat(p.get("name").asText()).isNotEqualTo("lumi"));
    }
    assertThatThrownBy(() -> WorkspaceTools.prune(ws, new WorkspaceTools.Prune(List.of("nope"), List.of(), List.of(), List.of(), List.of())))
        .isInstanceOf(WorkspaceTools.InvalidOperation.class).hasMessage("nope is not one of the channels in this workspace.");
    assertThatThrownBy(() -> WorkspaceTools.prune(ws, new WorkspaceTools.Prune(List.of(), List.of(), List.of(), List.of(), List.of("m9"))))
        .hasMessage("m9 is not one of the measurements in this workspace.");
  }

  @Test
  void renameRenamesEverywhereIncludingThePoi() {
    JsonNode ws = Json.read(Shared.workspace("docs_2bin_1channel"));
    JsonNode out = WorkspaceTools.rename(ws, new WorkspaceTools.Rename(Map.of("singlechannel", "SR"), Map.of("signal", "sig"),
        Map.of("mu", "mu_SIG"), Map.of()));
    WorkspaceIO.fromJson(out, "renamed");
    assertThat(WorkspaceTools.channels(out)).containsExactly("SR");
    assertThat(out.get("observations").get(0).get("name").asText()).isEqualTo("SR");
    assertThat(WorkspaceTools.samples(out)).containsExactly("background", "sig");
    assertThat(out.get("measurements").get(0).get("config").get("poi").asText()).isEqualTo("mu_SIG");
    assertThatThrownBy(() -> WorkspaceTools.rename(ws, new WorkspaceTools.Rename(Map.of(), Map.of("nope", "x"), Map.of(), Map.of())))
        .hasMessage("nope is not one of the samples in this workspace.");
  }

  @Test
  void combineJoinModes() {
    JsonNode a = Json.read(Shared.workspace("docs_2bin_1channel"));
    JsonNode b = WorkspaceTools.rename(a, new WorkspaceTools.Rename(Map.of("singlechannel", "other"), Map.of(),
        Map.of("uncorr_bkguncrt", "uncorr_other"), Map.of("Measurement", "M2")));
    JsonNode both = WorkspaceTools.combine(a, b, "none", false);
    WorkspaceIO.fromJson(both, "combined");
    assertThat(WorkspaceTools.channels(both)).containsExactly("other", "singlechannel");
    // join none refuses common names; outer keeps identical items once
    assertThatThrownBy(() -> WorkspaceTools.combine(a, a, "none", false))
        .hasMessageStartingWith("Workspaces cannot have any channels in common with the same name: [singlechannel]");
    JsonNode self = WorkspaceTools.combine(a, a, "outer", false);
    assertThat(self.get("channels")).hasSize(1);
    assertThat(self.get("measurements")).hasSize(1);
    // outer refuses a common channel with different content; left/right outer keep that side's
    ObjectNode a2 = a.deepCopy();
    ((ObjectNode) a2.get("channels").get(0).get("samples").get(0)).putArray("data").add(6.0).add(11.0);
    assertThatThrownBy(() -> WorkspaceTools.combine(a, a2, "outer", false))
        .hasMessageStartingWith("Workspaces cannot have channels in common with incompatible structure: [singlechannel]");
    assertThat(WorkspaceTools.combine(a, a2, "left outer", false).get("channels").get(0)).isEqualTo(a.get("channels").get(0));
    assertThat(WorkspaceTools.combine(a, a2, "right outer", false).get("channels").get(0)).isEqualTo(a2.get("channels").get(0));
    assertThatThrownBy(() -> WorkspaceTools.combine(a, a, "inner", false)).isInstanceOf(WorkspaceTools.InvalidOperation.class);
  }

  @Test
  void sortOrdersByNameAndTypeAndIsIdempotent() {
    JsonNode ws = Json.read(Shared.workspace("synthetic_5ch_8bin_allmods"));
    JsonNode s = WorkspaceTools.sorted(ws);
    List<String> chans = new ArrayList<>();
    s.get("channels").forEach(c -> chans.add(c.get("name").asText()));
    assertThat(chans).isSorted().hasSize(5);
    for (JsonNode c : s.get("channels")) {
      List<String> names = new ArrayList<>();
      c.get("samples").forEach(x -> names.add(x.get("name").asText()));
      assertThat(names).isSorted();
      for (JsonNode x : c.get("samples")) {
        List<String> keys = new ArrayList<>();
        x.get("modifiers").forEach(m -> keys.add(m.get("name").asText() + "\u0000" + m.get("type").asText()));
        assertThat(keys).isSorted();
      }
    }
    assertThat(WorkspaceTools.sorted(s)).isEqualTo(s);
    assertThat(PyhfDigest.sha256(WorkspaceTools.sorted(ws))).isEqualTo(PyhfDigest.sha256(s));
  }

  @Test
  void cliToolsWriteValidWorkspacesAndRefuseBadNames() throws Exception {
    Path ws = Shared.workspace("synthetic_5ch_8bin_allmods");
    Path out = dir.resolve("pruned.json");
    Cli.Run r = Cli.run("prune", ws.toString(), "-t", "histosys", "--output-file", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(WorkspaceTools.modifiers(Json.read(out))).noneMatch(m -> m[1].equals("histosys"));
    assertThat(Files.readString(out)).startsWith("{\n    \"channels\": [");
    Cli.Run bad = Cli.run("prune", ws.toString(), "-c", "NOPE", "--output-file", dir.resolve("x.json").toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("NOPE is not one of the channels in this workspace.");
    assertThat(dir.resolve("x.json")).doesNotExist();
    Cli.Run ren = Cli.run("rename", Shared.workspace("docs_2bin_1channel").toString(), "-m", "mu", "mu_SIG", "-c", "singlechannel", "SR");
    assertThat(ren.exitCode()).isZero();
    assertThat(Json.parse(ren.out(), "stdout").get("measurements").get(0).get("config").get("poi").asText()).isEqualTo("mu_SIG");
    Cli.Run comb = Cli.run("combine", ws.toString(), ws.toString(), "--join", "outer");
    assertThat(comb.exitCode()).isZero();
    assertThat(Json.parse(comb.out(), "stdout").get("channels")).isEqualTo(Json.read(ws).get("channels"));
    Cli.Run clash = Cli.run("combine", ws.toString(), ws.toString());
    assertThat(clash.exitCode()).isEqualTo(2);
    assertThat(clash.errLines()).isEqualTo(1);
    Cli.Run sort = Cli.run("sort", ws.toString());
    assertThat(sort.exitCode()).isZero();
    assertThat(Json.parse(sort.out(), "stdout")).isEqualTo(WorkspaceTools.sorted(Json.read(ws)));
  }

  @Test
  void inspectAsPyhfDocumentsIt() {
    Cli.Run r = Cli.run("inspect", Shared.workspace("docs_2bin_1channel").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // pyhf's documented output for 2-bin_1-channel.json
    assertThat(r.out()).contains(
        "          Summary     ",
        "       channels  1\n",
        "        samples  2\n",
        "     parameters  2\n",
        "      modifiers  2\n",
        "       channels  nbins\n",
        "     ----------  -----\n",
        "  singlechannel    2  \n",
        "             mu  unconstrained           normfactor\n",
        "uncorr_bkguncrt  constrained_by_poisson  shapesys\n",
        "(*) Measurement            mu            (none)\n");
    Cli.Run j = Cli.run("inspect", Shared.workspace("docs_2bin_1channel").toString(), "--json");
    JsonNode o = Json.parse(j.out(), "stdout");
    assertThat(o.get("channels").get(0).get(1).asInt()).isEqualTo(2);
    assertThat(o.get("parameters").get(1).get(1).asText()).isEqualTo("constrained_by_poisson");
  }
}
