package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.WorkspaceIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 4: no command overwrites its own input or one output with another (refused before
 * any work, exit 2, the input byte-identical afterwards); staging directories of killed runs are
 * removed; replaced files keep their mode and new files get the process umask's.
 */
class OutputSafetyCliTest {
  @TempDir static Path dir;
  static Path ws;
  static byte[] wsBytes;

  @BeforeAll
  static void fixtures() throws IOException {
    ws = dir.resolve("ws.json");
    WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), ws);
    wsBytes = Files.readAllBytes(ws);
  }

  static void refused(Cli.Run r, String... words) throws IOException {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains(words);
    assertThat(r.out()).isEmpty();
    assertThat(Files.readAllBytes(ws)).as("the input is untouched").isEqualTo(wsBytes);
  }

  @Test
  void anOutputThatIsAnInputOrAnotherOutputIsRefusedBeforeAnyWork() throws IOException {
    Path u = dir.resolve("u.jsonl");
    refused(Cli.run("toys", ws.toString(), "--poi-value", "1", "--ntoys", "5", "--out", u.toString(), "--plot", u.toString()),
        "--plot " + u, "is also the output of --out");
    assertThat(u).as("no toy was thrown").doesNotExist();
    refused(Cli.run("hypotest", ws.toString(), "--poi-value", "1", "--plot", ws.toString()), "--plot " + ws, "is the input WS.json");
    refused(Cli.run("inspect", ws.toString(), "--output-file", ws.toString()), "--output-file", "is the input WS.json");
    // the same file through another spelling of its path
    Path sub = Files.createDirectories(dir.resolve("sub"));
    refused(Cli.run("inspect", ws.toString(), "--output-file", sub.resolve("../ws.json").toString()), "is the input");
    Path link = dir.resolve("link.json");
    Files.createSymbolicLink(link, ws);
    refused(Cli.run("inspect", link.toString(), "--output-file", ws.toString()), "is the input");
    // patchset cls on copies of the published-style pair: the CSV would replace the background-only workspace
    Path bkg = dir.resolve("BkgOnly.json");
    Path patch = dir.resolve("patch.json");
    Files.copy(PublishedLikelihoodTest.BKG, bkg);
    Files.copy(PublishedLikelihoodTest.PATCH, patch);
    byte[] before = Files.readAllBytes(bkg);
    refused(Cli.run("patchset", "cls", bkg.toString(), patch.toString(), "--csv", bkg.toString()), "--csv " + bkg, "is the input");
    assertThat(Files.readAllBytes(bkg)).isEqualTo(before);
  }

  @Test
  void aFamilyExportIntoTheFamilysOwnDirectoryIsRefusedAndStaleStagingDirectoriesAreRemoved() throws IOException {
    Path fam = dir.resolve("fam");
    assertThat(Cli.run("example", "family", "--out", fam.toString(), "--points", "3", "--json").exitCode()).isZero();
    Path manifest = fam.resolve("family.json");
    byte[] point0;
    try (Stream<Path> s = Files.list(fam)) {
      point0 = Files.readAllBytes(s.filter(p -> p.getFileName().toString().startsWith("point_")).sorted().findFirst().orElseThrow());
    }
    refused(Cli.run("family", "export-pyhf", manifest.toString(), "--out", fam.toString()), "--out", "is the directory of the family");
    refused(Cli.run("family", "export-pyhf", manifest.toString(), "--out", fam.resolve(".").toString()), "is the directory of the family");
    try (Stream<Path> s = Files.list(fam)) {
      assertThat(Files.readAllBytes(s.filter(p -> p.getFileName().toString().startsWith("point_")).sorted().findFirst().orElseThrow()))
          .isEqualTo(point0);
    }
    // killed runs left staging directories: one of a dead process, one from before owners were recorded
    Path dead = Files.createDirectories(dir.resolve(".exported.staging-dead"));
    Files.writeString(dead.resolve(io.sumbin.histmodel.util.AtomicFiles.OWNER), Long.MAX_VALUE / 2 + "\n");
    Files.writeString(dead.resolve("point_000.json"), "{}");
    Path old = Files.createDirectories(dir.resolve(".exported.staging-old"));
    Files.writeString(old.resolve("bkgonly.json"), "{}");
    Path alive = Files.createDirectories(dir.resolve(".exported.staging-alive"));
    Files.writeString(alive.resolve(io.sumbin.histmodel.util.AtomicFiles.OWNER), ProcessHandle.current().parent().orElseThrow().pid() + "\n");
    Path exported = dir.resolve("exported");
    Cli.Run ok = Cli.run("family", "export-pyhf", manifest.toString(), "--out", exported.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(dead).as("a dead run's staging directory").doesNotExist();
    assertThat(old).as("an owner-less staging directory").doesNotExist();
    assertThat(alive).as("a running process's staging directory is left alone").exists();
    assertThat(exported.resolve(io.sumbin.histmodel.util.AtomicFiles.OWNER)).as("the owner file stays in staging").doesNotExist();
    assertThat(exported.resolve("bkgonly.json")).exists();
  }

  @Test
  void replacedFilesKeepTheirModeAndNewFilesGetTheUmasksMode() throws IOException {
    Path probe = Files.createFile(dir.resolve("probe"));
    Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(probe); // 0666 less the umask, as the JVM creates files
    Path fresh = dir.resolve("fresh/inspect.json");
    assertThat(Cli.run("inspect", ws.toString(), "--output-file", fresh.toString()).exitCode()).isZero();
    assertThat(Files.getPosixFilePermissions(fresh)).as("a new file: the umask's mode, not 0600").isEqualTo(umaskMode);
    Path kept = dir.resolve("kept.json");
    Files.writeString(kept, "old");
    Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(kept, mode);
    assertThat(Cli.run("inspect", ws.toString(), "--output-file", kept.toString()).exitCode()).isZero();
    assertThat(Files.readString(kept)).contains("channels");
    assertThat(Files.getPosixFilePermissions(kept)).as("a replaced file keeps its mode").isEqualTo(mode);
    Path dirOut = dir.resolve("famdir");
    assertThat(Cli.run("example", "family", "--out", dirOut.toString(), "--points", "2").exitCode()).isZero();
    Path dprobe = Files.createDirectory(dir.resolve("dprobe"));
    assertThat(Files.getPosixFilePermissions(dirOut)).as("a new directory: the umask's mode, not 0700")
        .isEqualTo(Files.getPosixFilePermissions(dprobe));
  }
}
