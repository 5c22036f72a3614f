package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.WorkspaceIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The start-up path of the command line: one subcommand built per run, no DJL for the likelihood commands. */
class StartUpTest {
  /** A generous bound on the child JVM (five small commands); a hung child is a failure, not a wait. */
  private static final long CHILD_TIMEOUT_SECONDS = 120;

  @Test
  void aRunBuildsOnlyTheSubcommandItNames() {
    CommandLine cl = Main.commandLine("fit", "ws.json", "--json");
    assertThat(cl.getSubcommands().keySet()).as("subcommands built for 'fit'").containsExactly("fit");
    CommandLine nested = Main.commandLine("--debug", "family", "scan");
    assertThat(nested.getSubcommands().keySet()).as("subcommands built for 'family' after a flag").containsExactly("family");
  }

  @Test
  void helpVersionAndUnknownNamesGetEveryCommand() {
    int all = Main.COMMANDS.size();
    assertThat(Main.commandLine().getSubcommands()).as("no arguments").hasSize(all);
    assertThat(Main.commandLine("--help").getSubcommands()).as("--help").hasSize(all);
    assertThat(Main.commandLine("fti", "ws.json").getSubcommands()).as("a mistyped command").hasSize(all);
  }

  /** {@code sumbin --help}, {@code sumbin --version} and a bare {@code sumbin} go through the warm-up without a command word. */
  @Test
  void theWarmUpAcceptsArgumentsWithoutACommand() {
    for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"--debug"}}) {
      assertThat(StartUp.firstWord(args)).as("command word of %s", List.of(args)).isNull();
      assertThat(StartUp.warmUp(args)).as("warm-up without a command word").isFalse(); // once threw NullPointerException
    }
    assertThat(StartUp.firstWord(new String[] {"--debug", "fit", "ws.json"})).as("command word after a flag").isEqualTo("fit");
  }

  /** {@code sumbin --version} answers before picocli is built, with exactly picocli's text. */
  @Test
  void theVersionShortcutPrintsWhatPicocliPrints() {
    java.io.StringWriter sw = new java.io.StringWriter();
    CommandLine cl = Main.commandLine("--version");
    cl.setOut(new java.io.PrintWriter(sw));
    assertThat(cl.execute("--version")).isZero();
    assertThat(Main.version()).isEqualTo(sw.toString()).startsWith("sumbin ");
    assertThat(Main.versionOnly(new String[] {"--version"})).isTrue();
    assertThat(Main.versionOnly(new String[] {"-V"})).isTrue();
    assertThat(Main.versionOnly(new String[] {"--version", "--debug"})).as("other arguments go to picocli").isFalse();
    assertThat(Main.versionOnly(new String[] {"fit", "--version"})).isFalse();
  }

  @Test
  void everyCommandIsFoundByItsName() {
    for (Class<?> c : Main.COMMANDS) {
      String name = c.getAnnotation(Command.class).name();
      assertThat(StartUp.named(Main.COMMANDS, new String[] {name, "x"})).as("command class named '%s'", name).isEqualTo(c);
    }
  }

  /**
   * The warm-up runs for the commands with the {@link WorkspaceInput} options, as picocli sees them
   * (a mixin), and only for them; no list names them.
   */
  @Test
  void theWarmUpRunsForTheCommandsThatReadAWorkspace() {
    Set<String> reading = new TreeSet<>();
    for (Class<?> c : Main.COMMANDS) {
      String name = c.getAnnotation(Command.class).name();
      boolean picocli = new CommandLine(c).getCommandSpec().mixins().values().stream()
          .anyMatch(m -> m.userObject() instanceof WorkspaceInput);
      assertThat(StartUp.readsWorkspace(c)).as("readsWorkspace(%s) versus picocli's mixins", name).isEqualTo(picocli);
      if (picocli) {
        reading.add(name);
      }
    }
    assertThat(reading).as("commands that read a workspace").contains("fit", "toys", "compatibility").doesNotContain("lhe", "train", "inspect");
    assertThat(StartUp.warmUp(new String[] {"--debug", "fit", "ws.json"})).as("warm-up for fit").isTrue();
    assertThat(StartUp.warmUp(new String[] {"lhe", "info", "x.lhe"})).as("warm-up for lhe").isFalse();
    assertThat(StartUp.warmUp(new String[] {"fti", "ws.json"})).as("warm-up for a mistyped command").isFalse();
  }

  /**
   * Runs fit, hypotest, limit, scan and toys in a fresh JVM with class-load logging: no DJL class
   * (engine, NDArray, model zoo) may be loaded by a command without networks.
   */
  @Test
  void likelihoodCommandsLoadNoDjlClass(@TempDir Path dir) throws IOException, InterruptedException {
    Path ws = dir.resolve("ws.json");
    WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), ws);
    Path log = dir.resolve("classes.log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
        RunSeveral.class.getName(), ws.toString(), dir.resolve("toys.jsonl").toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertThat(p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child JVM finished in time").isTrue();
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit code of the child running the commands; its output:%n%s", out).isZero();
    List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(loaded).as("class-load log").anyMatch(l -> l.contains("io.sumbin.histmodel.fit.Fitter "));
    assertThat(loaded).as("DJL classes loaded by fit, hypotest, limit, scan and toys")
        .noneMatch(l -> l.contains(" ai.djl."));
  }

  /** The child process of {@link #likelihoodCommandsLoadNoDjlClass}: each command as sumbin runs it. */
  static final class RunSeveral {
    public static void main(String[] a) {
      Main.configureRuntime();
      String ws = a[0];
      String[][] runs = {
          {"fit", ws, "--json"},
          {"hypotest", ws, "--poi-value", "1", "--json"},
          {"limit", ws, "--json"},
          {"scan", ws, "--param", "mu", "--range", "0:2:5", "--json"},
          {"toys", ws, "--poi-value", "1", "--ntoys", "20", "--seed", "1", "--threads", "1", "--out", a[1], "--json"}};
      for (String[] r : runs) {
        int code = Main.commandLine(r).execute(r);
        if (code != 0) {
          System.out.println(String.join(" ", r) + " exited with " + code);
          System.exit(code);
        }
      }
      System.exit(0);
    }
  }
}
