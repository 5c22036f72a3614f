package io.sumbin.histmodel.spec;

/**
 * A model specification that cannot be used: wrong shapes, unknown names, inconsistent parameter
 * settings. The message always starts with the location in pyhf JSON-path style, e.g.
 * {@code channels[0].samples[1].modifiers[2]: histosys 'jes' has 3 bins, channel 'SR' has 4}.
 */
public final class SpecException extends io.sumbin.histmodel.BadInputException {
  private static final long serialVersionUID = 1L;
  private final String path;

  public SpecException(String path, String message) {
    super(path == null || path.isEmpty() ? message : path + ": " + message);
    this.path = path;
  }

  /** JSON path of the offending element ({@code ""} for the whole document). */
  public String path() {
    return path;
  }
}
