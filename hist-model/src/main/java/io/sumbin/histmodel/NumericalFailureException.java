package io.sumbin.histmodel;

/**
 * A computation that did not converge or whose result is not defined (singular Hessian, a fit that
 * failed at the point that matters). Results that can carry a failure flag report it there; this
 * exception is for callers that cannot return a flagged result. The command line exits with code 3.
 */
public class NumericalFailureException extends SumbinException {
  private static final long serialVersionUID = 1L;

  public NumericalFailureException(String message) {
    super(message);
  }

  public NumericalFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
