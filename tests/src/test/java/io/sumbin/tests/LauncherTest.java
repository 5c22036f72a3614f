package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code examples/cli/bin/sumbin} (issue 23 item 7): it finds the jar in a checkout, beside
 * itself (an installed layout, also through a symbolic link) or at {@code $SUMBIN_JAR}, runs it with DJL
 * offline and one PyTorch thread unless {@code JAVA_OPTS} says otherwise, and says in one line where it
 * looked when there is no jar. Needs {@code sh} and the built jar; skipped without them.
 */
class LauncherTest {
  static final Path SCRIPT = Path.of("../examples/cli/bin/sumbin").toAbsolutePath().normalize();
  static final Path JAR = Path.of(System.getProperty("sumbin.jar", "../examples/cli/target/sumbin.jar")).toAbsolutePath().normalize();

  record Result(int exit, String out, String err) {}

  static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("SUMBIN_JAR");
    pb.environment().remove("JAVA_OPTS");
    pb.environment().put("SUMBIN_CDS", "0"); // no class-data archive built in the user's cache by tests
    pb.environment().putAll(env);
    Path err = Files.createTempFile("launcher", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    String e = Files.readString(err);
    Files.delete(err);
    return new Result(p.exitValue(), out, e);
  }

  static void requireShellAndJar() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    assumeTrue(Files.isRegularFile(JAR), "sumbin.jar not built: " + JAR);
  }

  @Test
  void inACheckoutItFindsTheBuiltJar() throws Exception {
    requireShellAndJar();
    assumeTrue(JAR.equals(SCRIPT.getParent().resolveSibling("target").resolve("sumbin.jar")), "the jar is not the checkout's");
    Result r = run(List.of("sh", SCRIPT.toString(), "--version"), Map.of());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out().strip()).isEqualTo("sumbin 0.1.0");
  }

  @Test
  void installedBesideTheJarThroughALinkAndWithSumbinJar(@TempDir Path dir) throws Exception {
    requireShellAndJar();
    Path bin = Files.createDirectories(dir.resolve("opt/sumbin"));
    Files.copy(SCRIPT, bin.resolve("sumbin"));
    Path link = Files.createSymbolicLink(bin.resolve("sumbin.jar"), JAR);
    try {
      installed(dir, bin);
    } finally {
      Files.delete(link); // the link, not the jar it points to
    }
  }

  private static void installed(Path dir, Path bin) throws Exception {
    Path onPath = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(onPath.resolve("sumbin"), bin.resolve("sumbin"));
    Result linked = run(List.of("sh", onPath.resolve("sumbin").toString(), "--version"), Map.of());
    assertThat(linked.exit()).as(linked.err()).isEqualTo(0);
    assertThat(linked.out().strip()).isEqualTo("sumbin 0.1.0");

    // no jar beside the script: $SUMBIN_JAR, and without it one line naming where it looked (exit 2)
    Path lone = Files.createDirectories(dir.resolve("lone"));
    Files.copy(SCRIPT, lone.resolve("sumbin"));
    Result viaEnv = run(List.of("sh", lone.resolve("sumbin").toString(), "--version"), Map.of("SUMBIN_JAR", JAR.toString()));
    assertThat(viaEnv.exit()).as(viaEnv.err()).isEqualTo(0);
    assertThat(viaEnv.out().strip()).isEqualTo("sumbin 0.1.0");
    Result none = run(List.of("sh", lone.resolve("sumbin").toString(), "--version"), Map.of());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err().lines().count()).isEqualTo(1);
    assertThat(none.err()).contains("sumbin.jar not found", lone.toRealPath().toString(), "SUMBIN_JAR");
    Result missing = run(List.of("sh", lone.resolve("sumbin").toString(), "--version"), Map.of("SUMBIN_JAR", dir.resolve("no.jar").toString()));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("SUMBIN_JAR=" + dir.resolve("no.jar"), "no such file");
  }

  @Test
  void theJvmGetsDjlOfflineAndOneThreadUnlessJavaOptsSaysOtherwise() throws Exception {
    requireShellAndJar();
    // -XshowSettings:properties prints the system properties on stderr and runs the program
    Result d = run(List.of("sh", SCRIPT.toString(), "--version"), Map.of("SUMBIN_JAR", JAR.toString(), "JAVA_OPTS",
        "-XshowSettings:properties"));
    assertThat(d.exit()).as(d.err()).isEqualTo(0);
    assertThat(d.err()).contains("ai.djl.offline = true", "ai.djl.pytorch.num_threads = 1");
    Result own = run(List.of("sh", SCRIPT.toString(), "--version"), Map.of("SUMBIN_JAR", JAR.toString(), "JAVA_OPTS",
        "-XshowSettings:properties -Dai.djl.pytorch.num_threads=2"));
    assertThat(own.exit()).as(own.err()).isEqualTo(0);
    assertThat(own.err()).contains("ai.djl.offline = true", "ai.djl.pytorch.num_threads = 2")
        .doesNotContain("ai.djl.pytorch.num_threads = 1");
  }

  @Test
  void aClassDataArchiveIsBuiltOnceAndUsedByTheNextRun(@TempDir Path cache) throws Exception {
    requireShellAndJar();
    assumeTrue(Files.isRegularFile(SCRIPT.resolveSibling("sumbin-jvm.sh")), "no sumbin-jvm.sh beside the launcher");
    Map<String, String> env = Map.of("SUMBIN_JAR", JAR.toString(), "SUMBIN_CDS", "1", "XDG_CACHE_HOME", cache.toString());
    Result first = run(List.of("sh", SCRIPT.toString(), "--version"), env);
    assertThat(first.exit()).as(first.err()).isEqualTo(0);
    assertThat(first.out().strip()).isEqualTo("sumbin 0.1.0");
    // the archive is written in the background by the first run: wait for it (a build takes seconds)
    Path dir = cache.resolve("sumbin");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    List<Path> archives = List.of();
    while (System.nanoTime() < deadline) {
      try (var files = Files.list(dir)) {
        archives = files.filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".failed")).toList();
      } catch (IOException notYet) {
        archives = List.of();
      }
      if (!archives.isEmpty()) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(archives).as("one archive, not a failed build").hasSize(1);
    assertThat(archives.get(0).toString()).endsWith(".jsa");
    // the next run maps sumbin's classes from it: -Xlog:class+load names the shared file as their source
    Result second = run(List.of("sh", SCRIPT.toString(), "--version"),
        Map.of("SUMBIN_JAR", JAR.toString(), "SUMBIN_CDS", "1", "XDG_CACHE_HOME", cache.toString(),
            "JAVA_OPTS", "-Xlog:class+load=info"));
    assertThat(second.exit()).as(second.err()).isEqualTo(0);
    assertThat(second.out()).contains("io.sumbin.cli.Main source: shared objects file").contains("sumbin 0.1.0");
  }
}
