package io.sumbin.pyhf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkspaceIOTest {
  static Stream<Path> sharedFiles() {
    return SharedData.list("pyhf/workspaces", p -> !p.getFileName().toString().equals("INDEX.json")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedFiles")
  void writeReadWriteIsByteIdenticalAndValid(Path file) {
    Workspace ws = WorkspaceIO.read(file);
    String first = WorkspaceIO.toText(ws);
    Workspace again = WorkspaceIO.parse(first, "first write");
    String second = WorkspaceIO.toText(again);
    assertEquals(first, second);
    assertEquals(ws, again, "records survive the round trip");
    JsonNode written = Json.parse(first, "written");
    assertTrue(Schemas.validate(Schemas.pyhfWorkspace(), written).isEmpty(), "written workspace validates against pyhf's schema");
  }

  @Test
  void exampleWorkspaceWritesAtomicallyAndValidates(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sub/example.json");
    WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), out);
    assertEquals(ExampleModels.uncorrelatedBackground(), WorkspaceIO.read(out));
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertEquals(1, s.count(), "no temporary files left behind");
    }
  }

  @Test
  void schemaReferencesResolveToBundledCopiesNeverTheNetwork() {
    // an $id that is not mapped to the class path must fail instead of being fetched
    assertThrows(RuntimeException.class, () -> Schemas.schema("https://example.invalid/schemas/workspace.json"));
    assertTrue(Schemas.pyhfWorkspace() != null && Schemas.pyhfPatchset() != null && Schemas.sumbinWorkspace() != null);
  }

  // ------------------------------------------------------------------ bad input

  static String example() {
    return WorkspaceIO.toText(ExampleModels.uncorrelatedBackground());
  }

  static InputException bad(String text) {
    return assertThrows(InputException.class, () -> WorkspaceIO.parse(text, "ws.json"));
  }

  @Test
  void malformedJsonNamesTheLine() {
    String t = example().replaceFirst("\"channels\" : \\[", "\"channels\" : [ ,");
    assertTrue(!t.equals(example()), "fixture must change");
    InputException e = bad(t);
    assertTrue(e.location().startsWith("line 2, column"), e.getMessage());
    assertTrue(e.getMessage().startsWith("ws.json: line 2"), e.getMessage());
  }

  /** The example as a mutable JSON tree. */
  static com.fasterxml.jackson.databind.node.ObjectNode tree() {
    return WorkspaceIO.toJson(ExampleModels.uncorrelatedBackground());
  }

  static InputException bad(JsonNode tree) {
    return bad(Json.pretty(tree));
  }

  static com.fasterxml.jackson.databind.node.ObjectNode sample(JsonNode root, int s) {
    return (com.fasterxml.jackson.databind.node.ObjectNode) root.get("channels").get(0).get("samples").get(s);
  }

  @Test
  void schemaViolationNamesThePath() {
    var t = tree();
    t.put("version", "2.0.0");
    InputException e = bad(t);
    assertEquals("version", e.location());
    assertTrue(e.detail().startsWith("schema violation"), e.getMessage());
  }

  @Test
  void missingRequiredPropertyInAModifier() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ObjectNode) sample(t, 0).get("modifiers").get(0)).remove("data");
    InputException e = bad(t);
    assertEquals("channels[0].samples[0].modifiers[0]", e.location());
    assertTrue(e.detail().contains("data"), e.getMessage());
  }

  @Test
  void unknownModifierType() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ObjectNode) sample(t, 0).get("modifiers").get(0)).put("type", "normfuctor");
    InputException e = bad(t);
    assertEquals("channels[0].samples[0].modifiers[0].type", e.location());
    assertTrue(e.detail().contains("unknown modifier type 'normfuctor'"), e.getMessage());
  }

  @Test
  void histogramLengthDiffersFromChannel() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) sample(t, 1).get("data")).add(3.0);
    InputException e = bad(t);
    assertEquals("channels[0].samples[1].data", e.location());
    assertTrue(e.detail().contains("3 bins"), e.getMessage());
  }

  @Test
  void modifierHistogramLengthDiffersFromChannel() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) sample(t, 1).get("modifiers").get(0).get("data")).add(3.0);
    InputException e = bad(t);
    assertEquals("channels[0].samples[1].modifiers[0].data", e.location());
    assertTrue(e.detail().contains("shapesys 'uncorr_bkguncrt' data has 3 bins, channel 'singlechannel' has 2"), e.getMessage());
  }

  static com.fasterxml.jackson.databind.node.ArrayNode observed(JsonNode t) {
    return (com.fasterxml.jackson.databind.node.ArrayNode) t.get("observations").get(0).get("data");
  }

  @Test
  void negativeObservation() {
    var t = tree();
    observed(t).set(1, -3.0);
    InputException e = bad(t);
    assertEquals("observations[0].data[1]", e.location());
    assertTrue(e.detail().contains("-3.0"), e.getMessage());
  }

  @Test
  void nanObservation() {
    var t = tree();
    observed(t).set(0, Double.NaN);
    // Python's json module writes a bare NaN token; Jackson quotes it, so unquote for the fixture
    String text = Json.pretty(t).replace("\"NaN\"", "NaN");
    assertTrue(text.contains(" NaN"), "the fixture must contain a bare NaN token");
    InputException e = bad(text);
    assertEquals("observations[0].data[0]", e.location());
    assertTrue(e.detail().contains("NaN"), e.getMessage());
  }

  @Test
  void measurementPoiThatOnlyAPatchAddsIsReadAsPyhfDoes() {
    // issue 11: a HEPData background-only workspace names a POI that only the signal patches add;
    // pyhf reads it (and fits it with poi_name=None), so reading succeeds and only compiling the
    // measurement's model with that POI names it
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("measurements").get(0).get("config")).put("poi", "mu_sig");
    io.sumbin.histmodel.spec.Workspace ws = WorkspaceIO.fromJson(t, "bkgonly.json");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.sumbin.histmodel.compile.Models.compile(ws, null))
        .isInstanceOf(io.sumbin.histmodel.spec.SpecException.class).hasMessageContaining("'mu_sig'");
    org.assertj.core.api.Assertions.assertThat(
        io.sumbin.histmodel.compile.ModelCompiler.compile(ws.model(null).withPoi(null)).poiIndex()).isEqualTo(-1);
  }

  @Test
  void twoModifiersOfOneNameAndTypeOnOneSample() {
    var t = tree();
    var mods = (com.fasterxml.jackson.databind.node.ArrayNode) sample(t, 0).get("modifiers");
    mods.add(mods.get(0).deepCopy());
    InputException e = bad(t);
    assertEquals("channels[0].samples[0].modifiers[1]", e.location());
    assertTrue(e.detail().contains("two normfactor modifiers named 'mu'"), e.getMessage());
  }

  @Test
  void observationOfUnknownChannel() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("observations").get(0)).put("name", "otherchannel");
    InputException e = bad(t);
    assertEquals("observations[0].name", e.location());
  }

  @Test
  void duplicateKeys() {
    String t = example().replace("\"version\" : \"1.0.0\"", "\"version\" : \"1.0.0\", \"version\" : \"1.0.0\"");
    InputException e = bad(t);
    assertTrue(e.location().startsWith("line"), e.getMessage());
  }
}
