package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.cli.Main;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand prints its help cleanly (exit 0, no picocli format warnings) and takes --json. */
class HelpTest {
  static void collect(CommandLine cl, List<String> prefix, List<List<String>> out, List<List<String>> leaves) {
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      List<String> p = new ArrayList<>(prefix);
      p.add(e.getKey());
      out.add(p);
      if (e.getValue().getSubcommands().isEmpty()) {
        leaves.add(p);
      }
      collect(e.getValue(), p, out, leaves);
    }
  }

  @Test
  void everyCommandHasCleanHelp() {
    List<List<String>> all = new ArrayList<>();
    List<List<String>> leaves = new ArrayList<>();
    collect(Main.commandLine(), List.of(), all, leaves);
    assertThat(all.size()).as("commands found: " + all).isGreaterThanOrEqualTo(20);
    for (List<String> c : all) {
      List<String> args = new ArrayList<>(c);
      args.add("--help");
      Cli.Run r = Cli.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(0);
      assertThat(r.out()).as(String.join(" ", c) + ": " + r.out()).contains("Usage: sumbin " + String.join(" ", c));
      assertThat(r.err()).as(String.join(" ", c) + ": " + r.err()).doesNotContain("WARN");
      if (leaves.contains(c)) {
        assertThat(r.out())
            .as("DESIGN §6: every command takes --json; '" + String.join(" ", c) + "' does not")
            .contains("--json");
      }
    }
  }

  @Test
  void aMistypedCommandOrOptionGetsOneLineWithTheNearestNames() {
    Cli.Run c = Cli.run("fitt", "ws.json");
    assertThat(c.exitCode()).isEqualTo(2);
    assertThat(c.errLines()).isEqualTo(1);
    assertThat(c.err()).contains("'fitt'").contains("did you mean fit");
    Cli.Run o = Cli.run("fit", "--measurment", "M", "ws.json");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.errLines()).isEqualTo(1);
    assertThat(o.err()).contains("did you mean --measurement?");
    Cli.Run none = Cli.run("fit", "--measurement");
    assertThat(none.err()).doesNotContain("did you mean").contains("(try --help)");
  }
}
