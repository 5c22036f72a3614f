package io.sumbin.cli;

import io.sumbin.pyhf.Schemas;
import java.lang.reflect.Field;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * What makes {@code java -jar sumbin.jar fit WS.json} start fast (docs/BENCHMARKS.md, cold start):
 * only the subcommand that runs is built, and for the commands that read a workspace the JSON mapper
 * and pyhf's workspace schema are loaded on a second thread from the first moment, so that their
 * class loading overlaps picocli's. Commands without networks never touch DJL.
 */
final class StartUp {
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
   * Whether a command reads a workspace: it has the {@link WorkspaceInput} options (a field of that
   * type). Derived from the class, so that a new command needs no entry in a list here.
   *
   * @param command a command class
   * @return true when it has a {@code WorkspaceInput} field
   */
  static boolean readsWorkspace(Class<?> command) {
    for (Field f : command.getDeclaredFields()) {
      if (f.getType() == WorkspaceInput.class) {
        return true;
      }
    }
    return false;
  }

  /**
   * For a command that reads a workspace ({@link #readsWorkspace}), loads the JSON mapper and pyhf's
   * workspace schema on a daemon thread; the command's own first use then finds them ready (or waits
   * for them). Does nothing for other commands.
   *
   * @param args the command line
   * @return whether the warm-up thread was started
   */
  static boolean warmUp(String[] args) {
    Class<?> command = named(Main.COMMANDS, args);
    if (command == null || !readsWorkspace(command)) {
      return false;
    }
    Thread t = new Thread(new WarmUp(), "sumbin-warm-up");
    t.setDaemon(true);
    t.start();
    return true;
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
