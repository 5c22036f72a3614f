package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14, item 3: a real Spark standalone cluster on localhost — a Master and two Workers (one core
 * each) as separate JVMs, started from the Spark jars of the test classpath — runs {@code sumbin.jar}
 * submitted as spark-submit does ({@code org.apache.spark.deploy.SparkSubmit --class ...Main
 * sumbin.jar ...} in a child JVM whose classpath is Spark's, not sumbin's: the executors get sumbin's
 * classes from the submitted jar only). A toys job and a study give the threads engine's outputs; a
 * toys job whose first worker (with its executor) is killed once the first tasks have finished still
 * ends with the threads engine's toy file — Spark runs the lost task again, nothing is lost or counted
 * twice — and says on stderr that a task attempt was lost.
 *
 * <p>The Spark "installation" is a temporary SPARK_HOME whose {@code jars/} links the jars of a distribution:
 * Spark's core at the versions Spark's own build pins (Jackson 2.15, Guava 14, log4j 2.20, Scala 2.13.8;
 * copied by the examples/spark-dist module, not this module's test classpath, where Maven mediates every Jackson to
 * sumbin's); everything binds to 127.0.0.1 and every process, work and log directory is removed afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {
  /** Longest a daemon may take to come up, or a submitted job to finish (a loaded 2-core machine). */
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration JOB_TIMEOUT = Duration.ofSeconds(300);
  /** Toys of the killed run: 8 tasks of about 100 units (~1 s each), so that a kill after the first results lands mid-job. */
  static final int KILL_RUN_TOYS = 800;

  static Path root;
  static Path home;
  static Path jar;
  static int masterPort;
  static int uiPort;
  static final List<Process> DAEMONS = new ArrayList<>();
  static final List<Process> WORKERS = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws IOException, InterruptedException {
    jar = Path.of(System.getProperty("sumbin.jar", "../examples/cli/target/sumbin.jar")).toAbsolutePath().normalize();
    assertThat(jar).as("the fat jar (built by the examples module's package phase)").isRegularFile();
    root = Files.createTempDirectory("sumbin-spark-cluster");
    home = root.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
        "rootLogger.level = warn", "rootLogger.appenderRef.stderr.ref = console", "appender.console.type = Console",
        "appender.console.name = console", "appender.console.target = SYSTEM_ERR", "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex", ""));
    Path distribution = Path.of(System.getProperty("spark.jars.dir", "../examples/spark-dist/target/spark-jars")).toAbsolutePath().normalize();
    assertThat(distribution).as("Spark's pinned jars (copied by the examples/spark-dist module's build)").isDirectory();
    try (Stream<Path> l = Files.list(distribution)) {
      for (Path p : l.filter(j -> j.getFileName().toString().endsWith(".jar")).toList()) {
        Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
      }
    }
    try (Stream<Path> l = Files.list(jars)) {
      assertThat(l.map(j -> j.getFileName().toString())).as("Spark on the test classpath").anyMatch(n -> n.contains("spark-core_2.13"));
    }
    masterPort = freePort();
    uiPort = freePort();
    DAEMONS.add(daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(masterPort),
        "--webui-port", String.valueOf(uiPort)));
    awaitMaster(0);
    for (int w = 1; w <= 2; w++) {
      Path work = Files.createDirectories(root.resolve("work-" + w));
      Process p = daemon("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
          "--work-dir", work.toString(), "--webui-port", "0", masterUrl());
      DAEMONS.add(p);
      WORKERS.add(p);
    }
    awaitMaster(2);
  }

  @AfterAll
  static void stopCluster() throws IOException {
    for (Process p : DAEMONS) {
      kill(p);
    }
    if (root != null) {
      try (Stream<Path> s = Files.walk(root)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void aToysJobSubmittedToTheClusterWritesTheThreadsEnginesToyFile() throws Exception {
    Path dir = Files.createDirectories(root.resolve("toys"));
    EngineCases.Case c = EngineCases.named(dir, "toys-shapesys");
    Path out = dir.resolve("toys.jsonl");
    Job j = submit("toys", c.argv(out, "--engine", "spark"));
    j.await();
    EngineCases.compare(c, out, j.stdout());
  }

  @Test
  @Order(2)
  void aStudySubmittedToTheClusterGivesTheThreadsEnginesTable() throws Exception {
    Path dir = Files.createDirectories(root.resolve("study"));
    EngineCases.Case c = EngineCases.named(dir, "study");
    Path out = dir.resolve("out");
    Job j = submit("study", c.argv(out, "--engine", "spark"));
    j.await();
    EngineCases.compare(c, out, j.stdout());
    assertThat(Json.read(out.resolve("study.json")).path("run").path("engine").asText()).as("where the study ran")
        .isEqualTo("spark(" + masterUrl() + ")");
  }

  @Test
  @Order(3)
  void killingAWorkerMidJobLosesNoToyAndCountsNoneTwice() throws Exception {
    Path dir = Files.createDirectories(root.resolve("kill"));
    List<String> args = List.of("toys", EngineCases.ws("synthetic_5ch_8bin_allmods"), "--poi-value", "1", "--ntoys",
        String.valueOf(KILL_RUN_TOYS), "--seed", "7", "--json");
    Path ref = dir.resolve("threads.jsonl");
    List<String> t = new ArrayList<>(args);
    t.addAll(List.of("--out", ref.toString(), "--threads", "2"));
    Cli.Run threads = Cli.run(t.toArray(new String[0]));
    assertThat(threads.exitCode()).as(threads.err()).isZero();

    Path out = dir.resolve("spark.jsonl");
    List<String> s = new ArrayList<>(args);
    s.addAll(List.of("--out", out.toString(), "--engine", "spark"));
    Job j = submit("kill", s.toArray(new String[0]));
    // the observed toy's line comes first; a second line means the first tasks' results are in
    long end = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (lines(out) < 2 && j.process().isAlive() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertThat(j.process().isAlive()).as("the job still runs when the first results are in (else nothing was killed mid-job); driver log:%n%s",
        j.log()).isTrue();
    Process worker = WORKERS.get(0);
    kill(worker);
    assertThat(worker.isAlive()).isFalse();
    j.await();
    assertThat(j.stderr()).as("the driver saw a task attempt lost with the worker").contains("lost and run again");
    assertThat(EngineCases.sortedLines(out)).as("toy file after a lost worker, sorted, byte for byte against the threads engine")
        .isEqualTo(EngineCases.sortedLines(ref));
    assertThat(Files.readAllLines(out)).as("one line per toy and hypothesis plus the observed one: nothing counted twice")
        .hasSize(2 * KILL_RUN_TOYS + 1);
    assertThat(EngineCases.results(Json.parse(j.stdout(), "stdout"))).as("summary")
        .isEqualTo(EngineCases.results(Json.parse(threads.out(), "stdout")));
  }

  // ------------------------------------------------------------------ processes

  /** A submitted application: the SparkSubmit JVM with sumbin.jar as its primary resource. */
  record Job(String name, Process process, Path out, Path err) {
    void await() throws InterruptedException {
      boolean done = process.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!done) {
        kill(process);
      }
      assertThat(done).as("%s finished within %s; driver log:%n%s", name, JOB_TIMEOUT, log()).isTrue();
      assertThat(process.exitValue()).as("exit code of %s; driver log:%n%s", name, log()).isZero();
    }

    String stdout() {
      return EngineCases.read(out);
    }

    String stderr() {
      return EngineCases.read(err);
    }

    String log() {
      String e = stderr();
      return e.length() > 6000 ? "..." + e.substring(e.length() - 6000) : e;
    }
  }

  static Job submit(String name, String... sumbinArgs) throws IOException {
    List<String> cmd = java("768m");
    cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl(), "--deploy-mode", "client",
        "--class", "io.sumbin.cli.Main", "--name", "sumbin-test-" + name,
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.executor.memory=512m", "--conf", "spark.local.dir=" + Files.createDirectories(root.resolve("local")),
        jar.toString()));
    cmd.addAll(List.of(sumbinArgs));
    Path out = root.resolve(name + ".out");
    Path err = root.resolve(name + ".err");
    Process p = process(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new Job(name, p, out, err);
  }

  static Process daemon(String name, String mainClass, String... args) throws IOException {
    List<String> cmd = java("256m");
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    Path log = root.resolve(name + ".log");
    return process(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** java with Spark's Java 17 flags and the Spark classpath (conf directory first). */
  static List<String> java(String heap) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
    cmd.addAll(List.of(System.getProperty("spark.java17.opens", "").trim().split("\\s+")));
    cmd.removeIf(String::isEmpty);
    cmd.addAll(List.of("-Dai.djl.offline=true", "-cp", home.resolve("conf") + java.io.File.pathSeparator + home.resolve("jars") + "/*"));
    return cmd;
  }

  static ProcessBuilder process(List<String> cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.equals("HADOOP_CONF_DIR") || k.equals("YARN_CONF_DIR"));
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
    env.put("SPARK_SCALA_VERSION", "2.13"); // the launcher asks for it when SPARK_HOME is not a Spark distribution
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOG_DIR", Files.createDirectories(root.resolve("logs")).toString());
    env.put("SPARK_LOCAL_DIRS", Files.createDirectories(root.resolve("local")).toString());
    env.put("OPT_OUT_TRACKING", "true");
    return pb;
  }

  /** Kills a process and everything it started (a worker's executors), as a machine that dies would. */
  static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Waits until the master's JSON status page says ALIVE with {@code workers} alive workers. */
  static void awaitMaster(int workers) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/")).timeout(Duration.ofSeconds(5)).build();
    long end = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < end) {
      for (Process p : DAEMONS) {
        assertThat(p.isAlive()).as("Spark daemon %s is running; logs:%n%s", p.pid(), daemonLogs()).isTrue();
      }
      try {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        last = r.body();
        JsonNode s = Json.parse(last, "master status");
        if ("ALIVE".equals(s.path("status").asText()) && s.path("aliveworkers").asInt() >= workers) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the master did not report " + workers + " alive workers within " + START_TIMEOUT + ": " + last + "\n"
        + daemonLogs());
  }

  static String daemonLogs() {
    StringBuilder sb = new StringBuilder();
    for (String n : List.of("master", "worker1", "worker2")) {
      Path f = root.resolve(n + ".log");
      if (Files.exists(f)) {
        String s = EngineCases.read(f);
        sb.append("== ").append(n).append('\n').append(s.length() > 3000 ? s.substring(s.length() - 3000) : s).append('\n');
      }
    }
    return sb.toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static long lines(Path f) {
    if (!Files.exists(f)) {
      return 0;
    }
    try {
      byte[] b = Files.readAllBytes(f);
      long n = 0;
      for (byte x : b) {
        if (x == '\n') {
          n++;
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
