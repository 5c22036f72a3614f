package io.sumbin.binning.source;

import io.sumbin.histmodel.BadInputException;

/**
 * An event file that cannot be used: unreadable or truncated, a missing or non-numeric column,
 * inconsistent weights. The message is one line, {@code FILE: [column 'C': ]what is wrong}; the
 * command line prints it and exits with code 2.
 */
public final class EventFormatException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public EventFormatException(String file, String column, String detail) {
    this(file, column, detail, null);
  }

  public EventFormatException(String file, String column, String detail, Throwable cause) {
    super(file + ": " + (column == null ? "" : "column '" + column + "': ") + detail.replace('\n', ' '), cause);
  }
}
