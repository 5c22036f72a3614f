package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.binning.lhe.LheFormatException;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.pyhf.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level handler (exit codes 1/2/3, one line, --debug) and the output-path helpers (issue 12, items 2 and 5). */
class ErrorContractTest {
  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  /** A command that fails with a given exception, added to the real command line. */
  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    static RuntimeException next;

    @Override
    public Integer call() {
      throw next;
    }
  }

  static Run run(RuntimeException e, String... args) {
    Boom.next = e;
    CommandLine cl = Main.commandLine();
    cl.addSubcommand("boom", new Boom());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void badInputOfEveryModuleIsExitTwoWithItsOneLine() {
    for (RuntimeException e : List.of(new UserError("--x: bad"), new InputException("ws.json", "channels[0]", "bad"),
        new SpecException("channels[0]", "bad"), new LheFormatException("f.lhe", 3, "bad"),
        new UncheckedIOException("cannot read weights w.params: EOF", new IOException("EOF")))) {
      Run r = run(e, "boom");
      assertThat(r.code()).as("%s", e).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo(e.getMessage());
    }
  }

  /** A broken extension jar (a services line naming a missing class) is the installation's fault, not a sumbin bug. */
  @Test
  void aBrokenExtensionOnTheClassPathIsNamedNotCalledABug() {
    Throwable e = new java.util.ServiceConfigurationError("modifier extension on the class path: Provider com.example.Missing not found");
    assertThat(Main.exitCode(e)).isEqualTo(1);
    assertThat(Main.message(e, 1)).isEqualTo(
        "sumbin: an extension on the class path is broken: modifier extension on the class path: Provider com.example.Missing not found");
  }

  @Test
  void numericalFailureIsExitThree() {
    Run r = run(new NumericalFailure("fit: no convergence"), "boom");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err().strip()).isEqualTo("numerical failure: fit: no convergence");
  }

  @Test
  void aBugIsExitOneWithARequestToReportAndTheStackTraceOnlyUnderDebug() {
    Run r = run(new IllegalStateException("index 7 out of range\nsecond line"), "boom");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> !l.isBlank()).count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("sumbin: internal error: java.lang.IllegalStateException: index 7 out of range second line",
        "please report it", "--debug").doesNotContain("\tat ");
    Run d = run(new IllegalStateException("index 7"), "boom", "--debug");
    assertThat(d.code()).isEqualTo(1);
    assertThat(d.err()).contains("internal error", "\tat io.sumbin.cli.ErrorContractTest");
  }

  @Test
  void debugAndLenientAreAcceptedAfterAnySubcommand() {
    Run r = run(new UserError("x"), "boom", "--lenient", "--debug");
    assertThat(r.code()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ output paths

  @Test
  void outputFileChecks() throws IOException {
    Path file = Files.writeString(tmp.resolve("f.txt"), "x");
    assertThat(Outputs.checkFile(tmp.resolve("new/deeper/out.json"))).isEqualTo(tmp.resolve("new/deeper/out.json"));
    assertThat(Files.exists(tmp.resolve("new"))).as("checking creates nothing").isFalse();
    assertThatThrownBy(() -> Outputs.checkFile(tmp)).isInstanceOf(UserError.class).hasMessageEndingWith("is a directory, expected a file");
    assertThatThrownBy(() -> Outputs.checkFile(file.resolve("x.json"))).isInstanceOf(UserError.class)
        .hasMessageContaining(file + " is a file, not a directory");
    assertThatThrownBy(() -> Outputs.checkFile(Path.of("/proc/sumbin-test/x.json"))).isInstanceOf(UserError.class)
        .hasMessageContaining("cannot write in /proc");
    assertThatThrownBy(() -> Outputs.checkDirectory(file)).isInstanceOf(UserError.class).hasMessageEndingWith("exists and is not a directory");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).as("no probe files left").containsExactly("f.txt");
    }
  }

  @Test
  void atomicWriteLeavesNothingWhenTheWriterFails() throws IOException {
    Path target = tmp.resolve("sub/dir/out.csv");
    assertThatThrownBy(() -> Outputs.writeAtomically(target, t -> {
      Files.writeString(t, "half");
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).as("neither the file nor the parents made for it").isEmpty();
    }
    Outputs.writeAtomically(target, t -> Files.writeString(t, "whole"));
    assertThat(Files.readString(target)).isEqualTo("whole");
    try (Stream<Path> s = Files.list(target.getParent())) {
      assertThat(s).containsExactly(target);
    }
  }

  @Test
  void stagedDirectoryAppearsOnlyOnCommitAndKeepsOtherFiles() throws IOException {
    Path target = tmp.resolve("out");
    try (Outputs.Staged s = Outputs.stage(target)) {
      Files.writeString(s.dir().resolve("a.json"), "1");
      Files.createDirectories(s.dir().resolve("models/m"));
      Files.writeString(s.dir().resolve("models/m/w.params"), "2");
      assertThat(Files.exists(target)).isFalse();
      assertThat(s.finalPath(s.dir().resolve("models/m/w.params"))).isEqualTo(target.resolve("models/m/w.params"));
      // no commit: failure
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).as("an aborted stage leaves nothing").isEmpty();
    }
    Files.createDirectories(target.resolve("models"));
    Files.writeString(target.resolve("keep.txt"), "user file");
    Files.writeString(target.resolve("a.json"), "old");
    try (Outputs.Staged s = Outputs.stage(target)) {
      Files.writeString(s.dir().resolve("a.json"), "new");
      Files.createDirectories(s.dir().resolve("models/m"));
      Files.writeString(s.dir().resolve("models/m/w.params"), "2");
      s.commit();
    }
    assertThat(Files.readString(target.resolve("a.json"))).isEqualTo("new");
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("user file");
    assertThat(Files.readString(target.resolve("models/m/w.params"))).isEqualTo("2");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).as("no staging directory left").containsExactly(target);
    }
  }

  // ------------------------------------------------------------------ converters

  @Test
  void gridsAreFiniteOrderedAndCapped() {
    assertThat(Converters.Grid.parse("0:1:3").values()).containsExactly(0.0, 0.5, 1.0);
    for (String bad : List.of("0:1", "NaN:1:3", "0:Infinity:3", "1:0:3", "0:1:1", "0:1:10001", "0:1:x", "0:1:3:4")) {
      assertThatThrownBy(() -> Converters.Grid.parse(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class);
    }
    assertThat(Converters.Grid.parse("0:1:" + Converters.MAX_GRID_POINTS).n()).isEqualTo(Converters.MAX_GRID_POINTS);
  }

  @Test
  void namedValuesAndRanges() {
    assertThat(Converters.NamedValue.parse("uncorr_bkguncrt[1]=1.5")).extracting(Converters.NamedValue::name, Converters.NamedValue::value)
        .containsExactly("uncorr_bkguncrt[1]", 1.5);
    assertThat(Converters.NamedRange.parse("cHW=-1:2")).extracting(Converters.NamedRange::lo, Converters.NamedRange::hi)
        .containsExactly(-1.0, 2.0);
    for (String bad : List.of("mu", "=1", "mu=NaN", "mu=1e999")) {
      assertThatThrownBy(() -> Converters.NamedValue.parse(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class);
    }
    for (String bad : List.of("c=1", "c=2:1", "c=0:Infinity", "c=0:1:2")) {
      assertThatThrownBy(() -> Converters.NamedRange.parse(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class);
    }
  }
}
