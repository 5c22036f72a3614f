package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import io.sumbin.testsupport.LheText;
import io.sumbin.testsupport.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sumbin lhe info|eft}: output fields, exit codes and one-line errors. */
class LheCommandTest {
  private static final double REPRODUCTION_TOL = 1e-6;

  record Run(int code, String out, String err) {
    JsonNode json() {
      return Json.parse(out, "stdout");
    }
  }

  static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Path shared(String name) {
    return SharedData.lhe(name);
  }

  /** A valid file: 2 events, points SM, cA at 0.1 and 0.2 (quadratic in one coefficient). */
  static String small(String particleLine) {
    return small(particleLine, 2);
  }

  static String small(String particleLine, int nEvents) {
    return LheText.file(nEvents, particleLine, LheText.WEIGHTS);
  }

  static final String GOOD_PARTICLE = LheText.HIGGS;

  @Test
  void infoOnASmallFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("small.lhe");
    Files.writeString(f, small(GOOD_PARTICLE));
    Run r = run("lhe", "info", f.toString(), "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = r.json();
    assertThat(j.get("events").asInt()).as("j.get(\"events\").asInt()").isEqualTo(2);
    assertThat(j.get("cross_section").asDouble()).as("j.get(\"cross_section\").asDouble()").isCloseTo(1.0, within(0.0));
    assertThat(j.get("sum_weights").asDouble()).as("j.get(\"sum_weights\").asDouble()").isCloseTo(1.0, within(0.0));
    assertThat(j.get("weight_ids").toString())
        .as("j.get(\"weight_ids\").toString()")
        .isEqualTo("[\"SM\",\"cA_0p1\",\"cA_0p2\"]");
    assertThat(j.get("points").asInt()).as("j.get(\"points\").asInt()").isEqualTo(3);
    assertThat(j.get("parameter_points").get(2).toString())
        .as("j.get(\"parameter_points\").get(2).toString()")
        .isEqualTo("{\"id\":\"cA_0p2\",\"values\":{\"cA\":0.2}}");
    assertThat(j.get("coefficients").toString()).as("j.get(\"coefficients\").toString()").isEqualTo("[\"cA\"]");
    Run text = run("lhe", "info", f.toString());
    assertThat(text.code()).as("text.code()").isEqualTo(0);
    assertThat(text.out()).as(text.out()).contains("events         2 (read in");
    assertThat(text.out()).as(text.out()).contains("cA_0p2  cA = 0.2");
  }

  @Test
  void eftOnASmallFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("small.lhe");
    Files.writeString(f, small(GOOD_PARTICLE));
    Run r = run("lhe", "eft", f.toString(), "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = r.json();
    assertThat(j.get("events").asInt()).as("j.get(\"events\").asInt()").isEqualTo(2);
    assertThat(j.get("coefficients").toString()).as("j.get(\"coefficients\").toString()").isEqualTo("[\"cA\"]");
    assertThat(j.get("points").asInt()).as("j.get(\"points\").asInt()").isEqualTo(3);
    assertThat(j.get("components").asInt()).as("j.get(\"components\").asInt()").isEqualTo(3);
    assertThat(j.get("max_rel_residual").asDouble())
        .as("j.get(\"max_rel_residual\").asDouble() < 1e-12")
        .isLessThan(1e-12);
    assertThat(j.get("condition_number").asDouble()).as("j.get(\"condition_number\").asDouble() > 1").isGreaterThan(1);
    // w(c) = 1 + 1.5 c + 5 c^2 reproduces 1, 1.2, 1.5
    assertThat(j.get("cross_section_terms").get("cA").asDouble())
        .as("j.get(\"cross_section_terms\").get(\"cA\").asDouble()")
        .isCloseTo(1.5, within(1e-12));
    assertThat(j.get("cross_section_terms").get("cA^2").asDouble())
        .as("j.get(\"cross_section_terms\").get(\"cA^2\").asDouble()")
        .isCloseTo(5.0, within(1e-10));
  }

  @Test
  void missingFileIsOneLineExitTwo(@TempDir Path dir) {
    Path f = dir.resolve("nothing.lhe.gz");
    Run r = run("lhe", "info", f.toString());
    assertThat(r.code()).as("r.code()").isEqualTo(2);
    assertThat(r.err().replace("\r\n", "\n"))
        .as("r.err().replace(\"\\r\\n\", \"\\n\")")
        .isEqualTo(f + ": no such file\n");
    assertThat(r.out()).as("r.out()").isEqualTo("");
  }

  @Test
  void malformedEventLineNamesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.lhe");
    Files.writeString(f, small("       25  1    1    2    0    0 0 0 zero 1.25e+02 1.25e+02 0 0"));
    for (String cmd : new String[] {"info", "eft"}) {
      Run r = run("lhe", cmd, f.toString(), "--json");
      assertThat(r.code()).as(cmd).isEqualTo(2);
      assertThat(r.err().strip()).as("r.err().strip()").isEqualTo(f + ": line 19: pz: 'zero' is not a number");
      assertThat(r.err().strip().lines().count()).as("r.err().strip().lines().count()").isEqualTo(1);
      assertThat(r.err()).as("no stack trace").doesNotContain("Exception");
    }
  }

  @Test
  void truncatedGzipExitsTwo(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(bos)) {
      o.write(small(GOOD_PARTICLE, 5000).getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bos.toByteArray();
    Path f = dir.resolve("cut.lhe.gz");
    Files.write(f, Arrays.copyOf(all, all.length * 2 / 3));
    Run r = run("lhe", "info", f.toString());
    assertThat(r.code()).as("r.code()").isEqualTo(2);
    assertThat(r.err()).as(r.err()).startsWith(f + ": line ");
    assertThat(r.err()).as(r.err()).contains("truncated or corrupt gzip stream");
    assertThat(r.err().strip().lines().count()).as("r.err().strip().lines().count()").isEqualTo(1);
  }

  @Test
  void underdeterminedEftExitsTwoNamingTheTerms(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("one-point.lhe");
    Files.writeString(f, small(GOOD_PARTICLE).replace("cA_0p2", "cB_0p1"));
    Run r = run("lhe", "eft", f.toString(), "--json");
    assertThat(r.code()).as("r.code()").isEqualTo(2);
    assertThat(r.err().strip())
        .as("r.err().strip()")
        .isEqualTo(f + ": under-determined quadratic morphing: 3 reweighting points give rank 3, 6 components are needed "
        + "for 2 coefficients; cannot separate: linear and quadratic terms of 2 coefficients varied at one value only "
        + "(cA, cB); 1 cross term with no point varying both coefficients (cA*cB); add points (a second value per "
        + "coefficient, pairs cX_cY) or fit a linear-only model");
    Run lin = run("lhe", "eft", f.toString(), "--linear", "--json");
    assertThat(lin.code()).as(lin.err()).isEqualTo(0);
    assertThat(lin.json().get("mode").asText()).as("lin.json().get(\"mode\").asText()").isEqualTo("linear");
    assertThat(lin.json().get("components").asInt()).as("lin.json().get(\"components\").asInt()").isEqualTo(3);
  }

  @Test
  void missingSubcommandExitsTwo() {
    Run r = run("lhe");
    assertThat(r.code()).as("r.code()").isEqualTo(2);
    assertThat(r.err()).as(r.err()).contains("missing subcommand: info or eft");
  }

  @Test
  void sharedVbfFiles() {
    Path f1 = shared("smeftsim_VBFH-1.lhe.gz");
    Path f2 = shared("smeftsim_VBFH-2.lhe.gz");
    Run info = run("lhe", "info", f1.toString(), "--json");
    assertThat(info.code()).as(info.err()).isEqualTo(0);
    assertThat(info.json().get("events").asInt()).as("info.json().get(\"events\").asInt()").isEqualTo(10_000);
    assertThat(info.json().get("cross_section").asDouble())
        .as("info.json().get(\"cross_section\").asDouble()")
        .isCloseTo(3.343019, within(0.0));
    assertThat(info.json().get("weight_ids").size()).as("info.json().get(\"weight_ids\").size()").isEqualTo(21);
    assertThat(info.json().get("coefficients").size()).as("info.json().get(\"coefficients\").size()").isEqualTo(5);
    Run eft = run("lhe", "eft", f1.toString(), f2.toString(), "--json");
    assertThat(eft.code()).as(eft.err()).isEqualTo(0);
    JsonNode j = eft.json();
    assertThat(j.get("events").asInt()).as("j.get(\"events\").asInt()").isEqualTo(20_000);
    assertThat(j.get("coefficients").toString())
        .as("j.get(\"coefficients\").toString()")
        .isEqualTo("[\"cHB\",\"cHDD\",\"cHW\",\"cHWB\",\"cHbox\"]");
    assertThat(j.get("points").asInt()).as("j.get(\"points\").asInt()").isEqualTo(21);
    assertThat(j.get("condition_number").asDouble() > 1 && j.get("condition_number").asDouble() < 1e4)
        .as("j.get(\"condition_number\").asDouble() > 1 && j.get(\"condition_number\").asDouble() < 1e4")
        .isTrue();
    assertThat(j.get("max_rel_residual").asDouble())
        .as("j.get(\"max_rel_residual\").asDouble() <= REPRODUCTION_TOL")
        .isLessThanOrEqualTo(REPRODUCTION_TOL);
  }

  @Test
  void sharedDrellYanNeedsLinear() {
    Path dy = shared("dy1j.lhe.gz");
    Run r = run("lhe", "eft", dy.toString());
    assertThat(r.code()).as("r.code()").isEqualTo(2);
    assertThat(r.err()).as(r.err()).startsWith(dy + ": under-determined quadratic morphing: 37 reweighting points");
    assertThat(r.err()).as(r.err()).contains("630 cross terms with no point varying both coefficients");
    Run lin = run("lhe", "eft", dy.toString(), "--linear", "--json");
    assertThat(lin.code()).as(lin.err()).isEqualTo(0);
    assertThat(lin.json().get("coefficients").size()).as("lin.json().get(\"coefficients\").size()").isEqualTo(36);
    assertThat(lin.json().get("max_rel_residual").asDouble())
        .as("lin.json().get(\"max_rel_residual\").asDouble() <= REPRODUCTION_TOL")
        .isLessThanOrEqualTo(REPRODUCTION_TOL);
  }
}
