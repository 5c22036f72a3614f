package io.sumbin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code sumbin} command line. Exit codes (the error contract): 0 success; 2 bad input (one line
 * on stderr naming the file and JSON path or line, or the option, before any output is written);
 * 3 numerical failure (result printed and flagged, message on stderr); 1 internal error (one line
 * asking for a report; the stack trace only with {@code --debug}). Every Java exception is mapped here,
 * once, by {@link #exitCode}.
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
      FamilyCommand.class, BenchCommand.class, ExampleCommand.class, LheCommand.class, EventsCommand.class, EftTruthCommand.class,
      DemoCommand.class, VbfCommand.class, TrainCommand.class, SummarizeCommand.class, BenchTrainCommand.class,
      StudyCommand.class, PatchsetCommand.class, AnalysisCommand.class, PullsCommand.class, ImpactsCommand.class,
      PostfitCommand.class, GofCommand.class, IntervalsCommand.class, CompatibilityCommand.class,
      WorkspaceToolCommands.Inspect.class, WorkspaceToolCommands.Prune.class, WorkspaceToolCommands.Rename.class,
      WorkspaceToolCommands.Combine.class, WorkspaceToolCommands.Sort.class, WorkspaceToolCommands.Digest.class);

  /** The options every command inherits ({@code --debug}, {@code --strict}); commands reach them through {@link Console}. */
  @Mixin
  GlobalOptions globals;

  private Main() {}

  /** Sets the JVM-wide defaults every sumbin process needs (DJL offline, headless plots). */
  public static void configureRuntime() {
    setDefault("ai.djl.offline", "true");
    setDefault("OPT_OUT_TRACKING", "true");
    setDefault("ai.djl.pytorch.num_threads", "1");
    setDefault("java.awt.headless", "true");
    // with Spark's jars on the classpath SLF4J finds Spark's provider beside the jar's: no warning lines for that
    setDefault("slf4j.internal.verbosity", "ERROR");
    // sumbin.jar's no-op SLF4J binding is not registered as a service, so that on a Spark classpath Spark's own
    // binding is the only one in either order; without any registered binding (plain java) it is named here
    if (!slf4jBindingRegistered()) {
      setDefault("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
    }
  }

  private static boolean slf4jBindingRegistered() {
    try {
      return Main.class.getClassLoader().getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider").hasMoreElements();
    } catch (IOException e) {
      return false;
    }
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
   * The converters are registered after the subcommands, since picocli applies them only to
   * commands that already exist.
   */
  public static CommandLine commandLine(String... argv) {
    Main root = new Main();
    CommandLine cl = new CommandLine(root);
    Class<?> only = StartUp.named(COMMANDS, argv);
    for (Class<?> c : only != null ? List.of(only) : COMMANDS) {
      cl.addSubcommand(c);
    }
    Converters.registerAll(cl);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      // picocli's suggestions for a mistyped command or option (edit distance), in the same one line
      List<String> near = ex instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of();
      String hint = near.isEmpty() ? " (try --help)" : " (did you mean " + String.join(" or ", near.subList(0, Math.min(3, near.size())))
          + "? try --help)";
      err.println(oneLine(ex.getCommandLine().getCommandName() + ": " + ex.getMessage()) + hint);
      err.flush();
      return 2;
    });
    cl.setExecutionStrategy(parseResult -> {
      try {
        try {
          Outputs.checkDistinct(parseResult); // no command overwrites its own inputs or one output with another
        } catch (UserError e) {
          throw new CommandLine.ExecutionException(cl, e.getMessage(), e);
        }
        return new CommandLine.RunLast().execute(parseResult);
      } finally {
        cl.getOut().flush(); // print() without a newline is not flushed by the writer itself
        cl.getErr().flush();
      }
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      root.globals.clearProgress(); // an error message starts its own line, also after a terminal progress line
      int code = exitCode(ex);
      err.println(message(ex, code));
      if (code == 1 && (root.globals.debug() || System.getenv("SUMBIN_DEBUG") != null)) {
        ex.printStackTrace(err);
      }
      err.flush();
      return code;
    });
    return cl;
  }

  /**
   * The exit code of an exception: bad input (2) for the input exceptions of every module and for
   * files that cannot be read or written; numerical failure (3); anything else is a bug (1).
   */
  static int exitCode(Throwable ex) {
    if (ex instanceof io.sumbin.histmodel.BadInputException
        || ex instanceof UncheckedIOException || ex instanceof IOException) {
      return 2;
    }
    if (ex instanceof io.sumbin.histmodel.NumericalFailureException) {
      return 3;
    }
    return 1;
  }

  /** The one line printed for an exception with the given exit code. */
  static String message(Throwable ex, int code) {
    return switch (code) {
      case 2 -> oneLine(ex instanceof UncheckedIOException u && u.getCause() != null && ex.getMessage() == null
          ? u.getCause().toString() : String.valueOf(ex.getMessage()));
      case 3 -> oneLine("numerical failure: " + ex.getMessage());
      default -> ex instanceof io.sumbin.spark.SparkEngineException
          ? oneLine("sumbin: the Spark engine failed: " + ex.getMessage())
          : ex instanceof java.util.ServiceConfigurationError
          ? oneLine("sumbin: an extension on the class path is broken: " + ex.getMessage())
          : oneLine("sumbin: internal error: " + ex + " — this is a bug in sumbin, please report it "
          + "with the command line and the output of the same command with --debug");
    };
  }

  /** Whether the arguments only ask for the version ({@code --version} or {@code -V} alone). */
  static boolean versionOnly(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  /** The text of {@code sumbin --version}: the lines of the {@code @Command} version, each ending a line. */
  static String version() {
    StringBuilder b = new StringBuilder();
    for (String line : Main.class.getAnnotation(Command.class).version()) {
      b.append(line).append(System.lineSeparator());
    }
    return b.toString();
  }

  /** Newlines and tabs become spaces: every message is one line. */
  static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  public static void main(String[] args) {
    if (versionOnly(args)) {
      // picocli's answer without building picocli's model of the command line (docs/BENCHMARKS.md, cold start)
      System.out.print(version());
      System.out.flush();
      System.exit(0);
    }
    configureRuntime(); // before the warm-up thread's first logger (SLF4J reads its settings once)
    StartUp.warmUp(args);
    JitTuning.ownProcess = true;
    int code;
    try {
      CommandLine cl = commandLine(args);
      ((Main) cl.getCommandSpec().userObject()).globals.processStderr = true; // a terminal on stderr can be detected
      code = cl.execute(args);
    } catch (Throwable t) { // errors (out of memory, stack overflow) do not reach picocli's handler
      StringWriter sw = new StringWriter();
      if (java.util.Arrays.asList(args).contains("--debug")) {
        t.printStackTrace(new PrintWriter(sw));
      }
      System.err.println(message(t, 1));
      System.err.print(sw);
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }
}
