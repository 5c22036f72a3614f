package io.sumbin.cli;

import io.sumbin.pyhf.WorkspaceIO;
import java.io.PrintWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options of {@code sumbin} itself: {@code --debug}, which every command inherits, and
 * {@code --strict} before the command name (the commands where it applies also take it after their
 * name, {@link StrictOption}), in one small object: {@link Main} mixes it in, and commands reach it through their {@link Console}
 * ({@link Console#globals()}), never through static state. A new global option (a strictness mode,
 * a verbosity) is one field here and its use in {@link #strictness(PrintWriter)}.
 */
public final class GlobalOptions {
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "on an internal error, print the stack trace")
  boolean debug;

  // given before the command name (sumbin --strict fit ...); the commands where it has an effect also take
  // it after their name (StrictOption), so that it is listed only where it applies
  @Option(names = "--strict",
      description = "refuse (exit 2) what sumbin otherwise reads with a warning on stderr (pyhf's leniencies in workspaces, "
          + "an event file given twice); also accepted after the name of a command that reads workspaces or event files")
  boolean strict;

  /** Deprecated no-op: pyhf's semantics are the default now ({@code --strict} for the opposite). */
  @Option(names = "--lenient", scope = ScopeType.INHERIT, hidden = true)
  boolean lenient;

  /** Whether {@code --debug} was given (stack traces of internal errors). */
  public boolean debug() {
    return debug;
  }

  /** Whether {@code --strict} was given before the command name ({@link Console#strict()} also sees the command's own). */
  public boolean strict() {
    return strict;
  }

  /**
   * The workspace strictness these options ask for: pyhf's semantics by default (what pyhf accepts
   * is read as pyhf does, each warning one line on {@code err}), refusals under {@code --strict}.
   */
  public WorkspaceIO.Strictness strictness(PrintWriter err) {
    return strict ? WorkspaceIO.Strictness.STRICT : WorkspaceIO.Strictness.pyhf(w -> err.println(Main.oneLine(w)));
  }
}
