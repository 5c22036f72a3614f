package io.sumbin.spark;

import io.sumbin.histmodel.parallel.Portable;
import io.sumbin.histmodel.parallel.ResultSink;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import java.io.File;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Runs {@link Work} on Apache Spark — local threads ({@code local[N]}) or the executors of a cluster
 * (standalone, YARN, Kubernetes). The work is sent once per run as a broadcast of its
 * {@link Portable} bytes (models as their specifications); each Spark task runs a contiguous range of
 * units on its executor's copy (deserialized and its models compiled once per executor and run) and
 * returns the range's results, which the driver passes to the sink in unit order as tasks finish.
 *
 * <p>Results equal the thread runner's bit for bit: a unit depends only on the work and its index, the
 * copy computes exactly what the original does, and Spark delivers each task's result once even when
 * it re-runs a task whose executor was lost (nothing is lost, nothing is counted twice). A unit that
 * throws stops the run and its exception is rethrown on the driver as it was; Spark's own failures
 * (a task failing more often than {@code spark.task.maxFailures}, a lost application) end in a
 * {@link SparkEngineException}.
 *
 * <p>Tasks: about {@value #TASKS_PER_CORE} per core of the cluster (to even out uneven units and to
 * lose little when an executor dies), at most {@value #MAX_UNITS_PER_TASK} units each; they are
 * submitted as one Spark job per {@code parallelism} tasks, all at once, so the FIFO scheduler keeps
 * every core busy while the driver collects finished jobs in order.
 */
public final class SparkRunner implements WorkRunner, AutoCloseable {
  /** Tasks per core of the cluster. */
  static final int TASKS_PER_CORE = 4;
  /** Units per task at most (bounds a task's result size; more tasks stream results sooner). */
  static final int MAX_UNITS_PER_TASK = 5000;
  /** How long the driver waits for a cluster's first executors before sizing tasks. */
  static final long EXECUTOR_WAIT_MS = 20_000;

  private final JavaSparkContext jsc;
  private final String master;
  private final Retries retries = new Retries();

  private SparkRunner(JavaSparkContext jsc) {
    this.jsc = jsc;
    this.master = jsc.master();
    jsc.sc().addSparkListener(retries);
  }

  /**
   * Counts task attempts that failed (an executor lost, a task that threw outside a unit) and were
   * therefore scheduled again; reported on stderr when the runner closes.
   */
  static final class Retries extends SparkListener {
    final AtomicInteger failed = new AtomicInteger();
    final Set<String> reasons = ConcurrentHashMap.newKeySet();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
      if (e.reason() instanceof TaskFailedReason f && !(f instanceof TaskKilled)) {
        failed.incrementAndGet();
        String r = f.toErrorString();
        int nl = r.indexOf('\n');
        reasons.add(nl > 0 ? r.substring(0, nl) : r);
      }
    }
  }

  /** Task attempts that failed and were run again so far. */
  public int failedTaskAttempts() {
    return retries.failed.get();
  }

  /**
   * Starts a Spark context. Configuration comes from {@code spark.*} system properties (as
   * spark-submit sets them) and these arguments.
   *
   * @param master the master URL, or null for spark-submit's ({@code spark.master}) or else {@code local[*]}
   * @param appName the application name (unless spark-submit gave one)
   */
  public static SparkRunner start(String master, String appName) {
    SparkConf conf = new SparkConf();
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (!conf.contains("spark.app.name")) {
      conf.setAppName(appName);
    }
    String m = conf.get("spark.master");
    if (!m.startsWith("local") && !conf.contains("spark.jars")) {
      // started without spark-submit (java -cp sumbin.jar:spark/jars/*): the executors need our classes
      String jar = ownJar();
      if (jar != null) {
        conf.set("spark.jars", jar);
      }
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    JavaSparkContext jsc;
    try {
      jsc = new JavaSparkContext(conf);
    } catch (IllegalAccessError | RuntimeException e) {
      if (e instanceof IllegalAccessError || e.getClass().getName().equals("java.lang.reflect.InaccessibleObjectException")) {
        throw new SparkEngineException("Spark could not start on Java " + Runtime.version().feature()
            + " without the JVM's --add-opens flags: run through spark-submit, or add the flags listed in the README to java", e);
      }
      throw new SparkEngineException("Spark could not start with master " + m + ": " + e.getMessage(), e);
    }
    jsc.setLogLevel(System.getProperty("sumbin.spark.logLevel", "WARN"));
    SparkRunner r = new SparkRunner(jsc);
    if (!m.startsWith("local")) {
      r.awaitExecutors();
    }
    return r;
  }

  /** The jar holding this class, or null when it runs from a class directory. */
  static String ownJar() {
    try {
      var src = SparkRunner.class.getProtectionDomain().getCodeSource();
      if (src == null) {
        return null;
      }
      File f = new File(src.getLocation().toURI());
      return f.isFile() && f.getName().endsWith(".jar") ? f.getAbsolutePath() : null;
    } catch (URISyntaxException | SecurityException e) {
      return null;
    }
  }

  private void awaitExecutors() {
    long end = System.currentTimeMillis() + EXECUTOR_WAIT_MS;
    // the driver counts as one executor
    while (jsc.sc().statusTracker().getExecutorInfos().length < 2 && System.currentTimeMillis() < end) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The master URL in use. */
  public String master() {
    return master;
  }

  @Override
  public int parallelism() {
    return Math.max(1, jsc.defaultParallelism());
  }

  @Override
  public boolean local() {
    return false;
  }

  /** A task's output: the results of units start.. in order, or the first failure. */
  record Block(int start, List<Object> results, int failedUnit, Throwable failure) implements Serializable {}

  @Override
  public <W, R> List<R> run(Work<W, R> work, int n, ResultSink<? super R> sink) {
    if (n < 0) {
      throw new IllegalArgumentException("number of units must be >= 0, got " + n);
    }
    if (n == 0) {
      return new ArrayList<>();
    }
    byte[] bytes = Portable.toBytes(work);
    String id = UUID.randomUUID().toString();
    int par = parallelism();
    int tasks = Math.min(n, Math.max(TASKS_PER_CORE * par, (n + MAX_UNITS_PER_TASK - 1) / MAX_UNITS_PER_TASK));
    List<int[]> ranges = new ArrayList<>(tasks);
    for (int k = 0; k < tasks; k++) {
      int a = (int) ((long) n * k / tasks);
      int b = (int) ((long) n * (k + 1) / tasks);
      ranges.add(new int[] {a, b});
    }
    Broadcast<byte[]> shipped = jsc.broadcast(bytes);
    jsc.setJobGroup(id, "sumbin " + work.name() + ": " + n + " units in " + tasks + " tasks", true);
    List<JavaFutureAction<List<byte[]>>> jobs = new ArrayList<>();
    Object[] out = new Object[n];
    try {
      for (int g = 0; g < tasks; g += par) {
        List<int[]> part = ranges.subList(g, Math.min(tasks, g + par));
        JavaRDD<int[]> rdd = jsc.parallelize(new ArrayList<>(part), part.size());
        jobs.add(rdd.mapPartitions(new RunUnits(shipped, id)).collectAsync());
      }
      for (JavaFutureAction<List<byte[]>> job : jobs) {
        List<byte[]> blocks;
        try {
          blocks = job.get();
        } catch (ExecutionException e) {
          throw new SparkEngineException("Spark could not run " + work.name() + " on " + master + ": " + rootMessage(e), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SparkEngineException("interrupted while running " + work.name() + " on Spark", e);
        }
        for (byte[] bb : blocks) {
          Block b = (Block) Portable.fromBytes(bb);
          if (b.failure() != null) {
            rethrow(b.failure(), b.failedUnit());
          }
          for (int j = 0; j < b.results().size(); j++) {
            @SuppressWarnings("unchecked")
            R r = (R) b.results().get(j);
            out[b.start() + j] = r;
            sink.accept(b.start() + j, r);
          }
        }
      }
    } finally {
      for (JavaFutureAction<?> j : jobs) {
        if (!j.isDone()) {
          jsc.cancelJobGroup(id);
          break;
        }
      }
      jsc.clearJobGroup();
      Received.forget(id);
      try {
        shipped.destroy();
      } catch (RuntimeException e) {
        // tasks of a cancelled job may still hold it; Spark cleans it up with the context
      }
    }
    List<R> l = new ArrayList<>(n);
    for (Object o : out) {
      @SuppressWarnings("unchecked")
      R r = (R) o;
      l.add(r);
    }
    return l;
  }

  private static void rethrow(Throwable t, int unit) {
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error er) {
      throw er;
    }
    throw new IllegalStateException("unit " + unit + " failed: " + t, t);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage() != null ? c.getMessage() : c.toString();
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }

  /** Stops Spark; reports on stderr how many task attempts failed and were run again, if any. */
  @Override
  public void close() {
    jsc.close(); // drains the listener bus
    int f = retries.failed.get();
    if (f > 0) {
      System.err.println("spark: " + f + " task attempt" + (f == 1 ? " was" : "s were") + " lost and run again ("
          + String.join("; ", retries.reasons).replaceAll("[\\r\\n\\t]+", " ") + "); every unit counted once");
    }
  }

  @Override
  public String toString() {
    return "spark(" + master + ")";
  }

  /**
   * The Spark task: runs each unit range of its partition on this executor's copy of the work and
   * returns one {@link Block} per range (as {@link Portable} bytes).
   */
  static final class RunUnits implements FlatMapFunction<Iterator<int[]>, byte[]> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> work;
    private final String id;

    RunUnits(Broadcast<byte[]> work, String id) {
      this.work = work;
      this.id = id;
    }

    @Override
    public Iterator<byte[]> call(Iterator<int[]> ranges) {
      Work<Object, Object> w = Received.work(id, work);
      List<byte[]> out = new ArrayList<>();
      while (ranges.hasNext()) {
        int[] r = ranges.next();
        List<Object> results = new ArrayList<>(r[1] - r[0]);
        Block b;
        int i = r[0];
        try {
          Object state = w.newWorker();
          for (; i < r[1]; i++) {
            results.add(w.run(state, i));
          }
          b = new Block(r[0], results, -1, null);
        } catch (Throwable e) {
          if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e; // out of memory: the executor's failure, Spark's to handle
          }
          b = new Block(r[0], List.of(), i, e);
        }
        byte[] bytes;
        try {
          bytes = Portable.toBytes(b);
        } catch (IllegalArgumentException e) {
          // an exception that cannot travel: send its text
          bytes = Portable.toBytes(new Block(r[0], List.of(), i, new IllegalStateException(String.valueOf(b.failure()))));
        }
        out.add(bytes);
      }
      return out.iterator();
    }
  }

  /** The work received by this JVM, per run: deserialized (and its models compiled) once, shared by the tasks. */
  static final class Received {
    private static final int KEEP = 4;
    private static final Map<String, Work<Object, Object>> WORK = new LinkedHashMap<>();

    private Received() {}

    @SuppressWarnings("unchecked")
    static synchronized Work<Object, Object> work(String id, Broadcast<byte[]> b) {
      Work<Object, Object> w = WORK.get(id);
      if (w == null) {
        w = (Work<Object, Object>) Portable.fromBytes(b.value());
        WORK.put(id, w);
        if (WORK.size() > KEEP) {
          WORK.remove(WORK.keySet().iterator().next());
        }
      }
      return w;
    }

    /** Drops a finished run's work (in local mode the driver is the executor). */
    static synchronized void forget(String id) {
      WORK.remove(id);
    }
  }
}
