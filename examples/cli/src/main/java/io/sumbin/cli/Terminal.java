package io.sumbin.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process's stderr is a terminal, and how wide it is. */
final class Terminal {
  private Terminal() {}

  /**
   * On Linux, whether file descriptor 2 links to a terminal device ({@code /dev/pts/N}, {@code /dev/ttyN});
   * elsewhere, whether the JVM has a console. {@code TERM=dumb} is never a terminal.
   */
  static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
      }
    } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
      // fall through to the console test
    }
    return System.console() != null;
  }

  /** The terminal's columns from {@code COLUMNS}, else 100. */
  static int columns() {
    try {
      String c = System.getenv("COLUMNS");
      return c == null ? 100 : Math.max(20, Integer.parseInt(c.trim()));
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}
