package io.sumbin.histmodel;

/**
 * The base of sumbin's error hierarchy: every failure that sumbin reports on purpose is one of its two
 * kinds, {@link BadInputException} (the input cannot be used: exit code 2 on the command line) or
 * {@link NumericalFailureException} (the computation did not converge or is not defined: exit code 3).
 * The command line maps exceptions to exit codes by these types alone. Messages are one line that
 * names the file and the location (JSON path, line) where there is one.
 */
public abstract class SumbinException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected SumbinException(String message) {
    super(message);
  }

  protected SumbinException(String message, Throwable cause) {
    super(message, cause);
  }
}
