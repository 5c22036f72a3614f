package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = r.json();
    assertThat(j.get("method").asText()).as("j.get(\"method\").asText()").isEqualTo("derivative");
    assertThat(j.get("events").asInt()).as("j.get(\"events\").asInt()").isEqualTo(1500);
    assertThat(j.get("epochs").asInt()).as("j.get(\"epochs\").asInt()").isEqualTo(2);
    assertThat(j.get("parameters").toString()).as("j.get(\"parameters\").toString()").isEqualTo("[\"cHW\",\"cHB\"]");
    assertThat(Files.isRegularFile(dir.resolve("summary.json")))
        .as("Files.isRegularFile(dir.resolve(\"summary.json\"))")
        .isTrue();
    JsonNode meta = Json.parse(Files.readString(dir.resolve("summary.json")), "summary.json");
    assertThat(meta.get("annotations").get("command").asText())
        .as(meta.get("annotations").toString())
        .startsWith("sumbin train derivative --events");
    assertThat(meta.get("annotations").get("events").asText())
        .as("meta.get(\"annotations\").get(\"events\").asText()")
        .isEqualTo(vbf(1).toString());
    assertThat(meta.get("smearing").get("threshold").asDouble())
        .as("meta.get(\"smearing\").get(\"threshold\").asDouble()")
        .isCloseTo(5.0, within(0.0));
    assertThat(Files.isRegularFile(dir.resolve("plots").resolve("labels.png")))
        .as("Files.isRegularFile(dir.resolve(\"plots\").resolve(\"labels.png\"))")
        .isTrue();
    assertThat(Files.isRegularFile(dir.resolve("plots").resolve("loss.png")))
        .as("Files.isRegularFile(dir.resolve(\"plots\").resolve(\"loss.png\"))")
        .isTrue();
    Path csv = tmp.resolve("r.csv");
    Run s = run("summarize", dir.toString(), "--events", vbf(2).toString(), "--out", csv.toString(), "--json");
    assertThat(s.code()).as(s.err()).isEqualTo(0);
    assertThat(s.json().get("columns").toString())
        .as("s.json().get(\"columns\").toString()")
        .isEqualTo("[\"R_cHW\",\"R_cHB\",\"R_cHW_cHW\",\"R_cHW_cHB\",\"R_cHB_cHB\"]");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.size()).as("lines.size()").isEqualTo(10_001);
    assertThat(lines.get(0)).as("lines.get(0)").isEqualTo("event,weight,R_cHW,R_cHB,R_cHW_cHW,R_cHW_cHB,R_cHB_cHB");
    assertThat(lines.get(1).split(",").length).as("lines.get(1).split(\",\").length").isEqualTo(7);
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
      assertThat(r.code()).as(m[0] + ": " + r.err()).isEqualTo(0);
      assertThat(r.json().get("members").asInt())
          .as("r.json().get(\"members\").asInt()")
          .isEqualTo(m.length > 2 && m[1].equals("--ensemble") ? 2 : 1);
      Path csv = tmp.resolve(m[0] + ".csv");
      Run s = run("summarize", dir.toString(), "--events", vbf(3).toString(), "--out", csv.toString(), "--theta",
          "cHW=0.1", "--json");
      assertThat(s.code()).as(m[0] + " summarize: " + s.err()).isEqualTo(0);
      String cols = s.json().get("columns").toString();
      assertThat(cols).as(cols).contains("\"log_r\"");
      if (m[0].equals("alice")) {
        assertThat(cols).as(cols).contains("log_r_std");
      }
      if (m[0].startsWith("event2vec-binwise")) {
        assertThat(cols).as(cols).contains("bin_3");
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
      assertThat(r.code()).as(String.join(" ", c) + " → " + r.err()).isEqualTo(2);
      String err = r.err().strip();
      assertThat(err).as(String.join(" ", c)).isNotEmpty();
      assertThat(err).as("more than one line: " + err).doesNotContain("\n");
      assertThat(err).as(err).doesNotContain("Exception");
    }
    Path model = tmp.resolve("carl");
    assertThat(run(args(new String[] {"train", "carl", "--events", vbf(1).toString(), "--out", model.toString(),
        "--params", "cHW", "--features", "m_jj"})).code())
        .as("run(args(new String[] {\"train\", \"carl\", \"--events\", vbf(1).toString(), \"--out\", model.toString(), \"--params\", \"cHW\", \"--features\", \"m_jj\"})).code()")
        .isEqualTo(0);
    Run r = run("summarize", model.toString(), "--events", vbf(1).toString(), "--out", tmp.resolve("y.csv").toString());
    assertThat(r.code()).as("r.code()").isEqualTo(2);
    assertThat(r.err()).as(r.err()).contains("give --theta NAME=V for cHW");
    Files.writeString(model.resolve("summary.json"), "{\"format\": \"sumbin-summary\", \"format_version\": 7}");
    r = run("summarize", model.toString(), "--events", vbf(1).toString(), "--out", tmp.resolve("y.csv").toString());
    assertThat(r.code()).as("r.code()").isEqualTo(2);
    assertThat(r.err()).as(r.err()).contains("format_version");
  }

  @Test
  void benchTrainReportsThroughput() {
    Run r = run("bench-train", "--events", "3000", "--epochs", "2", "--hidden", "16", "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = r.json();
    assertThat(j.get("events").asInt()).as("j.get(\"events\").asInt()").isEqualTo(3000);
    assertThat(j.get("events_per_second_per_epoch").asDouble())
        .as("j.get(\"events_per_second_per_epoch\").asDouble() > 0")
        .isGreaterThan(0);
    assertThat(j.get("epoch_seconds").size()).as("j.get(\"epoch_seconds\").size()").isEqualTo(2);
    // the training thread's CPU: positive, and no more than the training's wall time (one thread, one model)
    assertThat(j.get("thread_cpu_seconds").asDouble()).as("thread_cpu_seconds").isPositive()
        .isLessThanOrEqualTo(j.get("wall_seconds").asDouble() + 0.01);
  }
}
