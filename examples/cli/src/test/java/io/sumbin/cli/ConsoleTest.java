package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The injected console: a command prints on the writers of its own command line (no static state,
 * so two command lines in one JVM do not mix their output), and the global {@code --strict}
 * reaches the command through {@link Console#globals()} wherever it is given.
 */
class ConsoleTest {
  @TempDir
  static Path dir;

  /** The example workspace with a measurement setting for a parameter the model lacks (pyhf ignores it). */
  static Path typo;

  static Path good;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void workspaces() throws IOException {
    String ws = """
        {"channels": [{"name": "singlechannel", "samples": [
          {"name": "signal", "data": [12.0, 11.0], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
          {"name": "background", "data": [50.0, 52.0],
           "modifiers": [{"name": "uncorr_bkguncrt", "type": "shapesys", "data": [3.0, 7.0]}]}]}],
         "observations": [{"name": "singlechannel", "data": [62.0, 60.0]}],
         "measurements": [{"name": "Measurement", "config": {"poi": "mu", "parameters": [%s]}}],
         "version": "1.0.0"}
        """;
    good = Files.writeString(dir.resolve("good.json"), ws.formatted(""));
    typo = Files.writeString(dir.resolve("typo.json"), ws.formatted("{\"name\": \"foo\", \"bounds\": [[0, 5]]}"));
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

  @Test
  void strictReachesTheCommandBeforeOrAfterItsName() {
    // pyhf's semantics by default: a warning, and the fit of the workspace without the ignored setting
    Run dflt = run("fit", typo.toString(), "--json");
    Run lenient = run("fit", typo.toString(), "--lenient", "--json"); // deprecated no-op
    for (Run r : new Run[] {dflt, lenient}) {
      assertThat(r.code()).isEqualTo(0);
      assertThat(r.err()).startsWith("warning: ").contains("'foo' is not a parameter of the model");
      assertThat(r.out()).startsWith("{\"par_names\":[\"mu\",\"uncorr_bkguncrt[0]\",\"uncorr_bkguncrt[1]\"]");
    }
    assertThat(dflt.out()).isEqualTo(run("fit", good.toString(), "--json").out()).isEqualTo(lenient.out());

    Run after = run("fit", typo.toString(), "--strict", "--json");
    Run before = run("--strict", "fit", typo.toString(), "--json");
    for (Run r : new Run[] {after, before}) {
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).as("nothing printed on bad input").isEmpty();
      assertThat(r.err()).contains("'foo' is not a parameter of the model", "refused under --strict");
    }
  }

  @Test
  void eachCommandLinePrintsOnItsOwnWriters() {
    Run a = run("fit", good.toString(), "--json");
    Run b = run("hypotest", good.toString(), "--poi-value", "1", "--json");
    assertThat(a.out().lines()).hasSize(1).allMatch(l -> l.startsWith("{\"par_names\""));
    assertThat(b.out().lines()).hasSize(1).allMatch(l -> l.startsWith("{\"cls_obs\""));
    assertThat(a.err()).isEmpty();
    assertThat(b.err()).isEmpty();
  }
}
