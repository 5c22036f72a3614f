package io.sumbin.summaries;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Morphing of a polynomial θ-dependence from basis points (arXiv:1805.00013, Sec. 4.2; the same
 * construction as MadMiner's morphing). With monomials f_k (k = 1..K) and K basis points θ_c, the
 * morphing matrix is F_ck = f_k(θ_c). Any quantity that is a polynomial in θ in that basis — the
 * differential cross section dσ(x|θ) = Σ_k f_k(θ) T_k(x), an event weight, a total rate — is then
 * exactly
 *
 * <pre>
 *   g(θ) = Σ_c w_c(θ) g(θ_c),     w_c(θ) = Σ_k f_k(θ) (F⁻¹)_kc .
 * </pre>
 *
 * <p>The morphing weights w_c(θ) can be large and of either sign away from the basis points; the
 * condition number of F is a measure of the resulting cancellations, and construction fails when F is
 * numerically singular. Immutable.
 */
public final class Morphing {
  /** Largest accepted condition number of the morphing matrix. */
  public static final double MAX_CONDITION = 1e12;

  private final PolynomialBasis basis;
  private final double[][] points;
  private final double[][] inverse;
  private final double condition;

  /**
   * @param basis the polynomial basis (K terms)
   * @param basisPoints K points θ_c, each with p values (read; copied)
   * @throws IllegalArgumentException if the count or a dimension is wrong, or if F is singular
   *     (condition number above {@link #MAX_CONDITION})
   */
  public Morphing(PolynomialBasis basis, double[][] basisPoints) {
    int k = basis.size();
    if (basisPoints.length != k) {
      throw new IllegalArgumentException("morphing with basis " + basis.termNames() + " needs " + k
          + " basis points, got " + basisPoints.length);
    }
    this.basis = basis;
    this.points = new double[k][];
    double[][] f = new double[k][];
    for (int c = 0; c < k; c++) {
      if (basisPoints[c].length != basis.nParameters()) {
        throw new IllegalArgumentException("basis point " + c + " has " + basisPoints[c].length + " values, expected "
            + basis.nParameters() + " " + basis.parameters());
      }
      points[c] = basisPoints[c].clone();
      f[c] = basis.evaluate(points[c]);
    }
    RealMatrix fm = new Array2DRowRealMatrix(f, false);
    this.condition = new SingularValueDecomposition(fm).getConditionNumber();
    if (!(condition < MAX_CONDITION)) {
      throw new IllegalArgumentException("morphing matrix of basis points " + Arrays.deepToString(basisPoints)
          + " is singular (condition number " + condition + "): the points do not span " + basis.termNames());
    }
    this.inverse = new LUDecomposition(fm).getSolver().getInverse().getData();
  }

  /** The polynomial basis. */
  public PolynomialBasis basis() {
    return basis;
  }

  /** Parameter names. */
  public List<String> parameterNames() {
    return basis.parameters();
  }

  /** Number of basis points K. */
  public int size() {
    return points.length;
  }

  /** Basis point c (a copy). */
  public double[] basisPoint(int c) {
    return points[c].clone();
  }

  /** All basis points (a deep copy). */
  public double[][] basisPoints() {
    double[][] out = new double[points.length][];
    for (int c = 0; c < out.length; c++) {
      out[c] = points[c].clone();
    }
    return out;
  }

  /** Condition number of F (2-norm). */
  public double conditionNumber() {
    return condition;
  }

  /** F⁻¹ (a copy), {@code [k][c]}. */
  public double[][] inverseMatrix() {
    double[][] out = new double[inverse.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = inverse[i].clone();
    }
    return out;
  }

  /**
   * Morphing weights w_c(θ) = Σ_k f_k(θ)(F⁻¹)_kc.
   *
   * @param theta p values (read)
   * @param out K values (written)
   */
  public void weights(double[] theta, double[] out) {
    double[] f = basis.evaluate(theta);
    int k = f.length;
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int t = 0; t < k; t++) {
        s += f[t] * inverse[t][c];
      }
      out[c] = s;
    }
  }

  /** Morphing weights as a new array. */
  public double[] weights(double[] theta) {
    double[] out = new double[size()];
    weights(theta, out);
    return out;
  }

  /**
   * Per-event polynomial coefficients from the event weights at the basis points: T_ik = Σ_c (F⁻¹)_kc w_i(θ_c).
   *
   * @param basisWeights {@code [K][n]}: weights of all n events at each basis point (read)
   */
  public PolynomialWeights coefficients(double[][] basisWeights) {
    int k = size();
    if (basisWeights.length != k) {
      throw new IllegalArgumentException("need weights at " + k + " basis points, got " + basisWeights.length);
    }
    int n = basisWeights[0].length;
    double[][] t = new double[n][k];
    for (int c = 0; c < k; c++) {
      if (basisWeights[c].length != n) {
        throw new IllegalArgumentException("basis point " + c + " has " + basisWeights[c].length + " weights, point 0 has " + n);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int kk = 0; kk < k; kk++) {
        double s = 0;
        for (int c = 0; c < k; c++) {
          s += inverse[kk][c] * basisWeights[c][i];
        }
        t[i][kk] = s;
      }
    }
    return new PolynomialWeights(basis, t);
  }
}
