package io.sumbin.histmodel.interp;

/**
 * HistFactory interpolation codes (CERN-OPEN-2012-016, §4.1; pyhf {@code pyhf.interpolators}).
 *
 * <p>Multiplicative codes ({@link #CODE1}, {@link #CODE4}) interpolate a factor f(α) between
 * f(−1) = lo and f(+1) = hi with f(0) = 1. Additive codes ({@link #CODE0}, {@link #CODE2},
 * {@link #CODE4P}) interpolate a shift δ(α) with δ(+1) = hi − nom and δ(−1) = lo − nom.
 * Every code returns value, first and second derivative, so that likelihood gradients and Hessians
 * are analytic.
 */
public enum InterpCode {
  /** Piecewise linear: δ = α·(hi − nom) for α &gt; 0, α·(nom − lo) otherwise. */
  CODE0("code0", false),
  /** Piecewise exponential: f = hi^α for α &gt; 0, lo^(−α) otherwise. */
  CODE1("code1", true),
  /** Quadratic inside |α| ≤ 1, linear extrapolation outside. */
  CODE2("code2", false),
  /** Exponential outside |α| ≥ 1, sixth-order polynomial inside matching value, slope and curvature at ±1. */
  CODE4("code4", true),
  /** Linear outside |α| &gt; 1, sixth-order polynomial inside (pyhf's default for histosys). */
  CODE4P("code4p", false);

  private final String pyhfName;
  private final boolean multiplicative;

  InterpCode(String pyhfName, boolean multiplicative) {
    this.pyhfName = pyhfName;
    this.multiplicative = multiplicative;
  }

  /** pyhf's name, e.g. {@code "code4p"}. */
  public String pyhfName() {
    return pyhfName;
  }

  /** True for factor codes (normsys), false for additive codes (histosys). */
  public boolean multiplicative() {
    return multiplicative;
  }

  /** Parses {@code code0}, {@code 0}, {@code code4p}, {@code 4p}, ... */
  public static InterpCode parse(String s) {
    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
    if (!t.startsWith("code")) {
      t = "code" + t;
    }
    for (InterpCode c : values()) {
      if (c.pyhfName.equals(t)) {
        return c;
      }
    }
    throw new io.sumbin.histmodel.BadInputException("unknown interpolation code '" + s + "' (expected code0, code1, code2, code4 or code4p)");
  }
}
