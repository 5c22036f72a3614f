package io.sumbin.eft.morphing;

import io.sumbin.summaries.weights.PolynomialBasis;
import java.util.ArrayList;
import java.util.List;

/**
 * The monomials of a quadratic (or linear) dependence on n Wilson coefficients. With
 * θ = (θ_0, θ_1, ..., θ_n) = (1, c_1, ..., c_n) and a symmetric (n+1)×(n+1) matrix B,
 *
 * <pre>
 *   θᵀBθ = Σ_a B_aa θ_a² + 2 Σ_{a&lt;b} B_ab θ_a θ_b = Σ_k φ_k(c) β_k,
 * </pre>
 *
 * with one component k per pair a ≤ b, unknown β_k = B_ab and design function
 * φ_k(c) = (a = b ? 1 : 2) θ_a θ_b. Components are ordered (0,0), (0,1), ..., (0,n), (1,1), (1,2),
 * ..., (n,n): m = (n+1)(n+2)/2 of them. In linear mode only (0,0), (0,1), ..., (0,n) exist
 * (m = n+1): θᵀBθ = B_00 + 2 Σ_i B_0i c_i.
 *
 * <p>The components are the monomials of {@link PolynomialBasis} of degree 2 (or 1) in the same order:
 * φ_k = {@link #multiplicity}(k) · f_k, so the summaries module's view of the same weights is
 * {@link #polynomialBasis()} with coefficients T_k = multiplicity(k) · β_k ({@code QuadraticBasisTest} checks
 * the order and that design rows are exactly multiplicity · f_k).
 *
 * <p>{@link PolynomialBasis} is the one basis (any degree, with derivatives); this class is not a second basis
 * but its symmetric-matrix coordinates for degree ≤ 2: the pair (a, b) of each component, its multiplicity, and
 * the index of a pair. The least-squares morphing solves for B_ab (so that the per-event matrices A(x) of
 * {@code EventQuadratics} and the {@code eft_A_<a>_<b>} columns of {@code io.sumbin.summaries.EftColumns} are
 * symmetric-matrix entries), which is why eft keeps this view; it was not folded into {@code PolynomialBasis}
 * because that would move the (a, b) matrix convention into the summaries module and change ~30 call sites
 * in eft that other work builds on.
 *
 * @param coefficients the names of c_1..c_n
 * @param linearOnly true for the linear model
 */
public record QuadraticBasis(List<String> coefficients, boolean linearOnly) {
  public QuadraticBasis {
    coefficients = List.copyOf(coefficients);
    if (coefficients.stream().distinct().count() != coefficients.size()) {
      throw new IllegalArgumentException("coefficient names repeat: " + coefficients);
    }
  }

  /** Number of coefficients n. */
  public int n() {
    return coefficients.size();
  }

  /** Number of components m. */
  public int size() {
    int n = n();
    return linearOnly ? n + 1 : (n + 1) * (n + 2) / 2;
  }

  /** Row index a of component k (0 = the constant θ_0 = 1). */
  public int a(int k) {
    if (linearOnly) {
      return 0;
    }
    int n1 = n() + 1;
    int a = 0;
    while (k >= n1 - a) {
      k -= n1 - a;
      a++;
    }
    return a;
  }

  /** Column index b ≥ a of component k. */
  public int b(int k) {
    if (linearOnly) {
      return k;
    }
    int n1 = n() + 1;
    int a = 0;
    while (k >= n1 - a) {
      k -= n1 - a;
      a++;
    }
    return a + k;
  }

  /**
   * Component index of the pair (a, b) in either order; −1 if the pair is not in a linear basis.
   */
  public int index(int a, int b) {
    if (a > b) {
      int t = a;
      a = b;
      b = t;
    }
    if (linearOnly) {
      return a == 0 ? b : -1;
    }
    int n1 = n() + 1;
    return a * n1 - a * (a - 1) / 2 + (b - a);
  }

  /** θ-index name: "1" for 0, else the coefficient name. */
  public String thetaName(int a) {
    return a == 0 ? "1" : coefficients.get(a - 1);
  }

  /** Human name of component k: {@code 1}, {@code cHW}, {@code cHW^2}, {@code cHW*cHB}. */
  public String componentName(int k) {
    int a = a(k), b = b(k);
    if (a == 0) {
      return b == 0 ? "1" : thetaName(b);
    }
    return a == b ? thetaName(a) + "^2" : thetaName(a) + "*" + thetaName(b);
  }

  /** How often the pair (a, b) of component k occurs in θᵀBθ: 1 on the diagonal, 2 off it. */
  public double multiplicity(int k) {
    return a(k) == b(k) ? 1 : 2;
  }

  /** The same monomials as a {@link PolynomialBasis} (degree 2, or 1 in linear mode; same order). */
  public PolynomialBasis polynomialBasis() {
    return linearOnly ? PolynomialBasis.linear(coefficients) : PolynomialBasis.quadratic(coefficients);
  }

  /**
   * Component index of a monomial given as its factors (order ignored: {@code []} = 1, {@code [c]},
   * {@code [c, d]}); −1 if it is not in the basis.
   */
  public int indexOf(List<String> monomial) {
    if (monomial.size() > 2) {
      return -1;
    }
    int[] idx = new int[2];
    for (int f = 0; f < monomial.size(); f++) {
      idx[f] = coefficients.indexOf(monomial.get(f)) + 1;
      if (idx[f] == 0) {
        return -1;
      }
    }
    return index(idx[0], idx[1]);
  }

  /** The monomial of component k as a list of factors (empty for 1; {@code [c, c]} for c²). */
  public List<String> monomial(int k) {
    List<String> f = new ArrayList<>(2);
    if (a(k) > 0) {
      f.add(thetaName(a(k)));
    }
    if (b(k) > 0) {
      f.add(thetaName(b(k)));
    }
    return f;
  }

  /**
   * The design row φ_k(c) of a point.
   *
   * @param c the n coefficient values (read)
   * @param out length ≥ m (written)
   */
  public void designRow(double[] c, double[] out) {
    int n = n();
    if (c.length != n) {
      throw new IllegalArgumentException("point has " + c.length + " coefficients, the basis " + n + " " + coefficients);
    }
    if (linearOnly) {
      out[0] = 1;
      for (int i = 0; i < n; i++) {
        out[i + 1] = 2 * c[i];
      }
      return;
    }
    int k = 0;
    for (int a = 0; a <= n; a++) {
      double ta = a == 0 ? 1 : c[a - 1];
      for (int b = a; b <= n; b++) {
        double tb = b == 0 ? 1 : c[b - 1];
        out[k++] = (a == b ? 1 : 2) * ta * tb;
      }
    }
  }

  /** The design row as a new array. */
  public double[] designRow(double[] c) {
    double[] r = new double[size()];
    designRow(c, r);
    return r;
  }
}
