package io.sumbin.eft.morphing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The least-squares problem shared by all events: for reweighting points c^(1)..c^(P) the design
 * matrix X_pk = φ_k(c^(p)) ({@link QuadraticBasis}), and for an event with weights y_p = w(x|c^(p))
 * the coefficients β = argmin ‖Xβ − y‖² = X⁺y. X⁺ = V Σ⁻¹ Uᵀ (from the singular value
 * decomposition X = U Σ Vᵀ) is computed once, so each event costs one m×P matrix–vector product.
 *
 * <p>This is the morphing of arXiv:1805.00020 (MadMiner) / ATL-PHYS-PUB-2015-047 with more points
 * than components allowed (least squares instead of an exact inverse). Quality is reported as the
 * condition number κ = σ_max/σ_min of X (in the coefficients' own units). A design whose smallest
 * singular value is below {@link #RANK_TOLERANCE}·σ_max is refused with an
 * {@link UnderdeterminedMorphingException} naming the components that cannot be separated (those
 * with a non-zero projection onto the null space of X).
 */
public final class MorphingDesign {
  /** Relative singular-value threshold below which a direction counts as unconstrained. */
  public static final double RANK_TOLERANCE = 1e-10;
  /** A component is inseparable if its unit vector has at least this norm in the null space. */
  static final double NULL_PROJECTION = 1e-6;
  private static final int LIST_MAX = 6;

  private final QuadraticBasis basis;
  private final List<ParameterPoint> points;
  private final double[] design; // P × m
  private final double[] pinv; // m × P
  private final double[] singular;
  private final double condition;

  private MorphingDesign(QuadraticBasis basis, List<ParameterPoint> points, double[] design, double[] pinv,
      double[] singular) {
    this.basis = basis;
    this.points = List.copyOf(points);
    this.design = design;
    this.pinv = pinv;
    this.singular = singular;
    this.condition = singular[0] / singular[singular.length - 1];
  }

  /**
   * The design over the coefficients named in the points (in order of first appearance).
   *
   * @throws UnderdeterminedMorphingException if the points do not determine every component
   */
  public static MorphingDesign of(List<ParameterPoint> points, boolean linearOnly) {
    Set<String> names = new LinkedHashSet<>();
    for (ParameterPoint p : points) {
      names.addAll(p.values().keySet());
    }
    return of(points, new QuadraticBasis(new ArrayList<>(names), linearOnly));
  }

  /**
   * The design for a given basis.
   *
   * @throws IllegalArgumentException if a point sets a coefficient outside the basis, or there are no points
   * @throws UnderdeterminedMorphingException if the points do not determine every component
   */
  public static MorphingDesign of(List<ParameterPoint> points, QuadraticBasis basis) {
    int p = points.size();
    int m = basis.size();
    if (p == 0) {
      throw new IllegalArgumentException("no reweighting points given");
    }
    double[] x = new double[p * m];
    double[] row = new double[m];
    for (int r = 0; r < p; r++) {
      basis.designRow(points.get(r).vector(basis.coefficients()), row);
      System.arraycopy(row, 0, x, r * m, m);
    }
    // columns that are identically zero cannot be determined by any point
    boolean[] zero = new boolean[m];
    List<Integer> kept = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      boolean z = true;
      for (int r = 0; r < p && z; r++) {
        z = x[r * m + k] == 0;
      }
      zero[k] = z;
      if (!z) {
        kept.add(k);
      }
    }
    int mr = kept.size();
    int rows = Math.max(p, mr);
    double[][] xr = new double[rows][mr];
    for (int r = 0; r < p; r++) {
      for (int j = 0; j < mr; j++) {
        xr[r][j] = x[r * m + kept.get(j)];
      }
    }
    boolean[] inseparable = zero.clone();
    int rank = 0;
    double[] sv = new double[0];
    SingularValueDecomposition svd = null;
    if (mr > 0) {
      svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(xr));
      sv = svd.getSingularValues();
      RealMatrix v = svd.getV();
      for (int k = 0; k < sv.length; k++) {
        if (sv[k] > RANK_TOLERANCE * sv[0]) {
          rank++;
        } else {
          for (int j = 0; j < mr; j++) {
            double proj = v.getEntry(j, k);
            if (Math.abs(proj) > NULL_PROJECTION) {
              inseparable[kept.get(j)] = true;
            }
          }
        }
      }
    }
    if (rank < m) {
      throw underdetermined(points, basis, x, inseparable, rank);
    }
    // full rank: no zero columns, X = U S V^T with p >= m
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    double[] pinv = new double[m * p];
    for (int k = 0; k < m; k++) {
      for (int r = 0; r < p; r++) {
        double s = 0;
        for (int j = 0; j < m; j++) {
          s += v.getEntry(k, j) / sv[j] * u.getEntry(r, j);
        }
        pinv[k * p + r] = s;
      }
    }
    return new MorphingDesign(basis, points, x, pinv, sv);
  }

  private static UnderdeterminedMorphingException underdetermined(List<ParameterPoint> points, QuadraticBasis basis,
      double[] x, boolean[] inseparable, int rank) {
    int m = basis.size();
    int n = basis.n();
    List<String> all = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      if (inseparable[k]) {
        all.add(basis.componentName(k));
      }
    }
    List<String> oneValue = new ArrayList<>();
    List<String> never = new ArrayList<>();
    List<String> noPair = new ArrayList<>();
    List<String> other = new ArrayList<>();
    boolean[] done = new boolean[m];
    for (int i = 1; i <= n; i++) {
      int lin = basis.index(0, i);
      int quad = basis.linearOnly() ? -1 : basis.index(i, i);
      boolean linZero = columnZero(x, m, points.size(), lin);
      if (quad >= 0 && inseparable[lin] && inseparable[quad]) {
        boolean quadZero = columnZero(x, m, points.size(), quad);
        (linZero && quadZero ? never : oneValue).add(basis.thetaName(i));
        done[lin] = true;
        done[quad] = true;
      } else if (inseparable[lin] && linZero) {
        never.add(basis.thetaName(i));
        done[lin] = true;
      }
    }
    for (int k = 0; k < m; k++) {
      if (!inseparable[k] || done[k]) {
        continue;
      }
      int a = basis.a(k), b = basis.b(k);
      if (a > 0 && a != b && columnZero(x, m, points.size(), k)) {
        noPair.add(basis.componentName(k));
      } else {
        other.add(basis.componentName(k));
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "under-determined %s morphing: %d reweighting points give rank %d, "
        + "%d components are needed for %d coefficients; cannot separate: ",
        basis.linearOnly() ? "linear" : "quadratic", points.size(), rank, m, n));
    List<String> parts = new ArrayList<>();
    if (!oneValue.isEmpty()) {
      parts.add("linear and quadratic terms of " + count(oneValue, "coefficient") + " varied at one value only ("
          + list(oneValue) + ")");
    }
    if (!never.isEmpty()) {
      parts.add("all terms of " + count(never, "coefficient") + " never varied (" + list(never) + ")");
    }
    if (!noPair.isEmpty()) {
      parts.add(count(noPair, "cross term") + " with no point varying both coefficients (" + list(noPair) + ")");
    }
    if (!other.isEmpty()) {
      parts.add(count(other, "further component") + " (" + list(other) + ")");
    }
    sb.append(String.join("; ", parts));
    sb.append(basis.linearOnly() ? "; add points" : "; add points (a second value per coefficient, pairs cX_cY) or fit a linear-only model");
    return new UnderdeterminedMorphingException(sb.toString(), all, rank, m);
  }

  private static boolean columnZero(double[] x, int m, int p, int k) {
    for (int r = 0; r < p; r++) {
      if (x[r * m + k] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String list(List<String> l) {
    if (l.size() <= LIST_MAX) {
      return String.join(", ", l);
    }
    return String.join(", ", l.subList(0, LIST_MAX)) + ", ...";
  }

  private static String count(List<String> l, String what) {
    return l.size() + " " + what + (l.size() == 1 ? "" : "s");
  }

  /** The basis. */
  public QuadraticBasis basis() {
    return basis;
  }

  /** The points, in the order of the weights passed to {@link #solve}. */
  public List<ParameterPoint> points() {
    return points;
  }

  /** Number of points P. */
  public int nPoints() {
    return points.size();
  }

  /** κ = σ_max / σ_min of the design matrix. */
  public double conditionNumber() {
    return condition;
  }

  /** A copy of the singular values of X, descending. */
  public double[] singularValues() {
    return singular.clone();
  }

  /** A copy of the design matrix X (P × m, row-major). */
  public double[] designMatrix() {
    return design.clone();
  }

  /** A copy of the pseudo-inverse X⁺ (m × P, row-major). */
  public double[] pseudoInverse() {
    return pinv.clone();
  }

  /**
   * Hot path: β = X⁺ y for one event.
   *
   * @param y weights at the P points, read from {@code y[yOff .. yOff+P)}
   * @param out components, written to {@code out[outOff .. outOff+m)}
   */
  public void solve(double[] y, int yOff, double[] out, int outOff) {
    int p = points.size();
    int m = basis.size();
    for (int k = 0; k < m; k++) {
      double s = 0;
      int base = k * p;
      for (int r = 0; r < p; r++) {
        s += pinv[base + r] * y[yOff + r];
      }
      out[outOff + k] = s;
    }
  }

  /**
   * Hot path: predicted weights ŷ = X β at the P points.
   *
   * @param beta read from {@code beta[off .. off+m)}; {@code out} length ≥ P (written)
   */
  public void predict(double[] beta, int off, double[] out) {
    int p = points.size();
    int m = basis.size();
    for (int r = 0; r < p; r++) {
      double s = 0;
      for (int k = 0; k < m; k++) {
        s += design[r * m + k] * beta[off + k];
      }
      out[r] = s;
    }
  }
}
