package io.sumbin.cli;

import io.sumbin.pyhf.Schemas;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * What makes {@code java -jar sumbin.jar fit WS.json} start fast (docs/BENCHMARKS.md, cold start):
 * only the subcommand that runs is built, and for the commands that read a workspace the JSON mapper
 * and pyhf's workspace schema are loaded on a second thread from the first moment, so that their
 * class loading overlaps picocli's. Commands without networks never touch DJL.
 */
final class StartUp {
  /**
   * The commands with the {@link WorkspaceInput} options (checked against the classes by a test).
   * Only a speed matter: a command missing here starts a little slower.
   */
  static final Set<String> READ_WORKSPACE = Set.of("fit", "hypotest", "limit", "scan", "belt", "toys", "coverage", "pulls",
      "impacts", "postfit", "gof", "intervals", "compatibility");

  private StartUp() {}

  /** The first argument not starting with '-' (the top-level command has only flags), or null. */
  static String firstWord(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  /**
   * The command class that the first non-option argument names (by its {@code @Command} name or an
   * alias), or null (no such argument, or no such command: then picocli gets every command and
   * reports the mistake with its suggestions).
   */
  static Class<?> named(List<Class<?>> commands, String[] args) {
    String first = firstWord(args);
    if (first == null) {
      return null;
    }
    for (Class<?> c : commands) {
      Command cmd = c.getAnnotation(Command.class);
      if (cmd != null && (cmd.name().equals(first) || List.of(cmd.aliases()).contains(first))) {
        return c;
      }
    }
    return null;
  }

  /**
   * For a command that reads a workspace, loads the JSON mapper and pyhf's workspace schema on a
   * daemon thread; the command's own first use then finds them ready (or waits for them). Does
   * nothing for other commands.
   */
  static void warmUp(String[] args) {
    String first = firstWord(args);
    if (first == null || !READ_WORKSPACE.contains(first)) { // Set.of refuses contains(null)
      return;
    }
    Thread t = new Thread(new WarmUp(), "sumbin-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** A class rather than a lambda: the first lambda's bootstrap would cost the main thread. */
  private static final class WarmUp implements Runnable {
    @Override
    public void run() {
      try {
        Schemas.pyhfWorkspace();
      } catch (RuntimeException e) {
        // the command meets the same failure when it loads the schema itself, and reports it
      }
    }
  }
}
