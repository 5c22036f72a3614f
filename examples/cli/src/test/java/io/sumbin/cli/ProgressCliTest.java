package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Progress on stderr: plain lines without carriage returns when stderr is not a terminal (as here, where the
 * command line writes to a buffer), an updating line with {@code --progress tty}, nothing with {@code --quiet}
 * or for work under 2 s; stdout is the same byte for byte in every mode.
 */
class ProgressCliTest {
  @TempDir
  static Path dir;

  static Path ws;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void workspace() throws IOException {
    ws = Files.writeString(dir.resolve("ws.json"), """
        {"channels": [{"name": "singlechannel", "samples": [
          {"name": "signal", "data": [12.0, 11.0], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
          {"name": "background", "data": [50.0, 52.0],
           "modifiers": [{"name": "uncorr_bkguncrt", "type": "shapesys", "data": [3.0, 7.0]}]}]}],
         "observations": [{"name": "singlechannel", "data": [62.0, 60.0]}],
         "measurements": [{"name": "Measurement", "config": {"poi": "mu", "parameters": []}}],
         "version": "1.0.0"}
        """);
  }

  static Run run(String... args) {
    CommandLine cl = Main.commandLine(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static String[] toys(String... extra) {
    List<String> a = new ArrayList<>(List.of("hypotest", ws.toString(), "--poi-value", "1", "--calc", "toys", "--ntoys", "300",
        "--seed", "7", "--threads", "2", "--json"));
    a.addAll(Arrays.asList(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void plainLinesWithoutCarriageReturnsAndTheSameStdout() {
    Run quiet = run(toys("--quiet"));
    Run dflt = run(toys());
    Run plain = run(toys("--progress-after", "0"));
    for (Run r : List.of(quiet, dflt, plain)) {
      assertThat(r.code()).as(r.err()).isZero();
    }
    JsonNode j = Json.parse(quiet.out(), "stdout");
    assertThat(j.get("cls_obs").asDouble()).isBetween(0.0, 1.0);
    assertThat(dflt.out()).isEqualTo(quiet.out()).isEqualTo(plain.out());
    assertThat(quiet.err()).isEmpty();
    // a 600-toy run takes well under 2 s: nothing by default
    assertThat(dflt.err()).isEmpty();
    // from the first toy on: a line at the first update, then one every 5 s, and the final line
    assertThat(plain.err()).doesNotContain("\r");
    List<String> lines = plain.err().lines().toList();
    assertThat(lines.get(0)).matches("toys  1/600  0%  .*");
    assertThat(lines.get(lines.size() - 1)).matches("toys: 600/600 in \\d+\\.\\d s, \\d+(\\.\\d+)?/s");
  }

  @Test
  void ttyModeRedrawsOneLineAndClearsIt() {
    Run tty = run(toys("--progress", "tty", "--progress-after", "0"));
    assertThat(tty.code()).isZero();
    assertThat(tty.out()).isEqualTo(run(toys("--quiet")).out());
    assertThat(tty.err()).startsWith("\rtoys  1/600  0%").doesNotContain("\n").matches("(?s).*\r +\r");
  }

  @Test
  void quietWinsAndIsAGlobalOptionAnywhereOnTheLine() {
    assertThat(run(toys("--progress", "plain", "--progress-after", "0", "--quiet")).err()).isEmpty();
    List<String> a = new ArrayList<>(List.of("--quiet"));
    a.addAll(Arrays.asList(toys("--progress-after", "0")));
    assertThat(run(a.toArray(new String[0])).err()).isEmpty();
    assertThat(run(toys("--progress", "off", "--progress-after", "0")).err()).isEmpty();
  }

  @Test
  void trainingReportsItsEpochsAndEnsemblesTheirMembers() {
    String lhe = SharedData.lhe("smeftsim_VBFH-1.lhe.gz").toString();
    Run one = run("train", "carl", "--events", lhe, "--max-events", "1500", "--epochs", "3", "--patience", "5", "--hidden", "16,16",
        "--params", "cHW", "--json", "--out", dir.resolve("carl").toString(), "--progress-after", "0");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.err()).doesNotContain("\r");
    List<String> lines = one.err().lines().toList();
    assertThat(lines.get(0)).startsWith("carl  0/3 epochs  0%");
    assertThat(lines.get(lines.size() - 1)).matches("carl: 3/3 epochs in .* s, .*, kept epoch \\d, loss \\d.*");
    assertThat(Json.parse(one.out(), "stdout").get("epochs").asInt()).isEqualTo(3);

    Run ens = run("train", "carl", "--events", lhe, "--max-events", "1500", "--epochs", "2", "--hidden", "8", "--params", "cHW",
        "--ensemble", "2", "--json", "--out", dir.resolve("ens").toString(), "--progress-after", "0");
    assertThat(ens.code()).as(ens.err()).isZero();
    List<String> el = ens.err().lines().toList();
    assertThat(el.get(0)).matches("ensemble  1/2 members  50%  .*member \\d \\(carl\\) done: 2 epochs, loss .*");
    assertThat(el.get(el.size() - 1)).startsWith("ensemble: 2/2 members in ");
  }

  @Test
  void aBadModeIsOneLineExit2() {
    Run r = run(toys("--progress", "sometimes"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1).first().asString().contains("--progress", "sometimes");
  }

  @Test
  void autoIsPlainUnlessTheCommandLineWritesToATerminal() {
    GlobalOptions g = new GlobalOptions();
    assertThat(g.progressMode()).isEqualTo(GlobalOptions.ProgressMode.plain); // a redirected command line (tests, embedding)
    g.quiet = true;
    assertThat(g.progressMode()).isEqualTo(GlobalOptions.ProgressMode.off);
    g.quiet = false;
    g.progress = GlobalOptions.ProgressMode.tty;
    assertThat(g.progressMode()).isEqualTo(GlobalOptions.ProgressMode.tty);
  }
}
