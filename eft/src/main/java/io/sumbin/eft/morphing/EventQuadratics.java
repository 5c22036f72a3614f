package io.sumbin.eft.morphing;

import io.sumbin.binning.EventTable;
import io.sumbin.summaries.EftColumns;
import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.ArrayList;
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
  private final QuadraticBasis basis;
  private final double[] beta; // n × m
  private final int n;
  private final int m;
  private final double maxRelResidual;

  EventQuadratics(MorphingDesign design, double[] beta, int n, double maxRelResidual) {
    this(design, design.basis(), beta, n, maxRelResidual);
  }

  private EventQuadratics(MorphingDesign design, QuadraticBasis basis, double[] beta, int n, double maxRelResidual) {
    this.design = design;
    this.basis = basis;
    this.beta = beta;
    this.n = n;
    this.m = basis.size();
    this.maxRelResidual = maxRelResidual;
  }

  /**
   * Events whose components are known (a simulator that knows its weights), without a morphing fit.
   *
   * @param components n × m row-major β_ik = B_ab(x_i) in basis order (read, copied)
   */
  public static EventQuadratics of(QuadraticBasis basis, double[] components) {
    int m = basis.size();
    if (components.length % m != 0) {
      throw new IllegalArgumentException(components.length + " components are not a multiple of the basis' " + m);
    }
    return new EventQuadratics(null, basis, components.clone(), components.length / m, 0.0);
  }

  /**
   * Events whose weights are given as coefficients of monomials: w_i(c) = Σ_k m_k(c) T_ik with
   * m_k ∈ {1, c_a, c_a c_b} listed by their factors ({@code []} = 1, {@code [a]}, {@code [a, b]}). The
   * basis is quadratic when a monomial has two factors, linear otherwise; basis components that are
   * not listed are zero, and β = T / multiplicity.
   *
   * @param components n × K row-major T_ik, K = {@code monomials.size()} (read)
   * @throws IllegalArgumentException for an unknown coefficient, a repeated or higher-order monomial
   */
  public static EventQuadratics ofMonomials(List<String> coefficients, List<List<String>> monomials, double[] components) {
    boolean quadratic = monomials.stream().anyMatch(x -> x.size() == 2);
    QuadraticBasis basis = new QuadraticBasis(coefficients, !quadratic);
    int kk = monomials.size();
    int[] map = new int[kk];
    for (int j = 0; j < kk; j++) {
      for (String c : monomials.get(j)) {
        if (!coefficients.contains(c)) {
          throw new IllegalArgumentException("monomial " + monomials.get(j) + " uses unknown coefficient '" + c + "' (have "
              + coefficients + ")");
        }
      }
      map[j] = basis.indexOf(monomials.get(j));
      if (map[j] < 0) {
        throw new IllegalArgumentException("monomial " + monomials.get(j) + " is not of degree 0, 1 or 2");
      }
      for (int i = 0; i < j; i++) {
        if (map[i] == map[j]) {
          throw new IllegalArgumentException("monomial " + monomials.get(j) + " is listed twice");
        }
      }
    }
    if (kk == 0 || components.length % kk != 0) {
      throw new IllegalArgumentException(components.length + " components for " + kk + " monomials");
    }
    int n = components.length / kk;
    int m = basis.size();
    double[] beta = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < kk; j++) {
        beta[i * m + map[j]] = components[i * kk + j] / basis.multiplicity(map[j]);
      }
    }
    return new EventQuadratics(null, basis, beta, n, 0.0);
  }

  /** Number of events. */
  public int size() {
    return n;
  }

  /** The shared design (points, basis, condition number); null for events built from known components. */
  public MorphingDesign design() {
    return design;
  }

  /** The basis. */
  public QuadraticBasis basis() {
    return basis;
  }

  /** Coefficient names c_1..c_n. */
  public List<String> coefficients() {
    return basis.coefficients();
  }

  /** Condition number of the design matrix (NaN without a morphing fit). */
  public double conditionNumber() {
    return design == null ? Double.NaN : design.conditionNumber();
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

  /** Whether every component is finite (then a zero design-row entry contributes exactly nothing). */
  private volatile Boolean allFinite;

  private boolean allFinite() {
    Boolean f = allFinite;
    if (f == null) {
      boolean ok = true;
      for (double b : beta) {
        if (!Double.isFinite(b)) {
          ok = false;
          break;
        }
      }
      allFinite = f = ok;
    }
    return f;
  }

  /**
   * The indices k of the non-zero entries of a design row, or null to use every entry. With finite
   * components, skipping φ_k = 0 leaves every sum bit for bit what the full loop gives: φ_k β_ik is ±0,
   * and a sum that starts at +0 is unchanged by adding ±0 (it can never be −0). A scan of one coefficient
   * among n touches 3 of the (n+1)(n+2)/2 components.
   */
  private int[] nonZero(double[] phi) {
    int nz = 0;
    for (double v : phi) {
      if (v != 0) {
        nz++;
      }
    }
    if (nz == phi.length || !allFinite()) {
      return null;
    }
    int[] idx = new int[nz];
    int j = 0;
    for (int k = 0; k < phi.length; k++) {
      if (phi[k] != 0) {
        idx[j++] = k;
      }
    }
    return idx;
  }

  private double dot(int i, double[] phi, int[] nz) {
    if (nz == null) {
      return dot(i, phi);
    }
    double s = 0;
    int off = i * m;
    for (int k : nz) {
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
    int[] nz = nonZero(phi);
    for (int i = 0; i < n; i++) {
      out[i] = dot(i, phi, nz);
    }
  }

  /** w(x|c) for all events (new array). */
  public double[] weights(double[] c) {
    double[] out = new double[n];
    weights(c, out);
    return out;
  }

  /** r(x_i|c) = θᵀAθ (NaN where w_SM = 0). */
  public double ratio(int i, double[] c) {
    double sm = beta[i * m];
    return sm != 0 ? weight(i, c) / sm : Double.NaN;
  }

  /**
   * Hot path: r(x_i|c) for all events (the optimal observable for testing c against the SM).
   *
   * @param out length ≥ size() (written)
   */
  public void ratios(double[] c, double[] out) {
    double[] phi = basis().designRow(c);
    int[] nz = nonZero(phi);
    for (int i = 0; i < n; i++) {
      double sm = beta[i * m];
      out[i] = sm != 0 ? dot(i, phi, nz) / sm : Double.NaN;
    }
  }

  /** r(x|c) for all events (new array). */
  public double[] ratios(double[] c) {
    double[] out = new double[n];
    ratios(c, out);
    return out;
  }

  /**
   * ∂w(x_i|c)/∂c_j = 2 Σ_b B_jb θ_b (defined also where w_SM = 0).
   *
   * @param c coefficients (read); {@code out} length ≥ n_coefficients (written)
   */
  public void weightGradient(int i, double[] c, double[] out) {
    int nc = basis.n();
    if (c.length != nc) {
      throw new IllegalArgumentException("point has " + c.length + " coefficients, expected " + nc + " " + basis.coefficients());
    }
    java.util.Arrays.fill(out, 0, nc, 0.0);
    for (int k = 0; k < m; k++) {
      int a = basis.a(k), bb = basis.b(k);
      double v = 2 * beta[i * m + k];
      // d/dc_j of f_ab B_ab θ_a θ_b with f = 1 (a = b) or 2
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

  /** ∂w_i/∂c_j at c for all events (new array): the weight derivatives the Fisher information needs. */
  public double[] weightDerivatives(double[] c, int j) {
    double[] g = new double[basis.n()];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      weightGradient(i, c, g);
      out[i] = g[j];
    }
    return out;
  }

  /**
   * R_j(x_i|c) = ∂r/∂c_j = 2 Σ_b A_jb θ_b (NaN where w_SM = 0).
   *
   * @param out length ≥ n_coefficients (written)
   */
  public void ratioGradient(int i, double[] c, double[] out) {
    weightGradient(i, c, out);
    double sm = beta[i * m];
    for (int j = 0; j < basis.n(); j++) {
      out[j] = sm != 0 ? out[j] / sm : Double.NaN;
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
    double inv = beta[i * m] != 0 ? 1.0 / beta[i * m] : Double.NaN;
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
   * t_j(x_i|SM) = ∂ ln r/∂c_j at c = 0, = 2 A_0j (NaN where w_SM = 0).
   *
   * @param out length ≥ n_coefficients (written)
   */
  public void scoreAtSm(int i, double[] out) {
    int nc = basis().n();
    double inv = beta[i * m] != 0 ? 1.0 / beta[i * m] : Double.NaN;
    for (int j = 1; j <= nc; j++) {
      out[j - 1] = 2 * beta[i * m + basis().index(0, j)] * inv;
    }
  }

  /** σ(c) = Σ_i w(x_i|c) (pb for LHE input). */
  public double crossSection(double[] c) {
    double[] phi = basis().designRow(c);
    int[] nz = nonZero(phi);
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += dot(i, phi, nz);
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

  /** The events at the given indices (read), components unchanged. */
  public EventQuadratics subset(int[] idx) {
    double[] b = new double[idx.length * m];
    for (int r = 0; r < idx.length; r++) {
      if (idx[r] < 0 || idx[r] >= n) {
        throw new IndexOutOfBoundsException("event " + idx[r] + " outside [0, " + n + ")");
      }
      System.arraycopy(beta, idx[r] * m, b, r * m, m);
    }
    return new EventQuadratics(design, basis, b, idx.length, maxRelResidual);
  }

  /**
   * The same events as functions of coefficient {@code j} alone, the others held at 0: the basis of that one
   * coefficient and the components (0,0), (0,j) and (j,j) (linear mode: (0,0), (0,j)), in the same relative
   * order as here. With finite components every weight, ratio, derivative and template at a point whose other
   * coefficients are 0 is bit for bit the one of the full events (the dropped design-row entries are exactly 0,
   * see {@link #weights(double[], double[])}), at a fraction of the memory traffic: 3 of the
   * (n+1)(n+2)/2 components.
   *
   * @param j coefficient index (0-based)
   * @return the events in the basis of c_j alone
   * @throws IllegalArgumentException if j is out of range or a component is not finite
   */
  public EventQuadratics only(int j) {
    int nc = basis.n();
    if (j < 0 || j >= nc) {
      throw new IllegalArgumentException("coefficient index " + j + " outside 0.." + (nc - 1));
    }
    if (!allFinite()) {
      throw new IllegalArgumentException("the events have non-finite quadratic components");
    }
    QuadraticBasis b1 = new QuadraticBasis(List.of(basis.coefficients().get(j)), basis.linearOnly());
    int[] keep = b1.linearOnly() ? new int[] {basis.index(0, 0), basis.index(0, j + 1)}
        : new int[] {basis.index(0, 0), basis.index(0, j + 1), basis.index(j + 1, j + 1)};
    int m1 = keep.length;
    double[] b = new double[n * m1];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < m1; k++) {
        b[i * m1 + k] = beta[i * m + keep[k]];
      }
    }
    return new EventQuadratics(null, b1, b, n, maxRelResidual);
  }

  /** The same events with every weight multiplied by {@code factor[i]} (read; e.g. 0 to drop an event). */
  public EventQuadratics reweighted(double[] factor) {
    if (factor.length != n) {
      throw new IllegalArgumentException(factor.length + " factors for " + n + " events");
    }
    double[] b = beta.clone();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < m; k++) {
        b[i * m + k] *= factor[i];
      }
    }
    return new EventQuadratics(design, basis, b, n, maxRelResidual);
  }

  /**
   * The summaries module's view of these weights: {@link PolynomialWeights} in the {@code active}
   * coefficients (the others held at 0), quadratic or linear as this basis, T_ik = multiplicity(k) β_ik.
   */
  public PolynomialWeights polynomialWeights(List<String> active) {
    PolynomialBasis pb = basis.linearOnly() ? PolynomialBasis.linear(active) : PolynomialBasis.quadratic(active);
    int kk = pb.size();
    int[] map = new int[kk];
    for (int t = 0; t < kk; t++) {
      int[] e = pb.exponents(t);
      List<String> mono = new ArrayList<>();
      for (int a = 0; a < e.length; a++) {
        for (int r = 0; r < e[a]; r++) {
          mono.add(active.get(a));
        }
      }
      map[t] = basis.indexOf(mono);
      if (map[t] < 0) {
        throw new IllegalArgumentException("unknown coefficient in " + mono + " (have " + basis.coefficients() + ")");
      }
    }
    double[][] coef = new double[n][kk];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < kk; t++) {
        coef[i][t] = basis.multiplicity(map[t]) * beta[i * m + map[t]];
      }
    }
    return new PolynomialWeights(pb, coef);
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
      out = out.withDoubleColumn(EftColumns.matrixEntry(basis.thetaName(basis.a(k)), basis.thetaName(basis.b(k))), column(i -> beta[i * m + kk] / beta[i * m]));
    }
    return out;
  }

  /**
   * The table that binning and training read: {@link #withQuadraticColumns} and the labels at the
   * Standard Model (c = 0) with the prefix {@link EftColumns#SM_PREFIX}.
   *
   * @param t the events, in this fit's order
   * @return {@code t} with the quadratic-form and SM label columns
   * @throws IllegalArgumentException if the table has a different number of events
   */
  public EventTable withSmLabels(EventTable t) {
    return withLabels(withQuadraticColumns(t), new double[coefficients().size()], EftColumns.SM_PREFIX);
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
