package io.sumbin.cli;

/**
 * A computation that did not converge. The command has already printed its (flagged) result; the
 * message goes to stderr and the exit code is 3.
 */
public final class NumericalFailure extends io.sumbin.histmodel.NumericalFailureException {
  private static final long serialVersionUID = 1L;

  public NumericalFailure(String message) {
    super(message);
  }
}
