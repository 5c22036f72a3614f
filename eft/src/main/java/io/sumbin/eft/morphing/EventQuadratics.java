package io.sumbin.eft.morphing;

import io.sumbin.binning.EventTable;
import java.util.List;

/**
 * Per-event quadratic dependence of the event weight on the Wilson coefficients, solved by
 * {@link QuadraticMorphing}. For event x and θ = (1, c_1, ..., c_n):
 *
 * <pre>
 *   w(x|c) = θᵀ B(x) θ,   w_SM(x) = B_00(x),   A(x) = B(x) / B_00(x)   (so A_00 = 1),
 *   r(x|c) = w(x|c) / w_SM(x) = θᵀ A(x) θ,
 *   R_i(x|c) = ∂r/∂c_i = 2 Σ_b A_ib(x) θ_b,      R_ij(x) = ∂²r/∂c_i∂c_j = 2 A_ij(x),
 *   t_i(x|c) = ∂ ln r/∂c_i = R_i / r,             t_i(x|SM) = 2 A_0i(x).
 * </pre>
 *
 * r is the ratio of <em>event weights</em> (of dσ(x|c)/dσ(x|SM)), the regression target of
 * derivative learning (Chen, Glioti, Panico, Wulzer, arXiv:2007.10356). The ratio of normalised
 * densities is r(x|c) σ_SM/σ(c) and its score t_i(x|c) − ∂ ln σ(c)/∂c_i (the MadMiner joint ratio
 * and score, arXiv:1805.00013, 1805.00020); σ(c) = {@link #crossSection}. Weights B are in the
 * event table's units (pb per event for LHE input). Events with B_00 = 0 have undefined A, r and
 * t (NaN); their w(x|c) is still defined. In linear mode A has only the first row and column and
 * R_ij = 0.
 *
 * <p>Arrays passed in are read, arrays named {@code out} are written; nothing is retained.
 */
public final class EventQuadratics {
  private final MorphingDesign design;
  private final double[] beta; // n × m
  private final int n;
  private final int m;
  private final double maxRelResidual;

  EventQuadratics(MorphingDesign design, double[] beta, int n, double maxRelResidual) {
    this.design = design;
    this.beta = beta;
    this.n = n;
    this.m = design.basis().size();
    this.maxRelResidual = maxRelResidual;
  }

  /** Number of events. */
  public int size() {
    return n;
  }

  /** The shared design (points, basis, condition number). */
  public MorphingDesign design() {
    return design;
  }

  /** The basis. */
  public QuadraticBasis basis() {
    return design.basis();
  }

  /** Coefficient names c_1..c_n. */
  public List<String> coefficients() {
    return design.basis().coefficients();
  }

  /** Condition number of the design matrix. */
  public double conditionNumber() {
    return design.conditionNumber();
  }

  /**
   * max over events i and points p of |ŵ_ip − w_ip| / |w_ip| (for w_ip = 0: |ŵ_ip| / max_p |w_ip|):
   * how well the fitted quadratic reproduces the input weights. ~1e-13 for an exactly determined design.
   */
  public double maxRelativeResidual() {
    return maxRelResidual;
  }

  /** w_SM(x_i) = B_00(x_i). */
  public double smWeight(int i) {
    return beta[i * m];
  }

  /** Component k of B(x_i) (basis order). */
  public double component(int i, int k) {
    return beta[i * m + k];
  }

  /**
   * A(x_i) = B(x_i)/B_00(x_i) as a full symmetric matrix.
   *
   * @param out (n+1)×(n+1) row-major (written)
   */
  public void matrixA(int i, double[] out) {
    int d = coefficients().size() + 1;
    if (out.length < d * d) {
      throw new IllegalArgumentException("output needs " + d * d + " entries, has " + out.length);
    }
    java.util.Arrays.fill(out, 0, d * d, 0.0);
    double b00 = beta[i * m];
    QuadraticBasis b = basis();
    for (int k = 0; k < m; k++) {
      double v = beta[i * m + k] / b00;
      out[b.a(k) * d + b.b(k)] = v;
      out[b.b(k) * d + b.a(k)] = v;
    }
  }

  /** w(x_i|c). */
  public double weight(int i, double[] c) {
    double[] phi = basis().designRow(c);
    return dot(i, phi);
  }

  private double dot(int i, double[] phi) {
    double s = 0;
    int off = i * m;
    for (int k = 0; k < m; k++) {
      s += phi[k] * beta[off + k];
    }
    return s;
  }

  /**
   * Hot path: w(x_i|c) for all events.
   *
   * @param c coefficients (read); {@code out} length ≥ size() (written)
   */
  public void weights(double[] c, double[] out) {
    double[] phi = basis().designRow(c);
    for (int i = 0; i < n; i++) {
      out[i] = dot(i, phi);
    }
  }

  /** w(x|c) for all events (new array). */
  public double[] weights(double[] c) {
    double[] out = new double[n];
    weights(c, out);
    return out;
  }

  /** r(x_i|c) = θᵀAθ. */
  public double ratio(int i, double[] c) {
    return weight(i, c) / beta[i * m];
  }

  /**
   * Hot path: r(x_i|c) for all events (the optimal observable for testing c against the SM).
   *
   * @param out length ≥ size() (written)
   */
  public void ratios(double[] c, double[] out) {
    double[] phi = basis().designRow(c);
    for (int i = 0; i < n; i++) {
      out[i] = dot(i, phi) / beta[i * m];
    }
  }

  /** r(x|c) for all events (new array). */
  public double[] ratios(double[] c) {
    double[] out = new double[n];
    ratios(c, out);
    return out;
  }

  /**
   * R_j(x_i|c) = ∂r/∂c_j = 2 Σ_b A_jb θ_b.
   *
   * @param out length ≥ n_coefficients (written)
   */
  public void ratioGradient(int i, double[] c, double[] out) {
    QuadraticBasis b = basis();
    int nc = b.n();
    if (c.length != nc) {
      throw new IllegalArgumentException("point has " + c.length + " coefficients, expected " + nc + " " + b.coefficients());
    }
    java.util.Arrays.fill(out, 0, nc, 0.0);
    double inv = 1.0 / beta[i * m];
    for (int k = 0; k < m; k++) {
      int a = b.a(k), bb = b.b(k);
      double v = 2 * beta[i * m + k] * inv;
      // d/dc_j of f_ab A_ab θ_a θ_b with f = 1 (a = b) or 2
      if (a == bb) {
        if (a > 0) {
          out[a - 1] += v * c[a - 1];
        }
      } else {
        double ta = a == 0 ? 1 : c[a - 1];
        double tb = c[bb - 1];
        if (a > 0) {
          out[a - 1] += v * tb;
        }
        out[bb - 1] += v * ta;
      }
    }
  }

  /**
   * R_jk(x_i) = ∂²r/∂c_j∂c_k = 2 A_jk (independent of c).
   *
   * @param out n×n row-major (written)
   */
  public void ratioHessian(int i, double[] out) {
    QuadraticBasis b = basis();
    int nc = b.n();
    java.util.Arrays.fill(out, 0, nc * nc, 0.0);
    if (b.linearOnly()) {
      return;
    }
    double inv = 1.0 / beta[i * m];
    for (int k = 0; k < m; k++) {
      int a = b.a(k), bb = b.b(k);
      if (a == 0) {
        continue;
      }
      double v = 2 * beta[i * m + k] * inv;
      out[(a - 1) * nc + (bb - 1)] = v;
      out[(bb - 1) * nc + (a - 1)] = v;
    }
  }

  /**
   * t_j(x_i|SM) = ∂ ln r/∂c_j at c = 0, = 2 A_0j.
   *
   * @param out length ≥ n_coefficients (written)
   */
  public void scoreAtSm(int i, double[] out) {
    int nc = basis().n();
    double inv = 1.0 / beta[i * m];
    for (int j = 1; j <= nc; j++) {
      out[j - 1] = 2 * beta[i * m + basis().index(0, j)] * inv;
    }
  }

  /** σ(c) = Σ_i w(x_i|c) (pb for LHE input). */
  public double crossSection(double[] c) {
    double[] phi = basis().designRow(c);
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += dot(i, phi);
    }
    return s;
  }

  /** Σ_i B(x_i): the cross section's own quadratic form, σ(c) = Σ_k φ_k(c) Σ_i β_ik (new array, basis order). */
  public double[] totalComponents() {
    double[] t = new double[m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < m; k++) {
        t[k] += beta[i * m + k];
      }
    }
    return t;
  }

  /**
   * Adds the per-event quadratic form as columns (see {@link EftColumns}): {@code eft_wsm} = B_00
   * and {@code eft_A_<a>_<b>} = A_ab for every basis component except A_00 = 1. With these a module
   * that does not depend on eft can compute r(x|c) = Σ_k φ_k(c) A_k at any c.
   *
   * @throws IllegalArgumentException if the table has a different number of events
   */
  public EventTable withQuadraticColumns(EventTable t) {
    checkSize(t);
    EventTable out = t.withDoubleColumn(EftColumns.SM_WEIGHT, column(i -> beta[i * m]));
    for (int k = 1; k < m; k++) {
      int kk = k;
      out = out.withDoubleColumn(EftColumns.matrixEntry(basis(), k), column(i -> beta[i * m + kk] / beta[i * m]));
    }
    return out;
  }

  /**
   * Adds the labels at c as columns named {@code prefix + "r"}, {@code prefix + "w"},
   * {@code prefix + "t_" + c_j}, {@code prefix + "R_" + c_j} and (quadratic mode)
   * {@code prefix + "R_" + c_j + "_" + c_k} for j ≤ k in coefficient order; see {@link EftColumns}.
   *
   * @param c the coefficients (read)
   */
  public EventTable withLabels(EventTable t, double[] c, String prefix) {
    checkSize(t);
    int nc = basis().n();
    double[] r = ratios(c);
    double[] w = weights(c);
    double[][] grad = new double[nc][n];
    double[][] hess = new double[nc * nc][n];
    double[] g = new double[nc];
    double[] h = new double[nc * nc];
    for (int i = 0; i < n; i++) {
      ratioGradient(i, c, g);
      ratioHessian(i, h);
      for (int j = 0; j < nc; j++) {
        grad[j][i] = g[j];
      }
      for (int j = 0; j < nc * nc; j++) {
        hess[j][i] = h[j];
      }
    }
    EventTable out = t.withDoubleColumn(prefix + EftColumns.RATIO, r).withDoubleColumn(prefix + EftColumns.WEIGHT, w);
    List<String> names = coefficients();
    for (int j = 0; j < nc; j++) {
      double[] score = new double[n];
      for (int i = 0; i < n; i++) {
        score[i] = grad[j][i] / r[i];
      }
      out = out.withDoubleColumn(prefix + EftColumns.SCORE + names.get(j), score);
    }
    for (int j = 0; j < nc; j++) {
      out = out.withDoubleColumn(prefix + EftColumns.DERIVATIVE + names.get(j), grad[j]);
    }
    if (!basis().linearOnly()) {
      for (int j = 0; j < nc; j++) {
        for (int k = j; k < nc; k++) {
          out = out.withDoubleColumn(prefix + EftColumns.DERIVATIVE + names.get(j) + "_" + names.get(k), hess[j * nc + k]);
        }
      }
    }
    return out;
  }

  private void checkSize(EventTable t) {
    if (t.size() != n) {
      throw new IllegalArgumentException("event table has " + t.size() + " events, the morphing fit " + n);
    }
  }

  private double[] column(java.util.function.IntToDoubleFunction f) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = f.applyAsDouble(i);
    }
    return v;
  }
}
