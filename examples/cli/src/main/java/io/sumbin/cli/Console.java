package io.sumbin.cli;

import io.sumbin.histmodel.progress.ProgressListener;
import io.sumbin.histmodel.progress.TextProgress;
import io.sumbin.pyhf.WorkspaceIO;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command's output and its global options, injected by picocli (a mixin with
 * {@code @Spec(MIXEE)}): {@link #out()} and {@link #err()} are the writers of the command's
 * {@code CommandLine} ({@code getOut()}/{@code getErr()}, which tests and embedding code redirect
 * with {@code setOut}/{@code setErr}); {@link #globals()} the options given to {@code sumbin}
 * itself. Every command prints through its console, never through {@code System.out} or static state.
 */
@Command // a mixin with only @Spec needs the annotation to be recognised
public final class Console {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private ProgressListener progress;

  /** The console of the command {@code spec} (for mixins that print: their {@code @Spec(MIXEE)}). */
  public static Console of(CommandSpec spec) {
    Console c = new Console();
    c.spec = spec;
    return c;
  }

  /** Standard output of the command. */
  public PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error of the command. */
  public PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The global options ({@code --debug}, {@code --strict}); defaults when the command runs without {@link Main}. */
  public GlobalOptions globals() {
    Object root = spec.root().userObject();
    return root instanceof Main m ? m.globals : new GlobalOptions();
  }

  /**
   * Where the command's long work reports progress: the one renderer on {@link #err()} in the mode of
   * {@code --progress}/{@code --quiet} ({@link GlobalOptions#progressMode()}), or
   * {@link ProgressListener#NONE}. The same listener for every call; never anything on {@link #out()}.
   */
  public synchronized ProgressListener progress() {
    if (progress == null) {
      progress = globals().progress(err());
    }
    return progress;
  }

  /**
   * A progress message of its own line on {@link #err()} (an analysis step done), printed without
   * breaking a progress line; nothing under {@code --quiet}.
   *
   * @param line the message
   */
  public void progressLine(String line) {
    if (progress() instanceof TextProgress t) {
      t.log(line);
    }
  }

  /**
   * A line on {@link #err()} (also under {@code --quiet}) that does not break a progress line: a drawn
   * terminal line is erased first.
   *
   * @param line the message
   */
  public void errLine(String line) {
    if (progress() instanceof TextProgress t) {
      t.log(line);
    } else {
      err().println(line);
    }
  }

  /** The workspace strictness of the global options, warnings on {@link #err()}. */
  public WorkspaceIO.Strictness strictness() {
    return strict() ? WorkspaceIO.Strictness.STRICT : globals().strictness(err());
  }

  /**
   * Whether {@code --strict} was given, before the command name ({@link GlobalOptions}) or after it
   * (the command's {@link StrictOption}).
   */
  public boolean strict() {
    if (globals().strict()) {
      return true;
    }
    picocli.CommandLine.Model.OptionSpec own = spec.findOption("--strict");
    return own != null && Boolean.TRUE.equals(own.getValue());
  }

  /**
   * Something pyhf accepts that sumbin reads with a one-line {@code warning:} on {@link #err()}, or
   * refuses under {@code --strict}.
   *
   * @throws UserError under {@code --strict}
   */
  public void questionable(String message) {
    if (strict()) {
      throw new UserError(message + " (refused under --strict)");
    }
    err().println(Main.oneLine("warning: " + message));
  }
}
