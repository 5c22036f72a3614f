package io.sumbin.sparkdist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 2: {@code sumbin.jar} with the jars of a Spark 3.5 / Scala 2.13 distribution. This module's
 * test classpath is Spark's core at the versions Spark's own build pins ({@code spark-parent_2.13} imported as
 * a BOM: Jackson 2.15.2 with jackson-module-scala, Guava 14, SLF4J 2.0.7 bound to log4j 2.20, Scala 2.13.8),
 * copied into one directory as a distribution's {@code $SPARK_HOME/jars}; nothing of sumbin is on it.
 *
 * <p>One toy run ({@code examples/workspaces/uncorrelated_background.json}, {@value #NTOYS} toys, seed
 * {@value #SEED}) is made four times in child JVMs, side by side: on the threads engine with {@code java -jar
 * sumbin.jar} (the reference), submitted through Spark's {@code SparkSubmit} with {@code --master local[2]}
 * (Spark's jars on the classpath, sumbin.jar added by Spark), and with {@code --engine spark --master local[2]}
 * on one classpath, sumbin.jar first (the README's recipe, which ended in an ExceptionInInitializerError
 * before the jar's Jackson was relocated) and Spark's jars first. Every Spark run must give the threads
 * engine's toy file (byte for byte after sorting its lines) and summary. Beside them, a tiny {@code sumbin
 * train} loads DJL's PyTorch engine from the relocated jar (its native library binds Java classes by name).
 *
 * <p>And the jar itself: no class of sumbin.jar is also in Spark's jars (so the order cannot matter), every
 * library it keeps unrelocated is one no Spark distribution ships, and its relocated service files name
 * classes that exist.
 */
class SparkDistributionClasspathTest {
  static final int NTOYS = 40;
  static final int SEED = 3;
  /** Longest a child JVM may take (a Spark start-up and 80 fits on a loaded 2-core machine). */
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(300);
  /** Fields of the summary that say where or how long a run went (never results). */
  static final Set<String> NOT_RESULTS = Set.of("seconds", "wall_seconds", "started", "threads", "engine", "file", "out", "files", "run");
  /**
   * The one library both sides keep under its own name: the SLF4J API, which DJL's PyTorch library binds by
   * name ({@code org/slf4j/Logger} in its JNI_OnLoad) and so cannot be relocated; both are 2.0.x, binary
   * compatible, and whichever comes first on the classpath serves both sides. sumbin's no-op binding is not
   * registered as a service, so Spark's log4j binding stays the only one in either order.
   */
  static final String SLF4J_API = "org/slf4j/";
  /**
   * Top-level packages that sumbin.jar keeps under their own names: sumbin's (with the relocated libraries
   * under io/sumbin/shaded), and libraries that no Spark 3.5 distribution ships (ONNX Runtime, DJL and JNA
   * also bind native code by class name, which relocation would break). Error Prone's annotations are
   * annotations only.
   */
  static final List<String> UNRELOCATED = List.of("io/sumbin/", "picocli/", "org/hipparchus/", "org/jfree/", "ai/djl/", "ai/onnxruntime/",
      "com/sun/jna/", "com/networknt/", "com/ethlo/time/", "com/flipkart/zjsonpatch/", "com/google/errorprone/annotations/", "io/jhdf/", "org/locationtech/jts/",
      SLF4J_API, "org/slf4j/nop/");

  static Path jar;
  static Path jars;
  static Path root;
  static final Map<String, Run> RUNS = new LinkedHashMap<>();
  static final ObjectMapper JSON = new ObjectMapper();

  /** A child JVM running sumbin, its output file (or directory) and its two output streams. */
  record Run(String name, List<String> command, Process process, Path output, Path stdout, Path stderr) {
    String err() {
      return read(stderr);
    }

    String out() {
      return read(stdout);
    }

    String log() {
      String e = err();
      return String.join(" ", command) + "\n" + (e.length() > 6000 ? "..." + e.substring(e.length() - 6000) : e);
    }
  }

  @BeforeAll
  static void runAll() throws IOException, InterruptedException {
    jar = Path.of(System.getProperty("sumbin.jar", "../cli/target/sumbin.jar")).toAbsolutePath().normalize();
    assertThat(jar).as("the fat jar (built by examples/cli's package phase)").isRegularFile();
    jars = Path.of(System.getProperty("spark.jars.dir", "target/spark-jars")).toAbsolutePath().normalize();
    try (Stream<Path> l = Files.list(jars)) {
      assertThat(l.map(p -> p.getFileName().toString())).as("Spark's jars (copied by the dependency plugin)").anyMatch(n -> n.startsWith(
          "spark-core_2.13-"));
    }
    root = Files.createTempDirectory("sumbin-spark-dist");
    Path conf = Files.createDirectories(root.resolve("conf"));
    Files.writeString(conf.resolve("log4j2.properties"), String.join("\n", "rootLogger.level = warn",
        "rootLogger.appenderRef.stderr.ref = console", "appender.console.type = Console", "appender.console.name = console",
        "appender.console.target = SYSTEM_ERR", "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex", ""));
    String spark = jars + File.separator + "*";
    String sep = File.pathSeparator;
    // the runs side by side: each mostly waits (Spark's start-up), and together they take little more than the longest
    start("threads", List.of("-jar", jar.toString()), "--threads", "2");
    start("spark-submit", List.of("-cp", conf + sep + spark, "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--class", "io.sumbin.cli.Main", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1", jar.toString()), "--engine", "spark");
    List<String> local = List.of("-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1");
    List<String> sumbinFirst = new ArrayList<>(local);
    sumbinFirst.addAll(List.of("-cp", conf + sep + jar + sep + spark, "io.sumbin.cli.Main"));
    start("sumbin-jar-first", sumbinFirst, "--engine", "spark", "--master", "local[2]");
    List<String> sparkFirst = new ArrayList<>(local);
    sparkFirst.addAll(List.of("-cp", conf + sep + spark + sep + jar, "io.sumbin.cli.Main"));
    start("spark-jars-first", sparkFirst, "--engine", "spark", "--master", "local[2]");
    Path lhe = Path.of(System.getProperty("sumbin.shared", "../../../shared"), "data", "lhe", "smeftsim_VBFH-1.lhe.gz");
    if (Files.isReadable(lhe)) {
      // DJL in the relocated jar: its PyTorch library binds Java classes by name when it loads
      Path model = root.resolve("model");
      RUNS.put("train", launch("train", List.of("-Dai.djl.offline=true", "-jar", jar.toString(), "train", "derivative", "--events",
          lhe.toAbsolutePath().toString(), "--max-events", "300", "--epochs", "1", "--hidden", "4", "--quiet", "--json", "--out",
          model.toString()), model));
    }
    for (Run r : RUNS.values()) {
      boolean done = r.process().waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!done) {
        r.process().descendants().forEach(ProcessHandle::destroyForcibly);
        r.process().destroyForcibly();
      }
      assertThat(done).as("%s finished within %s:%n%s", r.name(), RUN_TIMEOUT, r.log()).isTrue();
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    for (Run r : RUNS.values()) {
      r.process().descendants().forEach(ProcessHandle::destroyForcibly);
      r.process().destroyForcibly();
    }
    if (root != null) {
      try (Stream<Path> s = Files.walk(root)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Starts {@code java [Spark's Java 17 flags] <launch> toys ws.json ... <engine>} in its own directory. */
  static void start(String name, List<String> launch, String... engine) throws IOException {
    Path ws = Path.of(System.getProperty("sumbin.workspaces", "../workspaces")).resolve("uncorrelated_background.json")
        .toAbsolutePath().normalize();
    Path toys = root.resolve(name).resolve("toys.jsonl");
    List<String> args = new ArrayList<>();
    if (!name.equals("threads")) {
      args.addAll(Arrays.stream(System.getProperty("spark.java17.opens", "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    }
    args.addAll(launch);
    args.addAll(List.of("toys", ws.toString(), "--poi-value", "1", "--ntoys", String.valueOf(NTOYS), "--seed", String.valueOf(SEED),
        "--out", toys.toString(), "--json"));
    args.addAll(List.of(engine));
    RUNS.put(name, launch(name, args, toys));
  }

  /** Starts {@code java -Xmx512m <args>} in a directory of its own, Spark's environment variables cleared. */
  static Run launch(String name, List<String> args, Path output) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.equals("HADOOP_CONF_DIR") || k.equals("YARN_CONF_DIR"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
    env.put("OPT_OUT_TRACKING", "true");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new Run(name, cmd, p, output, out, err);
  }

  // ------------------------------------------------------------------ the runs

  @Test
  void theThreadsEngineRunsAndItsLibrariesStaySilent() {
    Run t = RUNS.get("threads");
    assertThat(t.process().exitValue()).as("exit code; %s", t.log()).isZero();
    assertThat(t.err()).as("stderr of java -jar sumbin.jar (no SLF4J provider warning: the relocated no-op binding is found)").isEmpty();
    assertThat(lines(t.output())).as("toy file: one line per toy and hypothesis plus the observed one").hasSize(2 * NTOYS + 1);
  }

  @Test
  void sparkSubmitGivesTheThreadsEnginesOutputs() throws IOException {
    assertSameAsThreads("spark-submit");
  }

  @Test
  void theReadmesOneClasspathRecipeWithSumbinJarFirstGivesTheThreadsEnginesOutputs() throws IOException {
    assertSameAsThreads("sumbin-jar-first");
  }

  @Test
  void oneClasspathWithSparksJarsFirstGivesTheThreadsEnginesOutputs() throws IOException {
    assertSameAsThreads("spark-jars-first");
  }

  @Test
  void djlTrainsWithTheRelocatedJar() throws IOException {
    Run t = RUNS.get("train");
    Assumptions.assumeTrue(t != null, "the shared LHE file is not readable");
    assertThat(t.process().exitValue()).as("train: exit code (a crash in DJL's native library is 134); %s", t.log()).isZero();
    assertThat(t.err()).as("train: stderr").isEmpty();
    assertThat(JSON.readTree(t.out()).path("events").asInt()).as("train: events used").isEqualTo(300);
    assertThat(t.output()).as("the saved model").isDirectory();
  }

  static void assertSameAsThreads(String name) throws IOException {
    Run t = RUNS.get("threads");
    Run s = RUNS.get(name);
    assertThat(t.process().exitValue()).as("threads run: %s", t.log()).isZero();
    assertThat(s.process().exitValue()).as("%s: exit code; %s", name, s.log()).isZero();
    assertThat(s.err()).as("%s: stderr", name).doesNotContain("internal error").doesNotContain("SLF4J");
    assertThat(sortedLines(s.output())).as("%s: toy file sorted by line, byte for byte against the threads engine's", name)
        .isEqualTo(sortedLines(t.output()));
    assertThat(results(JSON.readTree(s.out()))).as("%s: the summary on stdout", name).isEqualTo(results(JSON.readTree(t.out())));
  }

  // ------------------------------------------------------------------ the classpath and the jar

  @Test
  void sparksJarsAreTheVersionsSparkPinsNotSumbins() throws IOException {
    List<String> names;
    try (Stream<Path> l = Files.list(jars)) {
      names = l.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> databind = names.stream().filter(n -> n.startsWith("jackson-databind-")).toList();
    List<String> scalaModule = names.stream().filter(n -> n.startsWith("jackson-module-scala_2.13-")).toList();
    assertThat(databind).as("one jackson-databind").hasSize(1);
    assertThat(scalaModule).as("one jackson-module-scala").hasSize(1);
    String version = databind.get(0).substring("jackson-databind-".length(), databind.get(0).length() - ".jar".length());
    assertThat(scalaModule.get(0)).as("jackson-module-scala accepts only its own jackson-databind minor version")
        .isEqualTo("jackson-module-scala_2.13-" + version + ".jar");
    assertThat(names).as("Spark's Scala and SLF4J binding").anyMatch(n -> n.startsWith("scala-library-2.13."))
        .anyMatch(n -> n.startsWith("log4j-slf4j2-impl-")).noneMatch(n -> n.startsWith("sumbin-"));
    try (ZipFile z = new ZipFile(jar.toFile())) {
      ZipEntry p = z.getEntry("META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties");
      assertThat(p).as("the Jackson sumbin.jar was built with").isNotNull();
      String own = new String(z.getInputStream(p).readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("version="))
          .findFirst().orElseThrow().substring("version=".length());
      assertThat(own).as("sumbin's own jackson-databind differs from Spark's (else this test would prove nothing)").isNotEqualTo(version);
    }
  }

  @Test
  void noClassOfSumbinJarIsAlsoInSparksJars() throws IOException {
    Set<String> ours = classes(jar);
    Map<String, String> clashes = new HashMap<>();
    int slf4j = 0;
    try (Stream<Path> l = Files.list(jars)) {
      for (Path j : l.filter(p -> p.toString().endsWith(".jar")).toList()) {
        for (String c : classes(j)) {
          if (c.startsWith(SLF4J_API) && ours.contains(c)) {
            slf4j++;
          } else if (ours.contains(c)) {
            clashes.putIfAbsent(c, j.getFileName().toString());
          }
        }
      }
    }
    assertThat(new TreeSet<>(clashes.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()))
        .as("classes of sumbin.jar also in Spark's jars (the classpath order would choose between them)").isEmpty();
    assertThat(slf4j).as("the SLF4J API on both sides (the one deliberate overlap)").isPositive();
  }

  @Test
  void librariesSparkShipsAreRelocatedInsideSumbinJar() throws IOException {
    Set<String> ours = classes(jar);
    assertThat(new TreeSet<>(ours.stream().filter(c -> UNRELOCATED.stream().noneMatch(c::startsWith)).toList()))
        .as("classes outside sumbin's packages and the libraries no Spark distribution ships: relocate them in examples/cli/pom.xml "
            + "(or, for a library Spark does not ship, add it to UNRELOCATED)").isEmpty();
    assertThat(ours).as("relocated Jackson, SnakeYAML, Gson and Commons").contains("io/sumbin/shaded/jackson/databind/ObjectMapper.class",
        "io/sumbin/shaded/snakeyaml/Yaml.class", "io/sumbin/shaded/gson/Gson.class", "io/sumbin/shaded/commons/io/IOUtils.class",
        "io/sumbin/shaded/commons/compress/archivers/ArchiveEntry.class", "io/sumbin/shaded/commons/codec/binary/Hex.class");
    try (ZipFile z = new ZipFile(jar.toFile())) {
      assertThat(z.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"))
          .as("an SLF4J binding registered by sumbin.jar (it would compete with Spark's)").isNull();
    }
  }

  @Test
  void everyServiceFileNamesClassesOfTheJar() throws IOException {
    Set<String> ours = classes(jar);
    List<String> broken = new ArrayList<>();
    int files = 0;
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (ZipEntry e : z.stream().filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory()).toList()) {
        files++;
        String service = e.getName().substring("META-INF/services/".length());
        if (!ours.contains(service.replace('.', '/') + ".class")) {
          broken.add(e.getName() + ": the service type is not in the jar");
        }
        for (String l : new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
          String impl = l.replaceAll("#.*", "").trim();
          if (!impl.isEmpty() && !ours.contains(impl.replace('.', '/') + ".class")) {
            broken.add(e.getName() + ": " + impl + " is not in the jar");
          }
        }
      }
    }
    assertThat(files).as("service files in sumbin.jar").isPositive();
    assertThat(broken).as("service files whose names or entries escaped relocation").isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  /** The class entries of a jar, without META-INF (versioned classes) and module descriptors. */
  static Set<String> classes(Path j) throws IOException {
    try (ZipFile z = new ZipFile(j.toFile())) {
      Set<String> s = new TreeSet<>();
      z.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
          .forEach(s::add);
      return s;
    }
  }

  static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path f) {
    return read(f).lines().toList();
  }

  /** The lines of a file sorted as {@code LC_ALL=C sort} sorts them. */
  static List<String> sortedLines(Path f) {
    List<String> l = new ArrayList<>(lines(f));
    l.sort(Comparator.comparing((String s) -> s.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    return l;
  }

  /** A JSON output without the fields that are not results, at any depth. */
  static JsonNode results(JsonNode n) {
    JsonNode c = n.deepCopy();
    strip(c);
    return c;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
        if (NOT_RESULTS.contains(it.next())) {
          it.remove();
        }
      }
    }
    for (JsonNode c : n) {
      strip(c);
    }
  }
}
