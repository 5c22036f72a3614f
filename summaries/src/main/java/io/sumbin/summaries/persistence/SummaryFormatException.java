package io.sumbin.summaries.persistence;

import java.nio.file.Path;

/**
 * A saved model (directory, JSON metadata, weight file or ONNX file) that cannot be read. The message
 * names the file and the JSON path (or part) that is wrong: {@code model/summary.json: inputs: expected
 * an array of strings}.
 */
public final class SummaryFormatException extends io.sumbin.histmodel.BadInputException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String path;

  public SummaryFormatException(Path file, String path, String message) {
    super(file + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + message);
    this.file = String.valueOf(file);
    this.path = path == null ? "" : path;
  }

  /** The file that failed. */
  public String file() {
    return file;
  }

  /** The JSON path (or part of the file) that failed; empty when the whole file is at fault. */
  public String path() {
    return path;
  }
}
