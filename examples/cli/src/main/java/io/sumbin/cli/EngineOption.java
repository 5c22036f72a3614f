package io.sumbin.cli;

import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.progress.ProgressListener;
import picocli.CommandLine.Option;

/**
 * {@code --engine threads|spark} and {@code --master URL}, one option block for every parallel command
 * (toys, hypotest --calc toys, belt, coverage, family scan|limits|belt, patchset cls, study). The units
 * of work (toy blocks, belt points, family points, patch-set points, study cells) run on this JVM's
 * threads ({@link ThreadsOption}) or on Apache Spark, with the same results.
 *
 * <p>Spark is not in {@code sumbin.jar}: {@code --engine spark} works under {@code spark-submit} (or with
 * Spark's jars on the classpath); otherwise it is refused in one line saying how to run it (exit 2).
 * The Spark classes are only ever loaded by name, after that check.
 */
public final class EngineOption {
  /** Where the units run. */
  public enum Engine {
    threads, spark
  }

  /** The class that starts the Spark engine (examples/spark; loaded only with --engine spark). */
  static final String SPARK_RUNNER = "io.sumbin.spark.SparkRunner";

  @Option(names = "--engine", paramLabel = "threads|spark", defaultValue = "threads",
      description = "where the independent units run: threads of this JVM (default) or Apache Spark (local or a cluster; "
          + "same results; needs spark-submit or Spark on the classpath)")
  Engine engine;

  @Option(names = "--master", paramLabel = "URL", converter = Converters.SparkMaster.class,
      description = "Spark master with --engine spark: local[*] (default, or spark-submit's --master), local[N], "
          + "spark://HOST:PORT, yarn, k8s://https://HOST:PORT")
  String master;

  /** The engine chosen. */
  public Engine engine() {
    return engine;
  }

  /**
   * Refuses an engine that cannot run (before any input is read): {@code --master} without
   * {@code --engine spark}; {@code --engine spark} without Spark on the classpath.
   */
  public void check() {
    if (engine != Engine.spark) {
      if (master != null) {
        throw new UserError("--master " + master + " is used with --engine spark only");
      }
      return;
    }
    if (!sparkAvailable()) {
      throw new UserError("--engine spark needs Apache Spark, which sumbin.jar leaves out: run spark-submit --class "
          + "io.sumbin.cli.Main sumbin.jar <command> ... --engine spark, or java -cp \"sumbin.jar:$SPARK_HOME/jars/*\" "
          + "io.sumbin.cli.Main ... (see README, Running on a cluster)");
    }
  }

  static boolean sparkAvailable() {
    try {
      Class.forName("org.apache.spark.SparkContext", false, EngineOption.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** A started engine; close it when the command is done (stops Spark). */
  public interface Started extends AutoCloseable {
    WorkRunner runner();

    /** "threads(T)" or "spark(MASTER)", for outputs that report where they ran. */
    String describe();

    @Override
    void close();
  }

  /**
   * Starts the engine for one command ({@link #check()} first): threads, or a Spark context named
   * {@code "sumbin " + command}.
   */
  public Started start(ThreadsOption threads, String command) {
    return start(threads, command, ProgressListener.NONE);
  }

  /**
   * {@link #start(ThreadsOption, String)} with a runner that reports every batch of units to
   * {@code progress} (counted as results arrive: on the driver for Spark).
   */
  public Started start(ThreadsOption threads, String command, ProgressListener progress) {
    check();
    if (engine != Engine.spark) {
      WorkRunner r = WorkRunner.threads(threads.get()).withProgress(progress);
      return new Started() {
        @Override
        public WorkRunner runner() {
          return r;
        }

        @Override
        public String describe() {
          return "threads(" + r.parallelism() + ")";
        }

        @Override
        public void close() {
        }
      };
    }
    WorkRunner r;
    try {
      r = (WorkRunner) Class.forName(SPARK_RUNNER).getMethod("start", String.class, String.class)
          .invoke(null, master, "sumbin " + command);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start the Spark engine: " + e, e);
    }
    WorkRunner spark = r;
    WorkRunner reporting = r.withProgress(progress);
    return new Started() {
      @Override
      public WorkRunner runner() {
        return reporting;
      }

      @Override
      public String describe() {
        return spark.toString();
      }

      @Override
      public void close() {
        try {
          ((AutoCloseable) spark).close();
        } catch (Exception e) {
          // stopping Spark after the results are written is best effort
        }
      }
    };
  }
}
