package io.sumbin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sumbin.examples.cli.Main;
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
    assertTrue(all.size() >= 20, "commands found: " + all);
    for (List<String> c : all) {
      List<String> args = new ArrayList<>(c);
      args.add("--help");
      Cli.Run r = Cli.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.out().contains("Usage: sumbin " + String.join(" ", c)), String.join(" ", c) + ": " + r.out());
      assertFalse(r.err().contains("WARN"), String.join(" ", c) + ": " + r.err());
      if (leaves.contains(c)) {
        assertTrue(r.out().contains("--json"), "DESIGN §6: every command takes --json; '" + String.join(" ", c) + "' does not");
      }
    }
  }
}
