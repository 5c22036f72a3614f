package io.sumbin.histmodel.util;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The one place where sumbin creates the temporary files and staging directories behind its atomic
 * writes (every module's writer goes through it).
 *
 * <ul>
 *   <li>A temporary file is created beside its target with {@link Files#createFile} (mode 0666 less
 *       the process umask, as any program's new file), not {@link Files#createTempFile} (always 0600);
 *       when it replaces an existing file it takes over that file's POSIX permissions, so that
 *       replacing a {@code 0644} output leaves a {@code 0644} file.
 *   <li>A staging directory is created beside its target with {@link Files#createDirectory} (0777 less
 *       the umask) and records the process id in a file {@value #OWNER}; staging directories of the
 *       same target whose process is no longer alive (a killed run) are removed when the next one is
 *       created.
 * </ul>
 */
public final class AtomicFiles {
  /** The file in a staging directory that names the process writing it. */
  public static final String OWNER = ".sumbin-owner";

  private AtomicFiles() {}

  /**
   * A new empty file {@code .NAME.RANDOM.tmp} beside {@code target} (whose parent must exist), with
   * the umask's mode, or the permissions of {@code target} when it exists.
   */
  public static Path tempBeside(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        Files.createFile(tmp);
        keepMode(abs, tmp);
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /** Copies the POSIX permissions of {@code from} to {@code to} when {@code from} exists (no-op elsewhere). */
  public static void keepMode(Path from, Path to) throws IOException {
    PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (src != null && dst != null && Files.exists(from)) {
      dst.setPermissions(src.readAttributes().permissions());
    }
  }

  /** Moves {@code tmp} onto {@code target}, atomically where the file system can. */
  public static void replace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes {@code bytes} to {@code file} through a temporary file beside it (parents created). */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = tempBeside(abs);
    try {
      Files.write(tmp, bytes);
      replace(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new staging directory {@code .NAME.staging-RANDOM} beside {@code target} (whose parent must
   * exist), after removing the staging directories of the same target left by runs that were killed.
   */
  public static Path stagingDir(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    String prefix = "." + abs.getFileName() + ".staging-";
    removeStale(parent, prefix);
    for (int attempt = 0; ; attempt++) {
      Path d = parent.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
      try {
        Files.createDirectory(d);
        Files.writeString(d.resolve(OWNER), Long.toString(ProcessHandle.current().pid()) + "\n");
        return d;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /** Removes {@code prefix*} directories in {@code parent} whose owner process is gone (or that name none). */
  static void removeStale(Path parent, String prefix) throws IOException {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path d : ds) {
        if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !ownerAlive(d)) {
          deleteTree(d);
        }
      }
    }
  }

  private static boolean ownerAlive(Path staging) {
    try {
      long pid = Long.parseLong(Files.readString(staging.resolve(OWNER)).strip());
      return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false; // an older run's directory (no owner file) or a torn one
    }
  }

  /** Deletes a file tree (no-op when absent). */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
