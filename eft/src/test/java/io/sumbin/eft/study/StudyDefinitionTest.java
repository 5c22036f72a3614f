package io.sumbin.eft.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.sumbin.pyhf.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Study files are validated by the bundled JSON schema first (networknt), then by the few semantic checks a
 * schema cannot express; every problem is one line naming the study file and the JSON path.
 */
class StudyDefinitionTest {
  static final String TOY = "\"source\": {\"type\": \"quadratic-toy\", \"events\": 100}";
  static final String GRID = "\"grid\": {\"observable\": \"u\", \"strategy\": \"quantile\", \"bins\": [4], \"luminosity\": [1]}";

  static String grid(String observable, String strategy, String bins, String luminosity, String mcstat) {
    return "\"grid\": {\"observable\": " + observable + ", \"strategy\": " + strategy + ", \"bins\": " + bins + ", \"luminosity\": "
        + luminosity + (mcstat == null ? "" : ", \"mcstat\": " + mcstat) + "}";
  }

  static Stream<Arguments> schemaProblems() {
    return Stream.of(
        Arguments.of("{" + GRID + "}", "source: missing (required)"),
        Arguments.of("{\"source\": {\"type\": \"toy\"}, " + GRID + "}", "source.type: must be one of \"quadratic-toy\", \"lhe\", got \"toy\""),
        Arguments.of("{" + TOY + ", \"grids\": {}, " + GRID + "}",
            "grids: unknown field (allowed: name, description, source, truth, binning_reference, scan, grid)"),
        Arguments.of("{\"source\": {\"type\": \"quadratic-toy\", \"event\": 5}, " + GRID + "}",
            "source.event: unknown field (allowed: type, events, seed, cross_section, sampling)"),
        Arguments.of("{\"source\": {\"type\": \"lhe\", \"files\": [\"a.lhe\"]}, " + GRID + "}", "source.coefficient: missing (required)"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "\"quantile\"", "[4, 0]", "[1]", null) + "}",
            "grid.bins[1]: must be an integer in 1..10000, got 0"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "\"quantile\"", "[4]", "[1, -2]", null) + "}", "grid.luminosity[1]: must be > 0, got -2"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "\"quantile\"", "4", "\"x\"", null) + "}", "grid.luminosity: must be > 0, got \"x\""),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "[\"quantile\", {\"type\": \"min-mcstat\"}]", "[4]", "[1]", null) + "}",
            "grid.strategy[1].threshold: missing (required)"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "[{\"type\": \"min-mcstat\", \"threshold\": 1.5}]", "[4]", "[1]", null) + "}",
            "grid.strategy[0].threshold: must be in (0, 1), got 1.5"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "[{\"type\": \"uniform\", \"fine\": \"quantile\"}]", "[4]", "[1]", null) + "}",
            "grid.strategy[0].fine: unknown field (allowed: type)"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "\"min-mcstat\"", "[4]", "[1]", null) + "}",
            "grid.strategy: must be one of \"uniform\", \"quantile\", got \"min-mcstat\""),
        Arguments.of("{" + TOY + ", " + grid("[{\"name\": \"u\", \"rang\": [0, 1]}]", "\"quantile\"", "4", "1", null) + "}",
            "grid.observable[0].rang: unknown field (allowed: name, range)"),
        Arguments.of("{" + TOY + ", " + grid("[]", "\"quantile\"", "4", "1", null) + "}", "grid.observable: must be a non-empty array, got an empty array"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "\"quantile\"", "4", "1", "[true, false, true]") + "}",
            "grid.mcstat: must be an array of 1 to 2 items, got [true,false,true]"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "\"quantile\"", "4", "1", "\"yes\"") + "}", "grid.mcstat: must be true or false, got \"yes\""),
        Arguments.of("{" + TOY + ", \"scan\": {\"points\": 3}, " + GRID + "}", "scan.points: must be an integer in 5..2001, got 3"),
        Arguments.of("{" + TOY + ", \"scan\": {\"range\": \"adaptve\"}, " + GRID + "}", "scan.range: must be \"adaptive\", got \"adaptve\""),
        Arguments.of("{" + TOY + ", \"scan\": {\"range\": [1, 2, 3]}, " + GRID + "}", "scan.range: must be [lo, hi], got [1,2,3]"),
        Arguments.of("{\"name\": \"a/b\", " + TOY + ", " + GRID + "}",
            "name: must be a non-empty name without control characters, slashes, commas or quotes, got \"a/b\""),
        Arguments.of("[1]", "$: must be an object, got [1]"));
  }

  @ParameterizedTest
  @MethodSource("schemaProblems")
  void theSchemaFindsTheProblemAndTheMessageNamesFileAndJsonPath(String json, String expected, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, json);
    assertThat(StudySchema.problems(io.sumbin.pyhf.Json.parse(json, "test"))).as("the schema rejects %s", json).isNotEmpty();
    InputException e = assertThatExceptionOfType(InputException.class).isThrownBy(() -> StudyDefinition.read(f)).actual();
    assertThat(e.getMessage()).as("one line, file and JSON path first").isEqualTo(f + ": " + expected).doesNotContain("\n");
    assertThat(e.file()).isEqualTo(f.toString());
  }

  static Stream<Arguments> semanticProblems() {
    return Stream.of(
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "\"quantile\"", "[4, 4]", "[1]", null) + "}", "grid.bins[1]: duplicate value 4"),
        Arguments.of("{" + TOY + ", " + grid("\"u\"", "[\"uniform\", {\"type\": \"uniform\"}]", "4", "1", null) + "}",
            "grid.strategy[1]: duplicate strategy uniform"),
        Arguments.of("{" + TOY + ", " + grid("[\"u\", \"m_jj\"]", "\"quantile\"", "4", "1", null) + "}",
            "grid.observable[1]: the quadratic toy has the observables \"optimal\" and \"u\", got \"m_jj\""),
        Arguments.of("{" + TOY + ", " + grid("[{\"name\": \"u\", \"range\": [1, 0]}]", "\"quantile\"", "4", "1", null) + "}",
            "grid.observable[0].range: must be [lo, hi] with lo < hi, got [1, 0]"),
        Arguments.of("{" + TOY + ", \"truth\": 2, \"scan\": {\"range\": [-1, 1]}, " + GRID + "}",
            "scan.range: the fixed range [-1.0, 1.0] must contain the truth 2.0"),
        Arguments.of("{" + TOY + ", \"scan\": {\"range\": [-1, 1], \"sigmas\": 3}, " + GRID + "}",
            "scan.sigmas: only used with \"range\": \"adaptive\""),
        Arguments.of("{" + TOY + ", \"truth\": 1e400, " + GRID + "}", "truth: must be finite, got Infinity"),
        Arguments.of("{\"source\": {\"type\": \"quadratic-toy\", \"seed\": 1e30}, " + GRID + "}", "source.seed: must be a 64-bit integer, got 1.0E30"),
        Arguments.of("{\"source\": {\"type\": \"lhe\", \"files\": [\"nowhere.lhe.gz\"], \"coefficient\": \"cHW\"}, " + GRID + "}",
            "source.files[0]: no such file: "));
  }

  /** What a schema cannot express: checked after it, with the same one-line messages. */
  @ParameterizedTest
  @MethodSource("semanticProblems")
  void semanticChecksAfterTheSchemaNameFileAndJsonPath(String json, String expected, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, json);
    InputException e = assertThatExceptionOfType(InputException.class).isThrownBy(() -> StudyDefinition.read(f)).actual();
    assertThat(e.getMessage()).as("one line, file and JSON path first").startsWith(f + ": " + expected).doesNotContain("\n");
  }

  @Test
  void aValidStudyParsesWithItsDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ok.json");
    Files.writeString(f, "{" + TOY + ", " + grid("[\"optimal\", {\"name\": \"u\", \"range\": [-1, 1]}]",
        "[\"uniform\", {\"type\": \"min-mcstat\", \"threshold\": 0.1, \"fine\": \"quantile\"}]", "[2, 4]", "10", "[false, true]") + "}");
    StudyDefinition d = StudyDefinition.read(f);
    assertThat(d.name()).isEqualTo("ok");
    assertThat(d.truth()).isZero();
    assertThat(d.reference()).isEqualTo(StudyDefinition.Reference.SM);
    assertThat(d.scan().points()).isEqualTo(31);
    assertThat(d.scan().adaptive()).isTrue();
    assertThat(d.scan().sigmas()).isEqualTo(4.0);
    assertThat(d.source()).isEqualTo(new StudyDefinition.ToySource(100, 1L, 1000.0, StudyDefinition.Sampling.RANDOM));
    assertThat(d.grid().observables()).containsExactly(new StudyDefinition.ObservableSpec("optimal", Double.NaN, Double.NaN),
        new StudyDefinition.ObservableSpec("u", -1, 1));
    assertThat(d.grid().strategies()).containsExactly(
        new StudyDefinition.StrategySpec(StudyDefinition.StrategyKind.UNIFORM, Double.NaN, null),
        new StudyDefinition.StrategySpec(StudyDefinition.StrategyKind.MIN_MCSTAT, 0.1, StudyDefinition.StrategyKind.QUANTILE));
    assertThat(d.grid().bins()).isEqualTo(List.of(2, 4));
    assertThat(d.grid().luminosities()).isEqualTo(List.of(10.0));
    assertThat(d.grid().mcstat()).isEqualTo(List.of(false, true));
    assertThat(d.cells()).hasSize(2 * 2 * 2 * 1 * 2);
  }
}
