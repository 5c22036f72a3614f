package io.sumbin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.sumbin.examples.studies.StudyDefinition;
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
    Cli.Run full = Cli.run("study", study.toString(), "--threads", "2", "--json");
    assertEquals(0, full.exitCode(), full.err());
    JsonNode summary = Json.parse(full.out(), "stdout");
    assertEquals(24, summary.get("cells").asInt());
    assertEquals(24, summary.get("cells_run").asInt());
    assertTrue(summary.get("converged").asBoolean());
    assertTrue(summary.get("shard").isNull());
    assertEquals(2, summary.get("best").size());
    // default output directory: <name>-results beside the study file; progress bar on stderr
    Path out = dir.resolve("small-results");
    assertEquals(out.toString(), summary.get("out").asText());
    assertTrue(full.err().contains("24/24"), full.err());
    for (String f : List.of("study.json", "study.csv", "width68_vs_bins_L1.png", "width68_vs_bins_L10.png",
        "width68_vs_luminosity_2bins.png", "width68_vs_luminosity_8bins.png")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    Path pieces = dir.resolve("pieces");
    for (int k = 1; k <= 3; k++) {
      Cli.Run r = Cli.run("study", study.toString(), "--shard", k + "/3", "--out", pieces.toString(), "--threads", "1", "--quiet", "--json");
      assertEquals(0, r.exitCode(), r.err());
      JsonNode s = Json.parse(r.out(), "stdout");
      assertEquals(8, s.get("cells_run").asInt());
      assertEquals(k + "/3", s.get("shard").asText());
      assertTrue(Files.exists(pieces.resolve("study-" + k + "-of-3.json")));
      assertTrue(Files.exists(pieces.resolve("study-" + k + "-of-3.csv")));
    }
    assertFalse(Files.exists(pieces.resolve("study.json")), "a shard writes only its piece");
    Path merged = dir.resolve("merged");
    // order of the pieces does not matter
    Cli.Run m = Cli.run("merge", pieces.resolve("study-3-of-3.json").toString(), pieces.resolve("study-1-of-3.json").toString(),
        pieces.resolve("study-2-of-3.json").toString(), "--out", merged.toString(), "--json");
    assertEquals(0, m.exitCode(), m.err());
    JsonNode ms = Json.parse(m.out(), "stdout");
    assertEquals(24, ms.get("cells_run").asInt());
    assertEquals(summary.get("digest"), ms.get("digest"));
    assertEquals(summary.get("best"), ms.get("best"));
    assertEquals(reproducible(out.resolve("study.json")), reproducible(merged.resolve("study.json")));
    assertEquals(reproducibleCsv(out.resolve("study.csv")), reproducibleCsv(merged.resolve("study.csv")));
    assertTrue(Files.size(merged.resolve("width68_vs_bins_L10.png")) > 0);
    JsonNode mj = Json.read(merged.resolve("study.json"));
    assertEquals(3, mj.get("run").get("merged_from").size());
    assertFalse(mj.has("shard"));

    // a missing shard, a shard given twice, a piece of another study, a toy file among pieces
    Cli.Run missing = Cli.run("merge", pieces.resolve("study-1-of-3.json").toString(), pieces.resolve("study-3-of-3.json").toString(),
        "--out", dir.resolve("x").toString());
    assertEquals(2, missing.exitCode());
    assertEquals(1, missing.errLines(), missing.err());
    assertTrue(missing.err().contains("missing 2/3"), missing.err());
    Cli.Run twice = Cli.run("merge", pieces.resolve("study-1-of-3.json").toString(), pieces.resolve("study-1-of-3.json").toString(),
        "--out", dir.resolve("x").toString());
    assertEquals(2, twice.exitCode());
    assertTrue(twice.err().contains("also given"), twice.err());
    Path other = write(dir, "other.json", SMALL.replace("\"seed\": 4", "\"seed\": 5"));
    Cli.Run o = Cli.run("study", other.toString(), "--shard", "2/3", "--out", dir.resolve("other").toString(), "--quiet");
    assertEquals(0, o.exitCode(), o.err());
    Cli.Run mixed = Cli.run("merge", pieces.resolve("study-1-of-3.json").toString(), dir.resolve("other/study-2-of-3.json").toString(),
        pieces.resolve("study-3-of-3.json").toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, mixed.exitCode());
    assertEquals(1, mixed.errLines(), mixed.err());
    assertTrue(mixed.err().startsWith(dir.resolve("other/study-2-of-3.json") + ": digest: "), mixed.err());
    assertTrue(mixed.err().contains("different studies"), mixed.err());
    Path toy = write(dir, "toys.jsonl", "{\"hypothesis\": \"obs\"}\n");
    Cli.Run toyMix = Cli.run("merge", pieces.resolve("study-1-of-3.json").toString(), toy.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, toyMix.exitCode());
    assertTrue(toyMix.err().contains("not a study piece"), toyMix.err());
    assertFalse(Files.exists(dir.resolve("x")), "nothing written on bad input");
  }

  @Test
  void textOutputNamesTheNarrowestCells(@TempDir Path dir) throws Exception {
    Path study = write(dir, "small.json", SMALL);
    Cli.Run r = Cli.run("study", study.toString(), "--out", dir.resolve("o").toString(), "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("study small (digest "), r.out());
    assertTrue(r.out().contains("narrowest expected 68% interval of theta"), r.out());
    assertTrue(r.out().contains("study.csv"), r.out());
  }

  static Stream<Arguments> badStudies() {
    String grid = "\"grid\": {\"observable\": \"u\", \"strategy\": \"quantile\", \"bins\": [4], \"luminosity\": [1]}";
    String toy = "\"source\": {\"type\": \"quadratic-toy\", \"events\": 100}";
    return Stream.of(
        Arguments.of("{" + grid + "}", "source: missing (required)"),
        Arguments.of("{\"source\": {\"type\": \"toy\"}, " + grid + "}", "source.type: unknown source type \"toy\""),
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
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.errLines(), r.err());
    assertTrue(r.err().startsWith(f + ": " + expected), "expected '" + f + ": " + expected + "...', got: " + r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written on bad input");
    assertEquals("", r.out());
  }

  /** Errors that need the events: a coefficient or an observable the LHE files do not have. */
  @Test
  void unknownCoefficientOrColumnOfLheFiles(@TempDir Path dir) throws Exception {
    Path lhe = SharedData.lhe("smeftsim_VBFH-1.lhe.gz").toAbsolutePath();
    String src = "\"source\": {\"type\": \"lhe\", \"files\": [\"" + lhe + "\"], \"coefficient\": \"%s\"}";
    Path f = write(dir, "c.json", "{" + src.formatted("cXYZ") + ", \"grid\": {\"observable\": \"m_jj\", \"strategy\": \"quantile\", \"bins\": 4, \"luminosity\": 300}}");
    Cli.Run r = Cli.run("study", f.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.errLines(), r.err());
    assertTrue(r.err().startsWith(f + ": source.coefficient: no coefficient \"cXYZ\""), r.err());
    Path g = write(dir, "g.json", "{" + src.formatted("cHW") + ", \"grid\": {\"observable\": [\"optimal\", \"mjj\"], \"strategy\": \"quantile\", \"bins\": 4, \"luminosity\": 300}}");
    Cli.Run s = Cli.run("study", g.toString());
    assertEquals(2, s.exitCode(), s.err());
    assertEquals(1, s.errLines(), s.err());
    assertTrue(s.err().startsWith(g + ": grid.observable[1]: no event column \"mjj\""), s.err());
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
      assertTrue(problems.isEmpty(), name + ": " + problems);
      if (name.startsWith("vbf")) {
        SharedData.require("data/lhe");
      }
      StudyDefinition d = StudyDefinition.read(f);
      assertEquals(name.replace(".json", ""), d.name());
      assertTrue(d.grid().size() > 100, name + ": a realistic grid");
    }
    // the schema rejects what sumbin rejects
    for (Arguments a : badStudies().toList()) {
      String text = (String) a.get()[0];
      if (text.contains("nowhere") || text.contains("[4, 4]") || text.contains("\"m_jj\"") || text.contains("[-1, 1]") || text.contains("\"optimal\", \"range\"")
          || text.endsWith(",\n}")) {
        continue; // checks beyond the schema: files, duplicates, observables of the source, truth in range, JSON syntax
      }
      assertFalse(schema.validate(Json.parse(text, "test")).isEmpty(), text);
    }
  }
}
