package io.sumbin.examples.cli;

import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.pyhf.InputException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sumbin} command line. Exit codes: 0 success, 2 bad input (one line on stderr naming
 * the file and JSON path or line), 3 numerical failure (result printed, flagged, message on
 * stderr), 1 internal error.
 */
@Command(name = "sumbin", mixinStandardHelpOptions = true, version = "sumbin 0.1.0",
    description = "Event-summary binned likelihood analyses: pyhf-compatible fits, inference, EFT studies.")
public final class Main {
  /**
   * The subcommands, in the order of the usage help. They are registered by {@link #commandLine(String...)}
   * rather than by the {@code @Command} annotation so that a run builds only the command it runs.
   */
  static final List<Class<?>> COMMANDS = List.of(FitCommand.class, HypotestCommand.class, LimitCommand.class,
      ScanCommand.class, BeltCommand.class, ToysCommand.class, MergeCommand.class, CoverageCommand.class,
      FamilyCommand.class, BenchCommand.class, ExampleCommand.class, LheCommand.class, EftTruthCommand.class,
      DemoCommand.class, VbfCommand.class, TrainCommand.class, SummarizeCommand.class, BenchTrainCommand.class,
      StudyCommand.class, PatchsetCommand.class,
      WorkspaceToolCommands.Inspect.class, WorkspaceToolCommands.Prune.class, WorkspaceToolCommands.Rename.class,
      WorkspaceToolCommands.Combine.class, WorkspaceToolCommands.Sort.class, WorkspaceToolCommands.Digest.class);

  private Main() {}

  /** Sets the JVM-wide defaults every sumbin process needs (DJL offline, headless plots). */
  public static void configureRuntime() {
    setDefault("ai.djl.offline", "true");
    setDefault("OPT_OUT_TRACKING", "true");
    setDefault("ai.djl.pytorch.num_threads", "1");
    setDefault("java.awt.headless", "true");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** A configured command line with every subcommand (used by tests and for the top-level help). */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * A configured command line for these arguments: when the first non-option argument names a
   * subcommand, only that subcommand is built (picocli's reflection over all the commands would
   * cost a large part of the start-up); otherwise (help, version, a mistyped name) all of them.
   */
  public static CommandLine commandLine(String... argv) {
    CommandLine cl = new CommandLine(new Main());
    Class<?> only = StartUp.named(COMMANDS, argv);
    for (Class<?> c : only != null ? List.of(only) : COMMANDS) {
      cl.addSubcommand(c);
    }
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage().replace('\n', ' ')
          + " (try --help)");
      err.flush();
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      int code;
      if (ex instanceof InputException || ex instanceof UserError) {
        err.println(ex.getMessage());
        code = 2;
      } else if (ex instanceof SpecException) {
        err.println(ex.getMessage());
        code = 2;
      } else if (ex instanceof NumericalFailure) {
        err.println("numerical failure: " + ex.getMessage());
        code = 3;
      } else {
        err.println("sumbin: internal error: " + ex);
        if (System.getenv("SUMBIN_DEBUG") != null) {
          ex.printStackTrace(err);
        }
        code = 1;
      }
      err.flush();
      return code;
    });
    return cl;
  }

  public static void main(String[] args) {
    StartUp.warmUp(args);
    configureRuntime();
    int code = commandLine(args).execute(args);
    System.out.flush();
    System.exit(code);
  }
}
