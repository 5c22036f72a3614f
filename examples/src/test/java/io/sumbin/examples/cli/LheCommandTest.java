package io.sumbin.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
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
    String event = String.join("\n",
        "<event>",
        " 3      1 +1.0000000e+00 1.0e+02 7.5e-03 1.1e-01",
        "        2 -1    0    0  501    0 0 0 +5.0e+02 5.0e+02 0 0 -1",
        "        2 -1    0    0  502    0 0 0 -5.0e+02 5.0e+02 0 0 -1",
        particleLine,
        "<rwgt>",
        "<wgt id='SM'> 1.0 </wgt>",
        "<wgt id='cA_0p1'> 1.2 </wgt>",
        "<wgt id='cA_0p2'> 1.5 </wgt>",
        "</rwgt>",
        "</event>");
    return String.join("\n",
        "<LesHouchesEvents version=\"3.0\">",
        "<header>",
        "<initrwgt>",
        "<weightgroup name='mg_reweighting'>",
        "<weight id='SM'></weight>",
        "<weight id='cA_0p1'>set param_card smeft 1 0.1</weight>",
        "<weight id='cA_0p2'>set param_card smeft 1 0.2</weight>",
        "</weightgroup>",
        "</initrwgt>",
        "</header>",
        "<init>",
        "2212 2212 6.5e+03 6.5e+03 0 0 247000 247000 -4 1",
        "1.0e+00 1.0e-02 1.0e+00 1",
        "</init>",
        String.join("\n", java.util.Collections.nCopies(nEvents, event)),
        "</LesHouchesEvents>",
        "");
  }

  static final String GOOD_PARTICLE = "       25  1    1    2    0    0 0 0 0 1.25e+02 1.25e+02 0 0";

  @Test
  void infoOnASmallFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("small.lhe");
    Files.writeString(f, small(GOOD_PARTICLE));
    Run r = run("lhe", "info", f.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    assertEquals(2, j.get("events").asInt());
    assertEquals(1.0, j.get("cross_section").asDouble(), 0.0);
    assertEquals(1.0, j.get("sum_weights").asDouble(), 0.0);
    assertEquals("[\"SM\",\"cA_0p1\",\"cA_0p2\"]", j.get("weight_ids").toString());
    assertEquals(3, j.get("points").asInt());
    assertEquals("{\"id\":\"cA_0p2\",\"values\":{\"cA\":0.2}}", j.get("parameter_points").get(2).toString());
    assertEquals("[\"cA\"]", j.get("coefficients").toString());
    Run text = run("lhe", "info", f.toString());
    assertEquals(0, text.code());
    assertTrue(text.out().contains("events         2 (read in"), text.out());
    assertTrue(text.out().contains("cA_0p2  cA = 0.2"), text.out());
  }

  @Test
  void eftOnASmallFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("small.lhe");
    Files.writeString(f, small(GOOD_PARTICLE));
    Run r = run("lhe", "eft", f.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    assertEquals(2, j.get("events").asInt());
    assertEquals("[\"cA\"]", j.get("coefficients").toString());
    assertEquals(3, j.get("points").asInt());
    assertEquals(3, j.get("components").asInt());
    assertTrue(j.get("max_rel_residual").asDouble() < 1e-12);
    assertTrue(j.get("condition_number").asDouble() > 1);
    // w(c) = 1 + 1.5 c + 5 c^2 reproduces 1, 1.2, 1.5
    assertEquals(1.5, j.get("cross_section_terms").get("cA").asDouble(), 1e-12);
    assertEquals(5.0, j.get("cross_section_terms").get("cA^2").asDouble(), 1e-10);
  }

  @Test
  void missingFileIsOneLineExitTwo(@TempDir Path dir) {
    Path f = dir.resolve("nothing.lhe.gz");
    Run r = run("lhe", "info", f.toString());
    assertEquals(2, r.code());
    assertEquals(f + ": no such file\n", r.err().replace("\r\n", "\n"));
    assertEquals("", r.out());
  }

  @Test
  void malformedEventLineNamesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.lhe");
    Files.writeString(f, small("       25  1    1    2    0    0 0 0 zero 1.25e+02 1.25e+02 0 0"));
    for (String cmd : new String[] {"info", "eft"}) {
      Run r = run("lhe", cmd, f.toString(), "--json");
      assertEquals(2, r.code(), cmd);
      assertEquals(f + ": line 19: pz: 'zero' is not a number", r.err().strip());
      assertEquals(1, r.err().strip().lines().count());
      assertFalse(r.err().contains("Exception"), "no stack trace");
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
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith(f + ": line "), r.err());
    assertTrue(r.err().contains("truncated or corrupt gzip stream"), r.err());
    assertEquals(1, r.err().strip().lines().count());
  }

  @Test
  void underdeterminedEftExitsTwoNamingTheTerms(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("one-point.lhe");
    Files.writeString(f, small(GOOD_PARTICLE).replace("cA_0p2", "cB_0p1"));
    Run r = run("lhe", "eft", f.toString(), "--json");
    assertEquals(2, r.code());
    assertEquals(f + ": under-determined quadratic morphing: 3 reweighting points give rank 3, 6 components are needed "
        + "for 2 coefficients; cannot separate: linear and quadratic terms of 2 coefficients varied at one value only "
        + "(cA, cB); 1 cross term with no point varying both coefficients (cA*cB); add points (a second value per "
        + "coefficient, pairs cX_cY) or fit a linear-only model", r.err().strip());
    Run lin = run("lhe", "eft", f.toString(), "--linear", "--json");
    assertEquals(0, lin.code(), lin.err());
    assertEquals("linear", lin.json().get("mode").asText());
    assertEquals(3, lin.json().get("components").asInt());
  }

  @Test
  void missingSubcommandExitsTwo() {
    Run r = run("lhe");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("missing subcommand: info or eft"), r.err());
  }

  @Test
  void sharedVbfFiles() {
    Path f1 = shared("smeftsim_VBFH-1.lhe.gz");
    Path f2 = shared("smeftsim_VBFH-2.lhe.gz");
    Run info = run("lhe", "info", f1.toString(), "--json");
    assertEquals(0, info.code(), info.err());
    assertEquals(10_000, info.json().get("events").asInt());
    assertEquals(3.343019, info.json().get("cross_section").asDouble(), 0.0);
    assertEquals(21, info.json().get("weight_ids").size());
    assertEquals(5, info.json().get("coefficients").size());
    Run eft = run("lhe", "eft", f1.toString(), f2.toString(), "--json");
    assertEquals(0, eft.code(), eft.err());
    JsonNode j = eft.json();
    assertEquals(20_000, j.get("events").asInt());
    assertEquals("[\"cHB\",\"cHDD\",\"cHW\",\"cHWB\",\"cHbox\"]", j.get("coefficients").toString());
    assertEquals(21, j.get("points").asInt());
    assertTrue(j.get("condition_number").asDouble() > 1 && j.get("condition_number").asDouble() < 1e4);
    assertTrue(j.get("max_rel_residual").asDouble() <= REPRODUCTION_TOL);
  }

  @Test
  void sharedDrellYanNeedsLinear() {
    Path dy = shared("dy1j.lhe.gz");
    Run r = run("lhe", "eft", dy.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith(dy + ": under-determined quadratic morphing: 37 reweighting points"), r.err());
    assertTrue(r.err().contains("630 cross terms with no point varying both coefficients"), r.err());
    Run lin = run("lhe", "eft", dy.toString(), "--linear", "--json");
    assertEquals(0, lin.code(), lin.err());
    assertEquals(36, lin.json().get("coefficients").size());
    assertTrue(lin.json().get("max_rel_residual").asDouble() <= REPRODUCTION_TOL);
  }
}
