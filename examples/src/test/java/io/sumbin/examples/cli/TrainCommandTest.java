package io.sumbin.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import io.sumbin.testsupport.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sumbin train METHOD}, {@code sumbin summarize} and {@code sumbin bench-train}: tiny runs on the shared VBF events. */
class TrainCommandTest {
  static final String[] QUICK = {"--max-events", "1500", "--epochs", "2", "--hidden", "16,16", "--quiet", "--json"};

  @TempDir
  Path tmp;

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

  static Path vbf(int k) {
    return SharedData.lhe("smeftsim_VBFH-" + k + ".lhe.gz");
  }

  static String[] args(String[] head, String... tail) {
    List<String> a = new ArrayList<>(Arrays.asList(head));
    a.addAll(Arrays.asList(QUICK));
    a.addAll(Arrays.asList(tail));
    return a.toArray(new String[0]);
  }

  @Test
  void derivativeTrainsSavesAndSummarizes() throws IOException {
    Path dir = tmp.resolve("deriv");
    Run r = run(args(new String[] {"train", "derivative", "--events", vbf(1).toString(), "--out", dir.toString()},
        "--params", "cHW,cHB", "--features", "m_jj,dphi_jj_signed,pt_h,deta_jj", "--smear", "--plots"));
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    assertEquals("derivative", j.get("method").asText());
    assertEquals(1500, j.get("events").asInt());
    assertEquals(2, j.get("epochs").asInt());
    assertEquals("[\"cHW\",\"cHB\"]", j.get("parameters").toString());
    assertTrue(Files.isRegularFile(dir.resolve("summary.json")));
    JsonNode meta = Json.parse(Files.readString(dir.resolve("summary.json")), "summary.json");
    assertTrue(meta.get("annotations").get("command").asText().startsWith("sumbin train derivative --events"),
        meta.get("annotations").toString());
    assertEquals(vbf(1).toString(), meta.get("annotations").get("events").asText());
    assertEquals(5.0, meta.get("smearing").get("threshold").asDouble(), 0.0);
    assertTrue(Files.isRegularFile(dir.resolve("plots").resolve("labels.png")));
    assertTrue(Files.isRegularFile(dir.resolve("plots").resolve("loss.png")));
    Path csv = tmp.resolve("r.csv");
    Run s = run("summarize", dir.toString(), "--events", vbf(2).toString(), "--out", csv.toString(), "--json");
    assertEquals(0, s.code(), s.err());
    assertEquals("[\"R_cHW\",\"R_cHB\",\"R_cHW_cHW\",\"R_cHW_cHB\",\"R_cHB_cHB\"]", s.json().get("columns").toString());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(10_001, lines.size());
    assertEquals("event,weight,R_cHW,R_cHB,R_cHW_cHW,R_cHW_cHB,R_cHB_cHB", lines.get(0));
    assertEquals(7, lines.get(1).split(",").length);
  }

  @Test
  void everyRatioMethodTrains() {
    String[][] methods = {
        {"carl"}, {"alice", "--ensemble", "2", "--threads", "2"}, {"morphing", "--loss", "carl"},
        {"event2vec", "--dimension", "3"}, {"event2vec-binwise", "--dimension", "4"}};
    for (String[] m : methods) {
      Path dir = tmp.resolve(m[0]);
      List<String> head = new ArrayList<>(List.of("train", m[0], "--events", vbf(1).toString(), "--out", dir.toString(),
          "--params", "cHW", "--features", "m_jj,dphi_jj_signed,pt_h"));
      head.addAll(Arrays.asList(m).subList(1, m.length));
      Run r = run(args(head.toArray(new String[0])));
      assertEquals(0, r.code(), m[0] + ": " + r.err());
      assertEquals(m.length > 2 && m[1].equals("--ensemble") ? 2 : 1, r.json().get("members").asInt());
      Path csv = tmp.resolve(m[0] + ".csv");
      Run s = run("summarize", dir.toString(), "--events", vbf(3).toString(), "--out", csv.toString(), "--theta",
          "cHW=0.1", "--json");
      assertEquals(0, s.code(), m[0] + " summarize: " + s.err());
      String cols = s.json().get("columns").toString();
      assertTrue(cols.contains("\"log_r\""), cols);
      if (m[0].equals("alice")) {
        assertTrue(cols.contains("log_r_std"), cols);
      }
      if (m[0].startsWith("event2vec-binwise")) {
        assertTrue(cols.contains("bin_3"), cols);
      }
    }
  }

  @Test
  void badInputIsOneLineWithExitCodeTwo() throws IOException {
    Path out = tmp.resolve("m");
    List<String[]> cases = List.of(
        new String[] {"train", "derivative", "--events", tmp.resolve("missing.lhe").toString(), "--out", out.toString()},
        new String[] {"train", "alice", "--events", vbf(1).toString(), "--out", out.toString(), "--features", "m_jj,nope"},
        new String[] {"train", "carl", "--events", vbf(1).toString(), "--out", out.toString(), "--params", "cXYZ"},
        new String[] {"train", "derivative", "--events", vbf(1).toString(), "--out", out.toString(), "--smear", "1:2"},
        new String[] {"train", "alice", "--events", vbf(1).toString(), "--out", out.toString(), "--range", "cHW=1:0"},
        new String[] {"train", "morphing", "--events", vbf(1).toString(), "--out", out.toString(), "--params", "cHW",
            "--basis-point", "cHW=0", "--basis-point", "cHW=0", "--basis-point", "cHW=0.1"},
        new String[] {"train", "event2vec", "--events", vbf(1).toString(), "--out", out.toString(), "--epochs", "0"},
        new String[] {"summarize", tmp.toString(), "--events", vbf(1).toString(), "--out", tmp.resolve("x.csv").toString()},
        new String[] {"train"});
    for (String[] c : cases) {
      Run r = run(c);
      assertEquals(2, r.code(), String.join(" ", c) + " → " + r.err());
      String err = r.err().strip();
      assertFalse(err.isEmpty(), String.join(" ", c));
      assertFalse(err.contains("\n"), "more than one line: " + err);
      assertFalse(err.contains("Exception"), err);
    }
    Path model = tmp.resolve("carl");
    assertEquals(0, run(args(new String[] {"train", "carl", "--events", vbf(1).toString(), "--out", model.toString(),
        "--params", "cHW", "--features", "m_jj"})).code());
    Run r = run("summarize", model.toString(), "--events", vbf(1).toString(), "--out", tmp.resolve("y.csv").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("give --theta NAME=V for cHW"), r.err());
    Files.writeString(model.resolve("summary.json"), "{\"format\": \"sumbin-summary\", \"format_version\": 7}");
    r = run("summarize", model.toString(), "--events", vbf(1).toString(), "--out", tmp.resolve("y.csv").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("format_version"), r.err());
  }

  @Test
  void benchTrainReportsThroughput() {
    Run r = run("bench-train", "--events", "3000", "--epochs", "2", "--hidden", "16", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    assertEquals(3000, j.get("events").asInt());
    assertTrue(j.get("events_per_second_per_epoch").asDouble() > 0);
    assertEquals(2, j.get("epoch_seconds").size());
  }
}
