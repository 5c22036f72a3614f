package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.WorkspaceIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code fit} and {@code bench fit} commands: JSON contract and bad input (issue 2, items 6 and 8). */
class FitCliTest {
  @TempDir Path dir;

  @Test
  void fitJsonMatchesPyhfOnTheDocsWorkspace() {
    Path ws = Shared.workspace("docs_2bin_1channel");
    JsonNode ref = Shared.reference("docs_2bin_1channel").get("mle_fit");
    Cli.Run r = Cli.run("fit", ws.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.parse(r.out(), "stdout");
    assertThat(j.get("par_names").get(0).asText()).as("j.get(\"par_names\").get(0).asText()").isEqualTo("mu");
    assertThat(j.get("par_names").get(2).asText())
        .as("j.get(\"par_names\").get(2).asText()")
        .isEqualTo("uncorr_bkguncrt[1]");
    assertThat(j.get("twice_nll").asDouble())
        .as("j.get(\"twice_nll\").asDouble()")
        .isCloseTo(ref.get("twice_nll").asDouble(), within(1e-5));
    assertThat(j.get("converged").asBoolean()).as("j.get(\"converged\").asBoolean()").isTrue();
    assertThat(j.get("uncertainties").size()).as("j.get(\"uncertainties\").size()").isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(j.get("bestfit").get(i).asDouble())
          .as("j.get(\"bestfit\").get(i).asDouble()")
          .isCloseTo(ref.get("bestfit").get(i).asDouble(), within(1e-3));
    }
  }

  @Test
  void fixAndMeasurementOptions() {
    Path ws = Shared.workspace("synthetic_5ch_8bin_allmods");
    Cli.Run r = Cli.run("fit", ws.toString(), "--measurement", "meas_mu_ttbar", "--fix", "lumi=1.0", "--fix", "sf_wjets[2]=1.1", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.parse(r.out(), "stdout");
    int i = indexOf(j, "sf_wjets[2]");
    assertThat(j.get("bestfit").get(i).asDouble())
        .as("j.get(\"bestfit\").get(i).asDouble()")
        .isCloseTo(1.1, within(0.0));
    assertThat(j.get("uncertainties").get(i).asDouble())
        .as("j.get(\"uncertainties\").get(i).asDouble()")
        .isCloseTo(0.0, within(0.0));
    assertThat(j.get("poi").asText()).as("j.get(\"poi\").asText()").isEqualTo("mu_ttbar");
  }

  @Test
  void humanReadableTable() {
    Cli.Run r = Cli.run("fit", Shared.workspace("docs_2bin_1channel").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.out().contains("uncorr_bkguncrt[0]") && r.out().contains("twice_nll =")).as(r.out()).isTrue();
  }

  @Test
  void benchFitJson() {
    Cli.Run r = Cli.run("bench", "fit", Shared.workspace("docs_2bin_1channel").toString(), "--repeat", "5",
        "--warmup-seconds", "0.1", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode j = Json.parse(r.out(), "stdout");
    assertThat(j.get("repeats").asInt()).as("j.get(\"repeats\").asInt()").isEqualTo(5);
    assertThat(j.get("min_s").asDouble() > 0 && j.get("min_s").asDouble() <= j.get("median_s").asDouble())
        .as("j.get(\"min_s\").asDouble() > 0 && j.get(\"min_s\").asDouble() <= j.get(\"median_s\").asDouble()")
        .isTrue();
  }

  private static int indexOf(JsonNode j, String name) {
    for (int i = 0; i < j.get("par_names").size(); i++) {
      if (j.get("par_names").get(i).asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name + " not in " + j.get("par_names"));
  }

  // ------------------------------------------------------------------ bad input: exit 2, one line

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Path mutated(String name, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode t = WorkspaceIO.toJson(ExampleModels.uncorrelatedBackground());
    edit.accept(t);
    return write(name, Json.pretty(t).replace("\"NaN\"", "NaN"));
  }

  private static ObjectNode sample(ObjectNode t, int s) {
    return (ObjectNode) t.get("channels").get(0).get("samples").get(s);
  }

  /** Exit 2, exactly one line on stderr naming the file and the location, no stack trace. */
  private static void assertBadInput(Cli.Run r, Path file, String location) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.errLines()).as("one line: " + r.err()).isEqualTo(1);
    assertThat(r.err()).as(r.err()).startsWith(file.toString() + ": " + location);
    assertThat(r.err()).as("no stack trace").doesNotContain("\tat ");
  }

  @Test
  void malformedJson() throws IOException {
    Path p = write("malformed.json", "{\n  \"channels\": [\n    {\"name\": \"c\",\n  ]\n}\n");
    assertBadInput(Cli.run("fit", p.toString(), "--json"), p, "line 4, column");
  }

  @Test
  void schemaViolation() throws IOException {
    Path p = mutated("schema.json", t -> ((ObjectNode) t.get("measurements").get(0)).remove("config"));
    assertBadInput(Cli.run("fit", p.toString()), p, "measurements[0]: schema violation");
  }

  @Test
  void unknownModifierType() throws IOException {
    Path p = mutated("modtype.json", t -> ((ObjectNode) sample(t, 0).get("modifiers").get(0)).put("type", "normfuctor"));
    assertBadInput(Cli.run("fit", p.toString()), p, "channels[0].samples[0].modifiers[0].type: unknown modifier type");
  }

  @Test
  void histogramLengthDiffersFromChannel() throws IOException {
    Path p = mutated("length.json", t -> ((ArrayNode) sample(t, 1).get("data")).add(1.0));
    assertBadInput(Cli.run("fit", p.toString()), p, "channels[0].samples[1].data: sample 'background' has 3 bins");
  }

  @Test
  void negativeObservation() throws IOException {
    Path p = mutated("negobs.json", t -> ((ArrayNode) t.get("observations").get(0).get("data")).set(0, -1.0));
    assertBadInput(Cli.run("fit", p.toString()), p, "observations[0].data[0]");
  }

  @Test
  void nanObservation() throws IOException {
    Path p = mutated("nanobs.json", t -> ((ArrayNode) t.get("observations").get(0).get("data")).set(1, Double.NaN));
    assertBadInput(Cli.run("fit", p.toString()), p, "observations[0].data[1]: observation is NaN");
  }

  @Test
  void measurementPoiDoesNotExist() throws IOException {
    // issue 11: as pyhf (poi_name=None), fit runs background-only with a note; a test needing the POI refuses
    Path p = mutated("poi.json", t -> ((ObjectNode) t.get("measurements").get(0).get("config")).put("poi", "xsec"));
    Cli.Run fit = Cli.run("fit", p.toString(), "--json");
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    assertThat(fit.err()).contains("note:", "'xsec'", "background-only");
    assertThat(Json.parse(fit.out(), "stdout").has("poi")).isFalse();
    Cli.Run h = Cli.run("hypotest", p.toString(), "--poi-value", "1");
    assertThat(h.exitCode()).isEqualTo(2);
    assertThat(h.errLines()).isEqualTo(1);
    assertThat(h.err()).contains(p.toString(), "hypotest needs a parameter of interest", "'xsec'");
  }

  @Test
  void twoModifiersOfOneNameAndType() throws IOException {
    Path p = mutated("dup.json", t -> {
      ArrayNode mods = (ArrayNode) sample(t, 1).get("modifiers");
      mods.add(mods.get(0).deepCopy());
    });
    assertBadInput(Cli.run("fit", p.toString()), p, "channels[0].samples[1].modifiers[1]");
  }

  @Test
  void unknownFixParameter() {
    Path ws = Shared.workspace("docs_2bin_1channel");
    Cli.Run r = Cli.run("fit", ws.toString(), "--fix", "nosuch=1", "--json");
    assertThat(r.exitCode()).as("r.exitCode()").isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).as(r.err()).startsWith("--fix nosuch=1: unknown parameter 'nosuch'");
    assertThat(r.out()).as("nothing printed on stdout").isEmpty();
  }

  @Test
  void missingFileAndUnknownMeasurement() {
    Cli.Run r = Cli.run("fit", dir.resolve("absent.json").toString());
    assertThat(r.exitCode()).as("r.exitCode()").isEqualTo(2);
    assertThat(r.err()).as(r.err()).contains("absent.json: no such file");
    Path ws = Shared.workspace("docs_2bin_1channel");
    Cli.Run m = Cli.run("fit", ws.toString(), "--measurement", "nope");
    assertBadInput(m, ws, "measurements: no measurement named 'nope'");
  }

  @Test
  void badCommandLineOption() {
    Cli.Run r = Cli.run("fit", "--frobnicate");
    assertThat(r.exitCode()).as("r.exitCode()").isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).isEqualTo(1);
  }
}
