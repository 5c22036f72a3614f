package io.sumbin.cli;

/** Bad input from the user: printed as one line, exit code 2. */
public final class UserError extends io.sumbin.histmodel.BadInputException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }
}
