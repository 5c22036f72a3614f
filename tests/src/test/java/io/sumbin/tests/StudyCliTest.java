package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.sumbin.eft.study.StudyDefinition;
import io.sumbin.pyhf.Json;
import io.sumbin.testsupport.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 7, item 5: {@code sumbin study}, its shards and {@code sumbin merge} of the pieces; bad study files. */
class StudyCliTest {
  /** A small but complete grid on the quadratic toy (24 cells, well under a second). */
  static final String SMALL = """
      {
        "name": "small",
        "source": {"type": "quadratic-toy", "events": 1500, "seed": 4, "cross_section": 1000},
        "truth": 0.5,
        "scan": {"points": 17},
        "grid": {
          "observable": ["optimal", "u"],
          "strategy": ["uniform", {"type": "min-mcstat", "threshold": 0.08}],
          "bins": [2, 4, 8],
          "luminosity": [1, 10],
          "mcstat": false
        }
      }
      """;

  static Path write(Path dir, String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** study.json without what may differ between runs: the run object and the rows' wall times. */
  static String reproducible(Path studyJson) {
    JsonNode j = Json.read(studyJson);
    ((ObjectNode) j).remove("run");
    for (JsonNode row : j.get("rows")) {
      ((ObjectNode) row).remove("wall_seconds");
      ((ObjectNode) row).remove("check"); // covers the wall time
    }
    return Json.pretty(j);
  }

  /** study.csv without its last column (wall_seconds). */
  static String reproducibleCsv(Path csv) throws Exception {
    return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.joining("\n"));
  }

  @Test
  void shardsMergeIntoTheUnshardedRun(@TempDir Path dir) throws Exception {
    Path study = write(dir, "small.json", SMALL);
    // progress from the first cell on (a short run is otherwise silent when stderr is not a terminal)
    Cli.Run full = Cli.run("study", study.toString(), "--threads", "2", "--json", "--progress-after", "0");
    assertThat(full.exitCode()).as(full.err()).isEqualTo(0);
    JsonNode summary = Json.parse(full.out(), "stdout");
    assertThat(summary.get("cells").asInt()).as("summary.get(\"cells\").asInt()").isEqualTo(24);
    assertThat(summary.get("cells_run").asInt()).as("summary.get(\"cells_run\").asInt()").isEqualTo(24);
    assertThat(summary.get("converged").asBoolean()).as("summary.get(\"converged\").asBoolean()").isTrue();
    assertThat(summary.get("shard").isNull()).as("summary.get(\"shard\").isNull()").isTrue();
    assertThat(summary.get("best").size()).as("summary.get(\"best\").size()").isEqualTo(2);
    // default output directory: <name>-results beside the study file; progress bar on stderr
    Path out = dir.resolve("small-results");
    assertThat(summary.get("out").asText()).as("summary.get(\"out\").asText()").isEqualTo(out.toString());
    assertThat(full.err()).as(full.err()).contains(" 24/24 cells in ").doesNotContain("\r");
    for (String f : List.of("study.json", "study.csv", "width68_vs_bins_L1.png", "width68_vs_bins_L10.png",
        "width68_vs_luminosity_2bins.png", "width68_vs_luminosity_8bins.png")) {
      assertThat(Files.size(out.resolve(f))).as(f).isGreaterThan(0);
    }
    Path pieces = dir.resolve("pieces");
    for (int k = 1; k <= 3; k++) {
      Cli.Run r = Cli.run("study", study.toString(), "--shard", k + "/3", "--out", pieces.toString(), "--threads", "1", "--quiet", "--json");
      assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
      JsonNode s = Json.parse(r.out(), "stdout");
      assertThat(s.get("cells_run").asInt()).as("s.get(\"cells_run\").asInt()").isEqualTo(8);
      assertThat(s.get("shard").asText()).as("s.get(\"shard\").asText()").isEqualTo(k + "/3");
      assertThat(Files.exists(pieces.resolve("study-" + k + "-of-3.json")))
          .as("Files.exists(pieces.resolve(\"study-\" + k + \"-of-3.json\"))")
          .isTrue();
      assertThat(Files.exists(pieces.resolve("study-" + k + "-of-3.csv")))
          .as("Files.exists(pieces.resolve(\"study-\" + k + \"-of-3.csv\"))")
          .isTrue();
    }
    assertThat(Files.exists(pieces.resolve("study.json"))).as("a shard writes only its piece").isFalse();
    Path merged = dir.resolve("merged");
    // order of the pieces does not matter
    Cli.Run m = Cli.run("merge", pieces.resolve("study-3-of-3.json").toString(), pieces.resolve("study-1-of-3.json").toString(),
        pieces.resolve("study-2-of-3.json").toString(), "--out", merged.toString(), "--json");
    assertThat(m.exitCode()).as(m.err()).isEqualTo(0);
    JsonNode ms = Json.parse(m.out(), "stdout");
    assertThat(ms.get("cells_run").asInt()).as("ms.get(\"cells_run\").asInt()").isEqualTo(24);
    assertThat(ms.get("digest")).as("ms.get(\"digest\")").isEqualTo(summary.get("digest"));
    assertThat(ms.get("best")).as("ms.get(\"best\")").isEqualTo(summary.get("best"));
    assertThat(reproducible(merged.resolve("study.json")))
        .as("reproducible(merged.resolve(\"study.json\"))")
        .isEqualTo(reproducible(out.resolve("study.json")));
    assertThat(reproducibleCsv(merged.resolve("study.csv")))
        .as("reproducibleCsv(merged.resolve(\"study.csv\"))")
        .isEqualTo(reproducibleCsv(out.resolve("study.csv")));
    assertThat(Files.size(merged.resolve("width68_vs_bins_L10.png")))
        .as("Files.size(merged.resolve(\"width68_vs_bins_L10.png\")) > 0")
        .isGreaterThan(0);
    JsonNode mj = Json.read(merged.resolve("study.json"));
    assertThat(mj.get("run").get("merged_from").size()).as("mj.get(\"run\").get(\"merged_from\").size()").isEqualTo(3);
    assertThat(mj.has("shard")).as("mj.has(\"shard\")").isFalse();

    // a missing shard, a shard given twice, a piece of another study, a toy file among pieces
    Cli.Run missing = Cli.run("merge", pieces.resolve("study-1-of-3.json").toString(), pieces.resolve("study-3-of-3.json").toString(),
        "--out", dir.resolve("x").toString());
    assertThat(missing.exitCode()).as("missing.exitCode()").isEqualTo(2);
    assertThat(missing.errLines()).as(missing.err()).isEqualTo(1);
    assertThat(missing.err()).as(missing.err()).contains("missing 2/3");
    Cli.Run twice = Cli.run("merge", pieces.resolve("study-1-of-3.json").toString(), pieces.resolve("study-1-of-3.json").toString(),
        "--out", dir.resolve("x").toString());
    assertThat(twice.exitCode()).as("twice.exitCode()").isEqualTo(2);
    assertThat(twice.err()).as(twice.err()).contains("also given");
    Path other = write(dir, "other.json", SMALL.replace("\"seed\": 4", "\"seed\": 5"));
    Cli.Run o = Cli.run("study", other.toString(), "--shard", "2/3", "--out", dir.resolve("other").toString(), "--quiet");
    assertThat(o.exitCode()).as(o.err()).isEqualTo(0);
    Cli.Run mixed = Cli.run("merge", pieces.resolve("study-1-of-3.json").toString(), dir.resolve("other/study-2-of-3.json").toString(),
        pieces.resolve("study-3-of-3.json").toString(), "--out", dir.resolve("x").toString());
    assertThat(mixed.exitCode()).as("mixed.exitCode()").isEqualTo(2);
    assertThat(mixed.errLines()).as(mixed.err()).isEqualTo(1);
    assertThat(mixed.err()).as(mixed.err()).startsWith(dir.resolve("other/study-2-of-3.json") + ": digest: ");
    assertThat(mixed.err()).as(mixed.err()).contains("different studies");
    Path toy = write(dir, "toys.jsonl", "{\"hypothesis\": \"obs\"}\n");
    Cli.Run toyMix = Cli.run("merge", pieces.resolve("study-1-of-3.json").toString(), toy.toString(), "--out", dir.resolve("x").toString());
    assertThat(toyMix.exitCode()).as("toyMix.exitCode()").isEqualTo(2);
    assertThat(toyMix.err()).as(toyMix.err()).contains("not a study piece");
    assertThat(Files.exists(dir.resolve("x"))).as("nothing written on bad input").isFalse();
  }

  @Test
  void textOutputNamesTheNarrowestCells(@TempDir Path dir) throws Exception {
    Path study = write(dir, "small.json", SMALL);
    Cli.Run r = Cli.run("study", study.toString(), "--out", dir.resolve("o").toString(), "--quiet");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.err()).as("r.err()").isEqualTo("");
    assertThat(r.out()).as(r.out()).startsWith("study small (digest ");
    assertThat(r.out()).as(r.out()).contains("narrowest expected 68% interval of theta");
    assertThat(r.out()).as(r.out()).contains("study.csv");
  }

  static Stream<Arguments> badStudies() {
    String grid = "\"grid\": {\"observable\": \"u\", \"strategy\": \"quantile\", \"bins\": [4], \"luminosity\": [1]}";
    String toy = "\"source\": {\"type\": \"quadratic-toy\", \"events\": 100}";
    return Stream.of(
        Arguments.of("{" + grid + "}", "source: missing (required)"),
        Arguments.of("{\"source\": {\"type\": \"toy\"}, " + grid + "}", "source.type: must be one of \"quadratic-toy\", \"lhe\", got \"toy\""),
        Arguments.of("{" + toy + ", \"grids\": {}, " + grid + "}", "grids: unknown field"),
        Arguments.of("{" + toy + ", \"grid\": {\"observable\": \"u\", \"strategy\": \"quantile\", \"bins\": [4, 0], \"luminosity\": [1]}}",
            "grid.bins[1]: must be an integer in 1..10000, got 0"),
        Arguments.of("{" + toy + ", \"grid\": {\"observable\": \"u\", \"strategy\": [\"quantile\", {\"type\": \"min-mcstat\"}], \"bins\": [4], \"luminosity\": [1]}}",
            "grid.strategy[1].threshold: missing (required)"),
        Arguments.of("{" + toy + ", \"grid\": {\"observable\": [\"u\", \"m_jj\"], \"strategy\": \"quantile\", \"bins\": [4], \"luminosity\": [1]}}",
            "grid.observable[1]: the quadratic toy has the observables \"optimal\" and \"u\""),
        Arguments.of("{" + toy + ", \"grid\": {\"observable\": [{\"name\": \"optimal\", \"range\": [0, 1]}], \"strategy\": \"quantile\", \"bins\": [4], \"luminosity\": [1]}}",
            "grid.observable[0].range: "),
        Arguments.of("{" + toy + ", \"grid\": {\"observable\": \"u\", \"strategy\": \"quantile\", \"bins\": [4], \"luminosity\": [1, -2]}}",
            "grid.luminosity[1]: must be > 0, got -2"),
        Arguments.of("{" + toy + ", \"grid\": {\"observable\": \"u\", \"strategy\": \"quantile\", \"bins\": [4, 4], \"luminosity\": [1]}}",
            "grid.bins[1]: duplicate value 4"),
        Arguments.of("{" + toy + ", \"truth\": 2, \"scan\": {\"range\": [-1, 1]}, " + grid + "}", "scan.range: the fixed range [-1.0, 1.0] must contain the truth 2.0"),
        Arguments.of("{\"source\": {\"type\": \"lhe\", \"files\": [\"nowhere.lhe.gz\"], \"coefficient\": \"cHW\"}, " + grid + "}",
            "source.files[0]: no such file: "),
        Arguments.of("{" + toy + ",\n  " + grid + ",\n}", "line 3, column 1: malformed JSON"));
  }

  @ParameterizedTest
  @MethodSource("badStudies")
  void badStudyFilesExitWithTwoAndOneLineNamingTheJsonPath(String text, String expected, @TempDir Path dir) throws Exception {
    Path f = write(dir, "bad.json", text);
    Cli.Run r = Cli.run("study", f.toString(), "--out", dir.resolve("out").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).isEqualTo(1);
    assertThat(r.err())
        .as("expected '" + f + ": " + expected + "...', got: " + r.err())
        .startsWith(f + ": " + expected);
    assertThat(Files.exists(dir.resolve("out"))).as("nothing written on bad input").isFalse();
    assertThat(r.out()).as("r.out()").isEqualTo("");
  }

  /** Errors that need the events: a coefficient or an observable the LHE files do not have. */
  @Test
  void unknownCoefficientOrColumnOfLheFiles(@TempDir Path dir) throws Exception {
    Path lhe = SharedData.lhe("smeftsim_VBFH-1.lhe.gz").toAbsolutePath();
    String src = "\"source\": {\"type\": \"lhe\", \"files\": [\"" + lhe + "\"], \"coefficient\": \"%s\"}";
    Path f = write(dir, "c.json", "{" + src.formatted("cXYZ") + ", \"grid\": {\"observable\": \"m_jj\", \"strategy\": \"quantile\", \"bins\": 4, \"luminosity\": 300}}");
    Cli.Run r = Cli.run("study", f.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).as(r.err()).startsWith(f + ": source.coefficient: no coefficient \"cXYZ\"");
    Path g = write(dir, "g.json", "{" + src.formatted("cHW") + ", \"grid\": {\"observable\": [\"optimal\", \"mjj\"], \"strategy\": \"quantile\", \"bins\": 4, \"luminosity\": 300}}");
    Cli.Run s = Cli.run("study", g.toString());
    assertThat(s.exitCode()).as(s.err()).isEqualTo(2);
    assertThat(s.errLines()).as(s.err()).isEqualTo(1);
    assertThat(s.err()).as(s.err()).startsWith(g + ": grid.observable[1]: no event column \"mjj\"");
  }

  static JsonSchema schema() throws Exception {
    try (InputStream in = StudyDefinition.class.getResourceAsStream(StudyDefinition.SCHEMA_RESOURCE)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  /** The shipped studies parse, validate against the documented schema and name existing files. */
  @Test
  void shippedStudiesAreValid() throws Exception {
    JsonSchema schema = schema();
    Path studies = ShippedExamplesTest.project().resolve("examples/studies");
    for (String name : List.of("quadratic-binning.json", "vbf-binning.json")) {
      Path f = studies.resolve(name);
      JsonNode j = Json.read(f);
      Set<ValidationMessage> problems = schema.validate(j);
      assertThat(problems).as(name + ": " + problems).isEmpty();
      if (name.startsWith("vbf")) {
        SharedData.require("data/lhe");
      }
      StudyDefinition d = StudyDefinition.read(f);
      assertThat(d.name()).as("d.name()").isEqualTo(name.replace(".json", ""));
      assertThat(d.grid().size()).as(name + ": a realistic grid").isGreaterThan(100);
    }
    // the schema rejects what sumbin rejects
    for (Arguments a : badStudies().toList()) {
      String text = (String) a.get()[0];
      if (text.contains("nowhere") || text.contains("[4, 4]") || text.contains("\"m_jj\"") || text.contains("[-1, 1]") || text.contains("\"optimal\", \"range\"")
          || text.endsWith(",\n}")) {
        continue; // checks beyond the schema: files, duplicates, observables of the source, truth in range, JSON syntax
      }
      assertThat(schema.validate(Json.parse(text, "test"))).as(text).isNotEmpty();
    }
  }
}
