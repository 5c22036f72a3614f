package io.sumbin.pyhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    // two of pyhf's own test workspaces configure a parameter the model lacks: read them as pyhf does
    WorkspaceIO.Strictness asPyhf = WorkspaceIO.Strictness.pyhf(w -> { });
    Workspace ws = WorkspaceIO.read(file, asPyhf);
    String first = WorkspaceIO.toText(ws);
    Workspace again = WorkspaceIO.parse(first, "first write", asPyhf);
    String second = WorkspaceIO.toText(again);
    assertThat(second).as("second").isEqualTo(first);
    assertThat(again).as("records survive the round trip").isEqualTo(ws);
    JsonNode written = Json.parse(first, "written");
    assertThat(Schemas.validate(Schemas.pyhfWorkspace(), written).isEmpty())
        .as("written workspace validates against pyhf's schema")
        .isTrue();
  }

  @Test
  void exampleWorkspaceWritesAtomicallyAndValidates(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sub/example.json");
    WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), out);
    assertThat(WorkspaceIO.read(out)).as("WorkspaceIO.read(out)").isEqualTo(ExampleModels.uncorrelatedBackground());
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertThat(s.count()).as("no temporary files left behind").isEqualTo(1);
    }
  }

  @Test
  void schemaReferencesResolveToBundledCopiesNeverTheNetwork() {
    // an $id that is not mapped to the class path must fail instead of being fetched
    assertThatThrownBy(() -> Schemas.schema("https://example.invalid/schemas/workspace.json"))
        .isInstanceOf(RuntimeException.class);
    assertThat(Schemas.pyhfWorkspace() != null && Schemas.pyhfPatchset() != null && Schemas.sumbinWorkspace() != null)
        .as("Schemas.pyhfWorkspace() != null && Schemas.pyhfPatchset() != null && Schemas.sumbinWorkspace() != null")
        .isTrue();
  }

  // ------------------------------------------------------------------ bad input

  static String example() {
    return WorkspaceIO.toText(ExampleModels.uncorrelatedBackground());
  }

  static InputException bad(String text) {
    return assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> WorkspaceIO.parse(text, "ws.json"))
        .actual();
  }

  // ------------------------------------------------------------------ pyhf's semantics by default, strict on request

  @Test
  void unknownParameterNameInTheMeasurementIsRefusedUnderStrictNamingIt() {
    var t = tree();
    var pars = (com.fasterxml.jackson.databind.node.ArrayNode) t.get("measurements").get(0).get("config").get("parameters");
    pars.addObject().put("name", "uncorr_bkguncrtt").put("fixed", true);
    pars.addObject().put("name", "mu_typo").set("inits", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(1.0));
    InputException e = strictlyBad(t);
    assertThat(e.location()).isEqualTo("measurements[0].config.parameters[" + (pars.size() - 2) + "].name");
    assertThat(e.detail()).contains("'uncorr_bkguncrtt'", "'mu_typo'", "are not parameters of the model", "--strict");
  }

  @Test
  void unknownParameterNameIsAWarningByDefaultAndIgnoredAsInPyhf() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) t.get("measurements").get(0).get("config").get("parameters"))
        .addObject().put("name", "uncorr_bkguncrtt").put("fixed", true);
    List<String> warnings = new java.util.ArrayList<>();
    Workspace ws = WorkspaceIO.parse(Json.pretty(t), "ws.json", WorkspaceIO.Strictness.pyhf(warnings::add));
    assertThat(warnings).singleElement().asString()
        .startsWith("warning: ws.json: measurements[0].config.parameters[")
        .contains("'uncorr_bkguncrtt' is not a parameter of the model");
    assertThat(io.sumbin.histmodel.compile.Models.compile(ws, null).suggestedFixed())
        .as("the misspelt 'fixed' has no effect, as in pyhf").containsOnly(false);
  }

  @Test
  void negativeShapesysUncertaintyIsRefusedOrReadAsPyhfDoes() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) sample(t, 1).get("modifiers").get(0).get("data")).set(1, -3.0);
    InputException e = strictlyBad(t);
    assertThat(e.location()).isEqualTo("channels[0].samples[1].modifiers[0].data[1]");
    assertThat(e.detail()).contains("negative uncertainty -3.0", "gamma fixed at 1");
    List<String> warnings = new java.util.ArrayList<>();
    Workspace ws = WorkspaceIO.parse(Json.pretty(t), "ws.json", WorkspaceIO.Strictness.pyhf(warnings::add));
    assertThat(warnings).hasSize(1);
    var m = io.sumbin.histmodel.compile.Models.compile(ws, null);
    int g1 = m.parIndex("uncorr_bkguncrt[1]");
    // pyhf 0.7 (shapesys.required_parset): a bin is valid only for nominal > 0 and delta > 0; otherwise γ is fixed at 1, τ = 1
    assertThat(m.suggestedFixed()[g1]).as("gamma of the negative bin is fixed").isTrue();
    assertThat(m.auxdata()[1]).as("its Poisson factor and auxdatum are 1").isEqualTo(1.0);
  }

  @Test
  void observationOfAChannelTheModelLacksIsIgnoredWithAWarningAsInPyhfAndRefusedUnderStrict() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) t.get("observations")).addObject().put("name", "elsewhere")
        .putArray("data").add(1.0).add(2.0).add(3.0);
    InputException e = strictlyBad(t);
    assertThat(e.location()).isEqualTo("observations[1].name");
    assertThat(e.detail()).contains("'elsewhere'", "does not have", "--strict");
    List<String> warnings = new java.util.ArrayList<>();
    Workspace ws = WorkspaceIO.parse(Json.pretty(t), "ws.json", WorkspaceIO.Strictness.pyhf(warnings::add));
    assertThat(warnings).singleElement().asString().startsWith("warning: ws.json: observations[1].name").contains("'elsewhere'");
    Workspace plain = ExampleModels.uncorrelatedBackground();
    assertThat(io.sumbin.histmodel.compile.Models.observedData(ws, io.sumbin.histmodel.compile.Models.compile(ws, null)))
        .as("the extra observation changes nothing").containsExactly(io.sumbin.histmodel.compile.Models.observedData(
            plain, io.sumbin.histmodel.compile.Models.compile(plain, null)));
  }

  @Test
  void aWorkspaceWithoutParametersIsAValidPyhfWorkspaceForTheModelFreeTools() {
    var t = tree();
    for (JsonNode s : t.get("channels").get(0).get("samples")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) s).putArray("modifiers");
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("measurements").get(0).get("config")).putArray("parameters");
    Workspace ws = WorkspaceIO.parse(Json.pretty(t), "bkgonly.json", WorkspaceIO.Strictness.STRICT);
    assertThat(ws.channels().get(0).samples()).hasSize(2);
    assertThatThrownBy(() -> io.sumbin.histmodel.compile.Models.compile(ws, null))
        .as("a likelihood still needs parameters").hasMessageContaining("the model has no parameters");
  }

  @Test
  void observationBeyondTwoToTheFiftyThreeIsRefused() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) t.get("observations").get(0).get("data")).set(0, 1e308);
    InputException e = bad(t);
    assertThat(e.location()).isEqualTo("observations[0].data[0]");
    assertThat(e.detail()).contains("exceeds 2^53");
  }

  @Test
  void malformedJsonNamesTheLine() {
    String t = example().replaceFirst("\"channels\" : \\[", "\"channels\" : [ ,");
    assertThat(t).as("fixture must change").isNotEqualTo(example());
    InputException e = bad(t);
    assertThat(e.location()).as(e.getMessage()).startsWith("line 2, column");
    assertThat(e.getMessage()).as(e.getMessage()).startsWith("ws.json: line 2");
  }

  /** The example as a mutable JSON tree. */
  static com.fasterxml.jackson.databind.node.ObjectNode tree() {
    return WorkspaceIO.toJson(ExampleModels.uncorrelatedBackground());
  }

  static InputException bad(JsonNode tree) {
    return bad(Json.pretty(tree));
  }

  /** The refusal under {@code --strict} of what pyhf accepts. */
  static InputException strictlyBad(JsonNode tree) {
    return assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> WorkspaceIO.parse(Json.pretty(tree), "ws.json", WorkspaceIO.Strictness.STRICT))
        .actual();
  }

  static com.fasterxml.jackson.databind.node.ObjectNode sample(JsonNode root, int s) {
    return (com.fasterxml.jackson.databind.node.ObjectNode) root.get("channels").get(0).get("samples").get(s);
  }

  @Test
  void schemaViolationNamesThePath() {
    var t = tree();
    t.put("version", "2.0.0");
    InputException e = bad(t);
    assertThat(e.location()).as("e.location()").isEqualTo("version");
    assertThat(e.detail()).as(e.getMessage()).startsWith("schema violation");
  }

  @Test
  void missingRequiredPropertyInAModifier() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ObjectNode) sample(t, 0).get("modifiers").get(0)).remove("data");
    InputException e = bad(t);
    assertThat(e.location()).as("e.location()").isEqualTo("channels[0].samples[0].modifiers[0]");
    assertThat(e.detail()).as(e.getMessage()).contains("data");
  }

  @Test
  void unknownModifierType() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ObjectNode) sample(t, 0).get("modifiers").get(0)).put("type", "normfuctor");
    InputException e = bad(t);
    assertThat(e.location()).as("e.location()").isEqualTo("channels[0].samples[0].modifiers[0].type");
    assertThat(e.detail()).as(e.getMessage()).contains("unknown modifier type 'normfuctor'");
  }

  @Test
  void histogramLengthDiffersFromChannel() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) sample(t, 1).get("data")).add(3.0);
    InputException e = bad(t);
    assertThat(e.location()).as("e.location()").isEqualTo("channels[0].samples[1].data");
    assertThat(e.detail()).as(e.getMessage()).contains("3 bins");
  }

  @Test
  void modifierHistogramLengthDiffersFromChannel() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) sample(t, 1).get("modifiers").get(0).get("data")).add(3.0);
    InputException e = bad(t);
    assertThat(e.location()).as("e.location()").isEqualTo("channels[0].samples[1].modifiers[0].data");
    assertThat(e.detail())
        .as(e.getMessage())
        .contains("shapesys 'uncorr_bkguncrt' data has 3 bins, channel 'singlechannel' has 2");
  }

  static com.fasterxml.jackson.databind.node.ArrayNode observed(JsonNode t) {
    return (com.fasterxml.jackson.databind.node.ArrayNode) t.get("observations").get(0).get("data");
  }

  @Test
  void negativeObservation() {
    var t = tree();
    observed(t).set(1, -3.0);
    InputException e = bad(t);
    assertThat(e.location()).as("e.location()").isEqualTo("observations[0].data[1]");
    assertThat(e.detail()).as(e.getMessage()).contains("-3.0");
  }

  @Test
  void nanObservation() {
    var t = tree();
    observed(t).set(0, Double.NaN);
    // Python's json module writes a bare NaN token; Jackson quotes it, so unquote for the fixture
    String text = Json.pretty(t).replace("\"NaN\"", "NaN");
    assertThat(text).as("the fixture must contain a bare NaN token").contains(" NaN");
    InputException e = bad(text);
    assertThat(e.location()).as("e.location()").isEqualTo("observations[0].data[0]");
    assertThat(e.detail()).as(e.getMessage()).contains("NaN");
  }

  @Test
  void measurementPoiThatOnlyAPatchAddsIsReadAsPyhfDoes() {
    // issue 11: a HEPData background-only workspace names a POI that only the signal patches add;
    // pyhf reads it (and fits it with poi_name=None), so reading succeeds and only compiling the
    // measurement's model with that POI names it
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("measurements").get(0).get("config")).put("poi", "mu_sig");
    io.sumbin.histmodel.spec.Workspace ws = WorkspaceIO.fromJson(t, "bkgonly.json");
    assertThatThrownBy(() -> io.sumbin.histmodel.compile.Models.compile(ws, null))
        .isInstanceOf(io.sumbin.histmodel.spec.SpecException.class).hasMessageContaining("'mu_sig'");
    assertThat(
        io.sumbin.histmodel.compile.ModelCompiler.compile(ws.model(null).withPoi(null)).poiIndex()).isEqualTo(-1);
  }

  @Test
  void measurementPoiListedUnderConfigParametersIsNotRefusedButOtherUnknownNamesAre() {
    // HEPData background-only workspaces configure the signal POI (bounds, inits) although only the
    // signal patches add it: the measurement's own POI is never an unknown name; any other name still is
    var t = tree();
    var cfg = (com.fasterxml.jackson.databind.node.ObjectNode) t.get("measurements").get(0).get("config");
    cfg.put("poi", "mu_SIG");
    var pars = (com.fasterxml.jackson.databind.node.ArrayNode) cfg.get("parameters");
    pars.addObject().put("name", "mu_SIG").putArray("bounds").addArray().add(0.0).add(5.0);
    Workspace ws = WorkspaceIO.fromJson(t, "bkgonly.json");
    assertThat(ws.measurements().get(0).parameters()).extracting(io.sumbin.histmodel.spec.ParameterSpec::name).contains("mu_SIG");
    assertThat(io.sumbin.histmodel.compile.ModelCompiler.compile(ws.model(null).withPoi(null)).parIndex("mu_SIG"))
        .as("a background-only model").isEqualTo(-1);
    pars.addObject().put("name", "theo_sig_acc").put("fixed", true);
    InputException e = strictlyBad(t);
    assertThat(e.location()).isEqualTo("measurements[0].config.parameters[" + (pars.size() - 1) + "].name");
    assertThat(e.detail()).contains("'theo_sig_acc' is not a parameter").doesNotContain("'mu_SIG'");
  }

  @Test
  void twoModifiersOfOneNameAndTypeOnOneSample() {
    var t = tree();
    var mods = (com.fasterxml.jackson.databind.node.ArrayNode) sample(t, 0).get("modifiers");
    mods.add(mods.get(0).deepCopy());
    InputException e = bad(t);
    assertThat(e.location()).as("e.location()").isEqualTo("channels[0].samples[0].modifiers[1]");
    assertThat(e.detail()).as(e.getMessage()).contains("two normfactor modifiers named 'mu'");
  }

  @Test
  void observationOfUnknownChannel() {
    var t = tree();
    ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("observations").get(0)).put("name", "otherchannel");
    assertThat(strictlyBad(t).location()).as("e.location()").isEqualTo("observations[0].name");
    InputException e = bad(t);
    assertThat(e.location()).as("pyhf ignores the extra observation; the model's channel then has none").isEqualTo("observations");
    assertThat(e.detail()).contains("has no observation");
  }

  @Test
  void duplicateKeys() {
    String t = example().replace("\"version\" : \"1.0.0\"", "\"version\" : \"1.0.0\", \"version\" : \"1.0.0\"");
    InputException e = bad(t);
    assertThat(e.location()).as(e.getMessage()).startsWith("line");
  }
}
