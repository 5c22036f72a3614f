package io.sumbin.cli;

import io.sumbin.pyhf.WorkspaceIO;
import java.io.PrintWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command inherits from {@code sumbin} ({@code --debug}, {@code --strict}), in
 * one small object: {@link Main} mixes it in, and commands reach it through their {@link Console}
 * ({@link Console#globals()}), never through static state. A new global option (a strictness mode,
 * a verbosity) is one field here and its use in {@link #strictness(PrintWriter)}.
 */
public final class GlobalOptions {
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "on an internal error, print the stack trace")
  boolean debug;

  @Option(names = "--strict", scope = ScopeType.INHERIT,
      description = "refuse (exit 2) what pyhf accepts and sumbin by default reads as pyhf does with a warning on stderr: "
          + "config settings for names that are not parameters of the model, negative shapesys uncertainties, "
          + "observations of channels the model lacks, a file given twice")
  boolean strict;

  /** Deprecated no-op: pyhf's semantics are the default now ({@code --strict} for the opposite). */
  @Option(names = "--lenient", scope = ScopeType.INHERIT, hidden = true)
  boolean lenient;

  /** Whether {@code --debug} was given (stack traces of internal errors). */
  public boolean debug() {
    return debug;
  }

  /** Whether {@code --strict} was given. */
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
