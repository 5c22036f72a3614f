package io.sumbin.binning.lhe;

/**
 * A Les Houches event file that cannot be read: truncated (also a truncated gzip stream),
 * malformed lines, inconsistent weights. The message is one line,
 * {@code FILE: line N: what is wrong}, where N is the 1-based line of the decompressed text at
 * which the problem was detected ({@code FILE: what is wrong} when no line applies).
 */
public final class LheFormatException extends io.sumbin.histmodel.BadInputException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final long line;
  private final String detail;

  public LheFormatException(String file, long line, String detail) {
    this(file, line, detail, null);
  }

  public LheFormatException(String file, long line, String detail, Throwable cause) {
    super(file + ": " + (line > 0 ? "line " + line + ": " : "") + detail.replace('\n', ' '), cause);
    this.file = file;
    this.line = line;
    this.detail = detail;
  }

  /** The file. */
  public String file() {
    return file;
  }

  /** 1-based line number, or 0 when the problem is not tied to a line. */
  public long line() {
    return line;
  }

  /** The message without file and line. */
  public String detail() {
    return detail;
  }
}
