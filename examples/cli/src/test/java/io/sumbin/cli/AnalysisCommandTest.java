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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sumbin analysis run|validate}: the JSON contract, outputs, exit codes and one-line errors. */
class AnalysisCommandTest {
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

  @Test
  void validatesTheShippedExample() {
    Path example = Path.of("..", "analyses", "vbf-dy.json");
    SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    Run r = run("analysis", "validate", example.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.json().get("valid").asBoolean()).isTrue();
    assertThat(r.json().get("regions").asInt()).isEqualTo(2);
    assertThat(r.json().get("processes").asInt()).isEqualTo(4);
  }

  @Test
  void badInputExitsTwoWithOneLineNamingFileAndPath(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a.json");
    Files.writeString(f, "{\"luminosity_fb\": -1, \"parameters\": {\"c\": [0, 1]}, \"processes\": [], \"regions\": []}");
    Run r = run("analysis", "validate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith(f + ": ").contains("luminosity_fb").doesNotContain("\n").doesNotContain("Exception");
    Run r2 = run("analysis", "run", dir.resolve("missing.json").toString());
    assertThat(r2.code()).isEqualTo(2);
    assertThat(r2.err()).contains("no such analysis file");
  }

  @Test
  void runPrintsTheJsonContractAndWritesTheOutputs(@TempDir Path dir) throws IOException {
    Path vbf = SharedData.lhe("smeftsim_VBFH-1.lhe.gz").toAbsolutePath();
    Path f = dir.resolve("a.json");
    Files.writeString(f, """
        {"luminosity_fb": 300, "parameters": {"cHW": [-0.6, 0.6]},
         "processes": [{"name": "vbfh", "events": ["%s"]}],
         "regions": [{"name": "vbf", "processes": ["vbfh"], "selection": "m_jj > 300", "observable": {"column": "m_jj"}, "bins": 5}],
         "systematics": [{"name": "jes", "type": "jet_energy_scale", "size": 0.03}, {"name": "mcstat", "type": "staterror"}],
         "scans": [{"parameter": "cHW", "points": 13}]}
        """.formatted(vbf.toString().replace("\\", "\\\\")));
    Path out = dir.resolve("out");
    Run r = run("analysis", "run", f.toString(), "--out", out.toString(), "--json", "--threads", "1", "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    JsonNode p = j.get("parameters").get("cHW");
    for (String k : new String[] {"best", "interval_68", "interval_95", "fisher", "fisher_error"}) {
      assertThat(p.has(k)).as(k).isTrue();
    }
    assertThat(p.get("interval_68").get(0).asDouble()).isNegative();
    assertThat(p.get("interval_68").get(1).asDouble()).isPositive();
    assertThat(p.get("fisher").asDouble()).isPositive();
    assertThat(j.get("regions").get("vbf").get("parameters").has("cHW")).isTrue();
    assertThat(j.get("nuisance_parameters").get("jes").get("uncertainty").asDouble()).isBetween(0.0, 1.001);
    assertThat(j.get("seconds").asDouble()).isPositive();
    assertThat(Files.isRegularFile(out.resolve("result.json"))).isTrue();
    assertThat(Files.isRegularFile(out.resolve("pyhf/patchset.json"))).isTrue();
    assertThat(Files.isRegularFile(out.resolve("plots/scan_cHW.png"))).isTrue();
    assertThat(Files.isRegularFile(out.resolve("plots/templates_vbf.png"))).isTrue();
    assertThat(j.get("outputs").get("result").asText()).isEqualTo(out.resolve("result.json").toString());
  }
}
