package io.sumbin.summaries.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Morphing of a polynomial θ-dependence from basis points (arXiv:1805.00013, Sec. 4.2; the same
 * construction as MadMiner's morphing), the one morphing solver of sumbin (the eft module's per-event
 * quadratic morphing delegates to it). With monomials f_k (k = 1..K) and P ≥ K basis points θ_c, the
 * morphing matrix is F_ck = f_k(θ_c). Any quantity that is a polynomial in θ in that basis — the
 * differential cross section dσ(x|θ) = Σ_k f_k(θ) T_k(x), an event weight, a total rate — is then
 *
 * <pre>
 *   T = F⁺ g,     g(θ) = Σ_c w_c(θ) g(θ_c),     w_c(θ) = Σ_k f_k(θ) (F⁺)_kc ,
 * </pre>
 *
 * with F⁺ = V Σ⁻¹ Uᵀ the pseudo-inverse from the singular value decomposition F = U Σ Vᵀ: the exact
 * inverse for P = K points, the least-squares solution (ATL-PHYS-PUB-2015-047 with more points than
 * components) for P &gt; K. F⁺ is computed once, so each event costs one K×P matrix–vector product.
 *
 * <p>The morphing weights w_c(θ) can be large and of either sign away from the basis points; the
 * condition number σ_max/σ_min of F measures the resulting cancellations. Construction fails with a
 * {@link SingularException} naming the rank and the terms that cannot be separated (those with a
 * component of at least {@link #NULL_PROJECTION} in the null space of F) when a singular value is below
 * {@link #RANK_TOLERANCE}·σ_max. Immutable.
 */
public final class Morphing {
  /** Relative singular-value threshold below which a direction of F counts as unconstrained. */
  public static final double RANK_TOLERANCE = 1e-10;
  /** A term is inseparable if its unit vector has at least this norm in the null space of F. */
  public static final double NULL_PROJECTION = 1e-6;

  private final PolynomialBasis basis;
  private final double[][] points;
  private final double[] design; // P × K, row-major
  private final double[] pinv; // K × P, row-major
  private final double[] singular;

  /**
   * @param basis the polynomial basis (K terms)
   * @param basisPoints P ≥ K points θ_c, each with p values (read; copied)
   * @throws io.sumbin.histmodel.BadInputException if a dimension is wrong
   * @throws SingularException if the points do not determine every term
   */
  public Morphing(PolynomialBasis basis, double[][] basisPoints) {
    this(basis, basisPoints, null, "");
  }

  /**
   * As {@link #Morphing(PolynomialBasis, double[][])}, a refusal reading "what: reason hint".
   *
   * @param basis the polynomial basis (K terms)
   * @param basisPoints P ≥ K points θ_c, each with p values (read; copied)
   * @param what where the points come from, the first words of a refusal (null: none)
   * @param hint appended to a refusal, e.g. how to choose other points ("" for none)
   * @throws io.sumbin.histmodel.BadInputException if a dimension is wrong
   * @throws SingularException if the points do not determine every term
   */
  public Morphing(PolynomialBasis basis, double[][] basisPoints, String what, String hint) {
    String at = what == null ? "" : what + ": ";
    int k = basis.size();
    int p = basisPoints.length;
    this.basis = basis;
    this.points = new double[p][];
    this.design = new double[p * k];
    for (int c = 0; c < p; c++) {
      if (basisPoints[c].length != basis.nParameters()) {
        throw new io.sumbin.histmodel.BadInputException(at + "basis point " + c + " has " + basisPoints[c].length + " values, expected "
            + basis.nParameters() + " " + basis.parameters() + hint);
      }
      points[c] = basisPoints[c].clone();
      System.arraycopy(basis.evaluate(points[c]), 0, design, c * k, k);
    }
    // rows padded with zeros to a square matrix when there are fewer points than terms
    double[][] f = new double[Math.max(p, k)][k];
    for (int c = 0; c < p; c++) {
      System.arraycopy(design, c * k, f[c], 0, k);
    }
    SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(f));
    double[] sv = svd.getSingularValues();
    RealMatrix v = svd.getV();
    int rank = 0;
    boolean[] inseparable = new boolean[k];
    for (int j = 0; j < sv.length; j++) {
      if (sv[j] > RANK_TOLERANCE * sv[0]) {
        rank++;
        continue;
      }
      for (int t = 0; t < k; t++) {
        inseparable[t] |= Math.abs(v.getEntry(t, j)) > NULL_PROJECTION;
      }
    }
    if (rank < k) {
      List<Integer> terms = new ArrayList<>();
      for (int t = 0; t < k; t++) {
        if (inseparable[t]) {
          terms.add(t);
        }
      }
      String why = p < k ? "morphing with basis " + basis.termNames() + " needs " + k + " basis points, got " + p
          : "morphing matrix of basis points " + Arrays.deepToString(basisPoints) + " is singular (rank " + rank + " of "
              + k + ", condition number " + (sv[0] / sv[sv.length - 1]) + "): the points do not span " + basis.termNames();
      throw new SingularException(at + why + hint, rank, terms);
    }
    this.singular = sv;
    RealMatrix u = svd.getU();
    this.pinv = new double[k * p];
    for (int t = 0; t < k; t++) {
      for (int c = 0; c < p; c++) {
        double s = 0;
        for (int j = 0; j < k; j++) {
          s += v.getEntry(t, j) / sv[j] * u.getEntry(c, j);
        }
        pinv[t * p + c] = s;
      }
    }
  }

  /** The basis points do not determine every term of the polynomial. */
  public static final class SingularException extends io.sumbin.histmodel.BadInputException {
    private static final long serialVersionUID = 1L;
    private final int rank;
    private final List<Integer> terms;

    SingularException(String message, int rank, List<Integer> terms) {
      super(message);
      this.rank = rank;
      this.terms = List.copyOf(terms);
    }

    /** Numerical rank of the morphing matrix. */
    public int rank() {
      return rank;
    }

    /** Indices (basis order) of the terms with a component in the null space. */
    public List<Integer> inseparableTerms() {
      return terms;
    }
  }

  /** The polynomial basis. */
  public PolynomialBasis basis() {
    return basis;
  }

  /** Parameter names. */
  public List<String> parameterNames() {
    return basis.parameters();
  }

  /** Number of basis points P. */
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

  /** Condition number σ_max/σ_min of F. */
  public double conditionNumber() {
    return singular[0] / singular[singular.length - 1];
  }

  /** The singular values of F, descending (a copy). */
  public double[] singularValues() {
    return singular.clone();
  }

  /** F (a copy, P × K row-major). */
  public double[] designMatrix() {
    return design.clone();
  }

  /** F⁺ (a copy), {@code [k][c]}: the inverse for P = K. */
  public double[][] inverseMatrix() {
    int p = points.length;
    double[][] out = new double[basis.size()][p];
    for (int t = 0; t < out.length; t++) {
      System.arraycopy(pinv, t * p, out[t], 0, p);
    }
    return out;
  }

  /**
   * Morphing weights w_c(θ) = Σ_k f_k(θ)(F⁺)_kc.
   *
   * @param theta p values (read)
   * @param out P values (written)
   */
  public void weights(double[] theta, double[] out) {
    double[] f = basis.evaluate(theta);
    int p = points.length;
    for (int c = 0; c < p; c++) {
      double s = 0;
      for (int t = 0; t < f.length; t++) {
        s += f[t] * pinv[t * p + c];
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
   * Hot path: the polynomial coefficients T = F⁺ g of one quantity from its values at the basis points.
   *
   * @param g values at the P points, read from {@code g[gOff .. gOff+P)}
   * @param out coefficients, written to {@code out[outOff .. outOff+K)}
   */
  public void solve(double[] g, int gOff, double[] out, int outOff) {
    int p = points.length;
    int k = basis.size();
    for (int t = 0; t < k; t++) {
      double s = 0;
      int base = t * p;
      for (int c = 0; c < p; c++) {
        s += pinv[base + c] * g[gOff + c];
      }
      out[outOff + t] = s;
    }
  }

  /**
   * Per-event polynomial coefficients from the event weights at the basis points: T_ik = Σ_c (F⁺)_kc w_i(θ_c).
   *
   * @param basisWeights {@code [P][n]}: weights of all n events at each basis point (read)
   */
  public PolynomialWeights coefficients(double[][] basisWeights) {
    int p = size();
    if (basisWeights.length != p) {
      throw new io.sumbin.histmodel.BadInputException("need weights at " + p + " basis points, got " + basisWeights.length);
    }
    int n = basisWeights[0].length;
    for (int c = 0; c < p; c++) {
      if (basisWeights[c].length != n) {
        throw new io.sumbin.histmodel.BadInputException("basis point " + c + " has " + basisWeights[c].length + " weights, point 0 has " + n);
      }
    }
    int k = basis.size();
    double[][] t = new double[n][k];
    double[] g = new double[p];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < p; c++) {
        g[c] = basisWeights[c][i];
      }
      solve(g, 0, t[i], 0);
    }
    return new PolynomialWeights(basis, t);
  }
}
