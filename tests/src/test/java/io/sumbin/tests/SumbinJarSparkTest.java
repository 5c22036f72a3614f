package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 4: {@code sumbin.jar} leaves Spark out (a cluster supplies it through spark-submit) and
 * stays as lean as before the Spark engine; run with plain {@code java -jar}, {@code --engine spark}
 * is refused in one line that says how to run it, exit code 2, before any input is read.
 */
class SumbinJarSparkTest {
  /** The jar's size before the Spark engine was about 133 MB (the PyTorch natives dominate it). */
  static final long MAX_JAR_BYTES = 140L * 1024 * 1024;
  static final long CHILD_TIMEOUT_SECONDS = 120;

  static Path jar() {
    Path jar = Path.of(System.getProperty("sumbin.jar", "../examples/cli/target/sumbin.jar"));
    assertThat(jar).as("the fat jar (built by the examples module's package phase)").isRegularFile();
    return jar;
  }

  @Test
  void theJarHoldsNeitherSparkNorScalaAndKeepsItsSize() throws IOException {
    Path jar = jar();
    assertThat(Files.size(jar)).as("sumbin.jar bytes").isLessThanOrEqualTo(MAX_JAR_BYTES);
    try (ZipFile z = new ZipFile(jar.toFile())) {
      List<String> spark = z.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")).toList();
      assertThat(spark).as("Spark or Scala classes in sumbin.jar").isEmpty();
      assertThat(z.getEntry("io/sumbin/spark/SparkRunner.class")).as("the Spark runner itself is in the jar").isNotNull();
    }
  }

  @Test
  void engineSparkWithoutSparkIsRefusedInOneLine(@TempDir Path dir) throws IOException, InterruptedException {
    for (List<String> args : List.of(
        List.of("toys", EngineCases.ws("val_1bin_shapesys"), "--poi-value", "1", "--ntoys", "10", "--out", dir.resolve("t.jsonl").toString(),
            "--engine", "spark"),
        List.of("study", dir.resolve("no-such-study.json").toString(), "--engine", "spark", "--master", "local[2]"))) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
          jar().toString()));
      cmd.addAll(args);
      Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
      assertThat(p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child JVM finished in time").isTrue();
      String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(args.get(0) + ": exit code; stderr: " + err).isEqualTo(2);
      assertThat(err.lines().filter(l -> !l.isBlank())).as(args.get(0) + ": stderr").hasSize(1);
      assertThat(err).contains("--engine spark needs Apache Spark").contains("spark-submit --class io.sumbin.cli.Main sumbin.jar");
      assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)).as("stdout").isEmpty();
      assertThat(dir.resolve("t.jsonl")).as("no toy file written").doesNotExist();
    }
  }
}
