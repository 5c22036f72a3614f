package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.cli.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Issue 23 item 7: every option and positional parameter of every command is described in
 * {@code --help} with a readable label, and options are listed only where they apply.
 */
class CliOptionsTest {
  /** Every command of the tree with its path ("sumbin patchset cls"). */
  static void walk(CommandLine cl, String path, Map<String, CommandSpec> out) {
    out.put(path, cl.getCommandSpec());
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals("help")) {
        walk(e.getValue(), path + " " + e.getKey(), out);
      }
    }
  }

  static Map<String, CommandSpec> commands() {
    Map<String, CommandSpec> all = new java.util.LinkedHashMap<>();
    walk(Main.commandLine(), "sumbin", all);
    return all;
  }

  @Test
  void everyOptionAndPositionalIsDescribedWithAReadableLabel() {
    Map<String, CommandSpec> all = commands();
    assertThat(all.size()).as("commands in the tree").isGreaterThanOrEqualTo(40);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, CommandSpec> e : all.entrySet()) {
      List<ArgSpec> args = new ArrayList<>(e.getValue().options());
      args.addAll(e.getValue().positionalParameters());
      for (ArgSpec a : args) {
        if (a.hidden()) {
          continue;
        }
        checked++;
        String name = a instanceof OptionSpec o ? o.longestName() : "positional " + ((PositionalParamSpec) a).paramLabel();
        String description = String.join(" ", a.description()).strip();
        if (description.isEmpty()) {
          problems.add(e.getKey() + " " + name + ": no description");
        }
        boolean takesValue = !(a instanceof OptionSpec o) || o.arity().max() > 0;
        if (takesValue && a.paramLabel().matches("<\\w+>")) {
          problems.add(e.getKey() + " " + name + ": label " + a.paramLabel() + " is the field's name");
        }
      }
    }
    assertThat(checked).as("options and positionals checked").isGreaterThan(300);
    assertThat(problems).as("undescribed options or raw <fieldName> labels").isEmpty();
  }

  @Test
  void theHelpOfFitDescribesItsWorkspaceMeasurementAndStatistic() {
    Cli.Run fit = Cli.run("fit", "--help");
    assertThat(fit.out()).contains("WS.json", "workspace file", "--measurement=M", "measurement name");
    Cli.Run limit = Cli.run("limit", "--help");
    assertThat(limit.out()).containsPattern("--test-stat=qtilde\\|q\\s+test statistic \\(default qtilde\\)");
    Cli.Run vbf = Cli.run("vbf", "--help");
    assertThat(vbf.out()).contains("--train-fraction=F", "--lumi=FB", "--bins=N", "--epochs=N").doesNotContain("<");
  }

  @Test
  void workspaceOptionsOnlyOnWorkspaceCommandsAndStrictOnlyWhereItApplies() {
    Map<String, CommandSpec> all = commands();
    // --debug is every command's (inherited); --strict is the root's and that of the commands that read
    // workspaces or event files; the hidden, deprecated --lenient is accepted everywhere and listed nowhere
    for (Map.Entry<String, CommandSpec> e : all.entrySet()) {
      assertThat(e.getValue().findOption("--debug")).as(e.getKey() + " --debug").isNotNull();
      OptionSpec lenient = e.getValue().findOption("--lenient");
      assertThat(lenient == null || lenient.hidden()).as(e.getKey() + " --lenient is hidden").isTrue();
    }
    List<String> workspaceOnly = List.of("--patch", "--poi", "--measurement", "--interp", "--fix");
    for (String c : List.of("sumbin", "sumbin vbf", "sumbin demo", "sumbin example family", "sumbin bench family", "sumbin merge",
        "sumbin study", "sumbin eft-truth", "sumbin train derivative", "sumbin lhe eft", "sumbin analysis run")) {
      for (String o : workspaceOnly) {
        assertThat(all.get(c).findOption(o)).as(c + " lists the workspace option " + o).isNull();
      }
    }
    for (String c : List.of("sumbin fit", "sumbin hypotest", "sumbin limit", "sumbin scan", "sumbin toys", "sumbin pulls")) {
      for (String o : List.of("--patch", "--poi", "--measurement", "--strict")) {
        assertThat(all.get(c).findOption(o)).as(c + " " + o).isNotNull();
      }
    }
    for (String c : List.of("sumbin demo", "sumbin example family", "sumbin example workspace", "sumbin bench family",
        "sumbin bench unbinned", "sumbin merge", "sumbin study", "sumbin analysis run", "sumbin patchset inspect")) {
      assertThat(all.get(c).findOption("--strict")).as(c + " has nothing --strict would refuse").isNull();
    }
    for (String c : List.of("sumbin", "sumbin vbf", "sumbin lhe eft", "sumbin eft-truth", "sumbin summarize", "sumbin events convert",
        "sumbin train derivative", "sumbin inspect", "sumbin digest", "sumbin patchset cls", "sumbin bench fit")) {
      assertThat(all.get(c).findOption("--strict")).as(c + " reads workspaces or event files: --strict applies").isNotNull();
    }
    Cli.Run demo = Cli.run("demo", "--help");
    assertThat(demo.out()).contains("--debug").doesNotContain("--strict", "--lenient");
  }

  @Test
  void strictWorksBeforeAndAfterTheCommandName() {
    Cli.Run after = Cli.run("lhe", "eft", "x.lhe.gz", "x.lhe.gz", "--strict");
    Cli.Run before = Cli.run("--strict", "lhe", "eft", "x.lhe.gz", "x.lhe.gz");
    for (Cli.Run r : List.of(after, before)) {
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains("is given twice", "refused under --strict");
    }
    Cli.Run unknown = Cli.run("demo", "--strict");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--strict'");
  }
}
