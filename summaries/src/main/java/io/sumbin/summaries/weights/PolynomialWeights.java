package io.sumbin.summaries.weights;

import java.util.List;

/**
 * Event weights that are exact polynomials in θ: w_i(θ) = Σ_k f_k(θ) T_ik with the monomials f_k of a
 * {@link PolynomialBasis}. Quadratic SMEFT reweighting is the standard case: with θ̃ = (1, c_1..c_n),
 * w_i(c)/w_i(SM) = θ̃ᵀA_iθ̃, so T_i,1 = A_00 w_SM, T_i,c_a = 2A_0a w_SM, T_i,c_a² = A_aa w_SM,
 * T_i,c_a c_b = 2A_ab w_SM. Build it from coefficients directly or from weights at the basis points of a
 * {@link Morphing} ({@link Morphing#coefficients}). σ(θ) = Σ_k f_k(θ) Σ_i T_ik is O(K). This is the
 * per-event morphing of MadMiner (arXiv:1805.00020, Sec. 4.2).
 * Immutable.
 */
public final class PolynomialWeights implements ParametrizedWeights {
  private final PolynomialBasis basis;
  private final int n;
  private final double[] coef;
  private final double[] totals;

  /**
   * @param coefficients {@code [n][K]} (read; copied), finite
   */
  public PolynomialWeights(PolynomialBasis basis, double[][] coefficients) {
    this.basis = basis;
    this.n = coefficients.length;
    int k = basis.size();
    this.coef = new double[n * k];
    this.totals = new double[k];
    for (int i = 0; i < n; i++) {
      if (coefficients[i].length != k) {
        throw new IllegalArgumentException("event " + i + " has " + coefficients[i].length + " coefficients, the basis has "
            + k + " terms " + basis.termNames());
      }
      for (int t = 0; t < k; t++) {
        double v = coefficients[i][t];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("event " + i + " coefficient of '" + basis.termNames().get(t) + "' is " + v);
        }
        coef[i * k + t] = v;
        totals[t] += v;
      }
    }
  }

  private PolynomialWeights(PolynomialBasis basis, int n, double[] coef) {
    this.basis = basis;
    this.n = n;
    this.coef = coef;
    int k = basis.size();
    this.totals = new double[k];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        totals[t] += coef[i * k + t];
      }
    }
  }

  /** The basis of the polynomial. */
  public PolynomialBasis basis() {
    return basis;
  }

  @Override
  public List<String> parameterNames() {
    return basis.parameters();
  }

  @Override
  public int size() {
    return n;
  }

  /** T_ik (a copy of event i's coefficients). */
  public double[] coefficients(int event) {
    int k = basis.size();
    double[] out = new double[k];
    System.arraycopy(coef, event * k, out, 0, k);
    return out;
  }

  /** Σ_i T_ik: the coefficients of σ(θ). */
  public double[] totalCoefficients() {
    return totals.clone();
  }

  @Override
  public double weight(int event, double[] theta) {
    double[] f = basis.evaluate(theta);
    return dot(event, f);
  }

  /** w_i(θ) given precomputed monomials f(θ) (read). */
  public double dot(int event, double[] f) {
    int k = f.length;
    double s = 0;
    int off = event * k;
    for (int t = 0; t < k; t++) {
      s += f[t] * coef[off + t];
    }
    return s;
  }

  @Override
  public double[] weights(double[] theta) {
    double[] f = basis.evaluate(theta);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = dot(i, f);
    }
    return w;
  }

  @Override
  public double total(double[] theta) {
    double[] f = basis.evaluate(theta);
    double s = 0;
    for (int t = 0; t < f.length; t++) {
      s += f[t] * totals[t];
    }
    return s;
  }

  @Override
  public PolynomialWeights subset(int[] events) {
    int k = basis.size();
    double[] c = new double[events.length * k];
    for (int j = 0; j < events.length; j++) {
      int i = events[j];
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException("event " + i + " outside [0, " + n + ")");
      }
      System.arraycopy(coef, i * k, c, j * k, k);
    }
    return new PolynomialWeights(basis, events.length, c);
  }
}
