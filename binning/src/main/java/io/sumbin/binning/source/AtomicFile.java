package io.sumbin.binning.source;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file through a temporary file in the same folder, moved into place when complete. */
final class AtomicFile {
  private AtomicFile() {}

  interface Writer {
    void write(Path tmp) throws IOException;
  }

  static void write(Path target, Writer w) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
      Files.delete(tmp); // the writers create the file themselves
      w.write(tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
      if (e instanceof EventFormatException efe) {
        throw efe;
      }
      throw new EventFormatException(target.toString(), null, "cannot write: " + e.getMessage(), e);
    }
  }
}
