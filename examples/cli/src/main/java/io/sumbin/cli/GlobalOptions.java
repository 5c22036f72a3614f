package io.sumbin.cli;

import io.sumbin.pyhf.WorkspaceIO;
import java.io.PrintWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command inherits from {@code sumbin} ({@code --debug}, {@code --lenient}), in
 * one small object: {@link Main} mixes it in, and commands reach it through their {@link Console}
 * ({@link Console#globals()}), never through static state. A new global option (a strictness mode,
 * a verbosity) is one field here and its use in {@link #strictness(PrintWriter)}.
 */
public final class GlobalOptions {
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "on an internal error, print the stack trace")
  boolean debug;

  @Option(names = "--lenient", scope = ScopeType.INHERIT,
      description = "accept workspaces that pyhf accepts but sumbin refuses by default (unknown parameter names in a "
          + "measurement's config, negative shapesys uncertainties) with a warning on stderr")
  boolean lenient;

  /** Whether {@code --debug} was given (stack traces of internal errors). */
  public boolean debug() {
    return debug;
  }

  /** Whether {@code --lenient} was given. */
  public boolean lenient() {
    return lenient;
  }

  /**
   * The workspace strictness these options ask for: with {@code --lenient}, what pyhf accepts but
   * sumbin refuses by default is read as pyhf does, each warning one line on {@code err}.
   */
  public WorkspaceIO.Strictness strictness(PrintWriter err) {
    return lenient ? WorkspaceIO.Strictness.lenient(w -> err.println(Main.oneLine(w))) : WorkspaceIO.Strictness.STRICT;
  }
}
