package io.sumbin.histmodel.infer;

import java.util.Locale;

/**
 * Profile-likelihood-ratio test statistics of Cowan, Cranmer, Gross and Vitells
 * (arXiv:1007.1727), computed as pyhf does. With λ(μ) = L(μ, θ̂̂)/L(μ̂, θ̂):
 *
 * <ul>
 *   <li>{@link #T}: t_μ = −2 ln λ(μ) (two-sided);
 *   <li>{@link #TTILDE}: t̃_μ, the same with μ̂ constrained to μ̂ ≥ 0 (the Feldman–Cousins ordering);
 *   <li>{@link #Q}: q_μ = t_μ for μ̂ ≤ μ, 0 otherwise (upper limits);
 *   <li>{@link #QTILDE}: q̃_μ, as q_μ with μ̂ ≥ 0;
 *   <li>{@link #Q0}: q₀ = −2 ln λ(0) for μ̂ ≥ 0, 0 otherwise (discovery).
 * </ul>
 *
 * The "tilde" variants take the POI's lower bound as max(lower bound, 0); with pyhf's default
 * normfactor bounds [0, 10] they coincide with pyhf's {@code qtilde}, which simply uses the model's
 * bounds. −2 ln λ is clipped at 0 (pyhf).
 */
public enum TestStatistic {
  Q("q", false, true),
  QTILDE("qtilde", true, true),
  T("t", false, false),
  TTILDE("ttilde", true, false),
  Q0("q0", false, false);

  private final String pyhfName;
  private final boolean tilde;
  private final boolean oneSided;

  TestStatistic(String name, boolean tilde, boolean oneSided) {
    this.pyhfName = name;
    this.tilde = tilde;
    this.oneSided = oneSided;
  }

  /** pyhf's name ({@code q}, {@code qtilde}, {@code q0}) or sumbin's ({@code t}, {@code ttilde}). */
  public String pyhfName() {
    return pyhfName;
  }

  /** Whether μ̂ is constrained to be non-negative. */
  public boolean tilde() {
    return tilde;
  }

  /** Whether μ̂ &gt; μ counts as agreement (upper-limit statistics). */
  public boolean oneSided() {
    return oneSided;
  }

  /** Parses a name; throws IllegalArgumentException listing the valid ones. */
  public static TestStatistic parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    for (TestStatistic ts : values()) {
      if (ts.pyhfName.equals(t)) {
        return ts;
      }
    }
    throw new IllegalArgumentException("unknown test statistic '" + s + "' (expected q, qtilde, t, ttilde or q0)");
  }
}
