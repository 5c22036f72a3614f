package io.sumbin.eft.morphing;

import java.util.List;

/**
 * The reweighting points do not span the requested polynomial space: some components of B (see
 * {@link QuadraticBasis}) cannot be separated. The message is one line naming them, grouped as
 * "linear and quadratic terms of c (varied at one value only)", "cross terms with no point varying
 * both coefficients", "coefficients never varied" and any other inseparable components.
 */
public final class UnderdeterminedMorphingException extends io.sumbin.histmodel.BadInputException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> inseparable;
  private final int rank;
  private final int components;

  UnderdeterminedMorphingException(String message, List<String> inseparable, int rank, int components) {
    super(message);
    this.inseparable = List.copyOf(inseparable);
    this.rank = rank;
    this.components = components;
  }

  /**
   * The same refusal naming where the points come from first: {@code "<where>: <message>"}.
   *
   * @param where the files (or other source) of the reweighting points
   * @return a copy with the longer message and the same components, rank and size
   */
  public UnderdeterminedMorphingException in(String where) {
    return new UnderdeterminedMorphingException(where + ": " + getMessage(), inseparable, rank, components);
  }

  /** Names of all components that cannot be determined, e.g. {@code cG}, {@code cG^2}, {@code cG*cHDD}. */
  public List<String> inseparableComponents() {
    return inseparable;
  }

  /** Rank of the design matrix. */
  public int rank() {
    return rank;
  }

  /** Number of components m the fit needs. */
  public int components() {
    return components;
  }
}
