package io.sumbin.histmodel;

/**
 * Input that cannot be used: a malformed or inconsistent file, an option out of range, an unknown
 * name. Every module's input exceptions extend this class; the command line prints the message as one
 * line and exits with code 2, before any output is written.
 */
public class BadInputException extends SumbinException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
