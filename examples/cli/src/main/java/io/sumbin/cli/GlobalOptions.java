package io.sumbin.cli;

import io.sumbin.histmodel.progress.ProgressListener;
import io.sumbin.histmodel.progress.TextProgress;
import io.sumbin.pyhf.WorkspaceIO;
import java.io.PrintWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options of {@code sumbin} itself: {@code --debug}, {@code --quiet} and {@code --progress}, which every
 * command inherits, and {@code --strict} before the command name (the commands where it applies also take it
 * after their name, {@link StrictOption}), in one small object: {@link Main} mixes it in, and commands reach it through their {@link Console}
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

  /** How progress is shown on stderr. */
  public enum ProgressMode {
    /** a terminal line when stderr is a terminal, plain lines otherwise */
    auto,
    /** one line updated in place (carriage returns) */
    tty,
    /** a plain line every few seconds, no carriage returns */
    plain,
    /** none */
    off
  }

  @Option(names = "--quiet", scope = ScopeType.INHERIT,
      description = "no progress on stderr (same as --progress off); results, warnings and errors are still printed")
  boolean quiet;

  @Option(names = "--progress", scope = ScopeType.INHERIT, paramLabel = "auto|tty|plain|off",
      defaultValue = "${env:SUMBIN_PROGRESS:-auto}",
      description = "progress of long work on stderr: auto (default; an updating line on a terminal, else a plain line "
          + "every 5 s once the work has taken 2 s), tty, plain or off; default from the environment variable SUMBIN_PROGRESS")
  ProgressMode progress = ProgressMode.auto;

  /** Seconds of work before the first progress output (tests; default: 0.5 on a terminal, 2 otherwise). */
  @Option(names = "--progress-after", scope = ScopeType.INHERIT, hidden = true, paramLabel = "S",
      converter = Converters.NonNegativeDouble.class)
  Double progressAfter;

  /** Set by {@link Main#main} only: the command line's stderr is this process's stderr (a terminal can be detected). */
  boolean processStderr;

  /** Whether {@code --debug} was given (stack traces of internal errors). */
  public boolean debug() {
    return debug;
  }

  /** Whether {@code --quiet} was given. */
  public boolean quiet() {
    return quiet;
  }

  /**
   * The progress mode after {@code --quiet} and the terminal test: {@code auto} is resolved to
   * {@code tty} when the command line writes to this process's stderr and that is a terminal, else
   * to {@code plain}.
   */
  public ProgressMode progressMode() {
    if (quiet || progress == ProgressMode.off) {
      return ProgressMode.off;
    }
    if (progress != ProgressMode.auto) {
      return progress;
    }
    return processStderr && Terminal.stderrIsTerminal() ? ProgressMode.tty : ProgressMode.plain;
  }

  private TextProgress renderer;

  /**
   * The one progress renderer of this command line on {@code err} in the mode of {@link #progressMode()}, or
   * {@link ProgressListener#NONE}; the same object for every call (nested tasks of one command share it).
   */
  synchronized ProgressListener progress(PrintWriter err) {
    if (renderer == null) {
      TextProgress.Mode mode = switch (progressMode()) {
        case tty -> TextProgress.Mode.TTY;
        case plain, auto -> TextProgress.Mode.PLAIN;
        case off -> null;
      };
      if (mode == null) {
        return ProgressListener.NONE;
      }
      renderer = progressAfter != null
          ? new TextProgress(err, mode, System::nanoTime, Terminal.columns(), (long) (progressAfter * 1e9))
          : new TextProgress(err, mode, System::nanoTime, Terminal.columns());
    }
    return renderer;
  }

  /** Erases a drawn terminal line (before an error message). */
  synchronized void clearProgress() {
    if (renderer != null) {
      renderer.clear();
    }
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
