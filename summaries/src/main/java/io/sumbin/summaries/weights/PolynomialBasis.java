package io.sumbin.summaries.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The monomials f_k(θ) = Π_a θ_a^{e_ka} of total degree ≤ D in p named parameters, in graded
 * lexicographic order. For D = 2 (the quadratic SMEFT dependence of a squared amplitude at
 * O(Λ⁻²) plus O(Λ⁻⁴)) the order is
 *
 * <pre>
 *   1, θ_1, …, θ_p, θ_1², θ_1θ_2, …, θ_1θ_p, θ_2², …, θ_p²     (K = (p+1)(p+2)/2 terms)
 * </pre>
 *
 * <p>An event weight that is a polynomial in θ is w(θ) = Σ_k f_k(θ) T_k (see {@link PolynomialWeights}; the morphing basis of arXiv:1805.00020, Sec. 4.2);
 * the basis also supplies ∂f_k/∂θ_a and ∂²f_k/∂θ_a∂θ_b for the derivative-learning labels. Immutable.
 */
public final class PolynomialBasis {
  private final List<String> parameters;
  private final int degree;
  private final int[][] exponents;

  /**
   * @param parameters distinct parameter names (p ≥ 1)
   * @param degree maximal total degree D, 1 ≤ D ≤ 4
   */
  public PolynomialBasis(List<String> parameters, int degree) {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("a polynomial basis needs at least one parameter");
    }
    if (degree < 1 || degree > 4) {
      throw new IllegalArgumentException("polynomial degree must be in [1, 4], got " + degree);
    }
    if (parameters.stream().distinct().count() != parameters.size() || parameters.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException("parameter names must be distinct and non-blank, got " + parameters);
    }
    this.parameters = List.copyOf(parameters);
    this.degree = degree;
    List<int[]> e = new ArrayList<>();
    int p = parameters.size();
    for (int d = 0; d <= degree; d++) {
      addDegree(e, new int[p], 0, d);
    }
    this.exponents = e.toArray(new int[0][]);
  }

  /** Quadratic basis (D = 2). */
  public static PolynomialBasis quadratic(List<String> parameters) {
    return new PolynomialBasis(parameters, 2);
  }

  /** Linear basis (D = 1): 1, θ_1, …, θ_p. */
  public static PolynomialBasis linear(List<String> parameters) {
    return new PolynomialBasis(parameters, 1);
  }

  private static void addDegree(List<int[]> out, int[] cur, int from, int remaining) {
    if (remaining == 0) {
      out.add(cur.clone());
      return;
    }
    for (int a = from; a < cur.length; a++) {
      cur[a]++;
      addDegree(out, cur, a, remaining - 1);
      cur[a]--;
    }
  }

  /** Parameter names θ_1..θ_p. */
  public List<String> parameters() {
    return parameters;
  }

  /** Number of parameters p. */
  public int nParameters() {
    return parameters.size();
  }

  /** Maximal total degree D. */
  public int degree() {
    return degree;
  }

  /** Number of monomials K. */
  public int size() {
    return exponents.length;
  }

  /** Exponent vector of monomial k (a copy). */
  public int[] exponents(int k) {
    return exponents[k].clone();
  }

  /** Human-readable monomial names: {@code 1}, {@code cHW}, {@code cHW^2}, {@code cHW*cHB}. */
  public List<String> termNames() {
    List<String> out = new ArrayList<>();
    for (int[] e : exponents) {
      StringBuilder sb = new StringBuilder();
      for (int a = 0; a < e.length; a++) {
        if (e[a] == 0) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append('*');
        }
        sb.append(parameters.get(a));
        if (e[a] > 1) {
          sb.append('^').append(e[a]);
        }
      }
      out.add(sb.length() == 0 ? "1" : sb.toString());
    }
    return out;
  }

  /**
   * f_k(θ) for all k.
   *
   * @param theta p values (read)
   * @param out K values (written)
   */
  public void evaluate(double[] theta, double[] out) {
    checkTheta(theta);
    for (int k = 0; k < exponents.length; k++) {
      double v = 1;
      int[] e = exponents[k];
      for (int a = 0; a < e.length; a++) {
        for (int r = 0; r < e[a]; r++) {
          v *= theta[a];
        }
      }
      out[k] = v;
    }
  }

  /** f(θ) as a new array. */
  public double[] evaluate(double[] theta) {
    double[] out = new double[size()];
    evaluate(theta, out);
    return out;
  }

  /**
   * ∂f_k/∂θ_a.
   *
   * @param out {@code [K][p]} (written)
   */
  public void gradient(double[] theta, double[][] out) {
    checkTheta(theta);
    int p = parameters.size();
    for (int k = 0; k < exponents.length; k++) {
      for (int a = 0; a < p; a++) {
        out[k][a] = derivative(exponents[k], theta, a, -1);
      }
    }
  }

  /**
   * ∂²f_k/∂θ_a∂θ_b.
   *
   * @param out {@code [K][p][p]} (written)
   */
  public void hessian(double[] theta, double[][][] out) {
    checkTheta(theta);
    int p = parameters.size();
    for (int k = 0; k < exponents.length; k++) {
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          out[k][a][b] = derivative(exponents[k], theta, a, b);
        }
      }
    }
  }

  /** d/dθ_a (and d/dθ_b when b ≥ 0) of one monomial. */
  private static double derivative(int[] e, double[] theta, int a, int b) {
    int[] ee = e.clone();
    double c = 1;
    c *= ee[a];
    ee[a]--;
    if (c == 0) {
      return 0;
    }
    if (b >= 0) {
      c *= ee[b];
      ee[b]--;
      if (c == 0) {
        return 0;
      }
    }
    for (int q = 0; q < ee.length; q++) {
      for (int r = 0; r < ee[q]; r++) {
        c *= theta[q];
      }
    }
    return c;
  }

  private void checkTheta(double[] theta) {
    if (theta.length != parameters.size()) {
      throw new IllegalArgumentException("θ has " + theta.length + " values, the basis has " + parameters.size()
          + " parameters " + parameters);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolynomialBasis b && b.degree == degree && b.parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode() * 31 + degree;
  }

  @Override
  public String toString() {
    return "PolynomialBasis[degree " + degree + " in " + parameters + ": " + Arrays.toString(termNames().toArray()) + "]";
  }
}
