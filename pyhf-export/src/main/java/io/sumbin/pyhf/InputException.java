package io.sumbin.pyhf;

/**
 * Unusable input file: malformed JSON, a schema violation or an inconsistent model. The message is
 * one line: {@code FILE: LOCATION: what is wrong}, where LOCATION is a JSON path such as
 * {@code channels[0].samples[1].data} or {@code line 12, column 7}.
 */
public final class InputException extends io.sumbin.histmodel.BadInputException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String location;
  private final String detail;

  public InputException(String file, String location, String detail) {
    super(compose(file, location, detail));
    this.file = file;
    this.location = location;
    this.detail = detail;
  }

  private static String compose(String file, String location, String detail) {
    StringBuilder sb = new StringBuilder();
    if (file != null && !file.isEmpty()) {
      sb.append(file).append(": ");
    }
    if (location != null && !location.isEmpty()) {
      sb.append(location).append(": ");
    }
    sb.append(detail.replace('\n', ' '));
    return sb.toString();
  }

  /** The file (or source name). */
  public String file() {
    return file;
  }

  /** JSON path or line/column. */
  public String location() {
    return location;
  }

  /** What is wrong. */
  public String detail() {
    return detail;
  }
}
