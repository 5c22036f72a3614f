package io.sumbin.eft.morphing;

import io.sumbin.summaries.weights.Morphing;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The least-squares problem shared by all events: for reweighting points c^(1)..c^(P) the design
 * matrix X_pk = φ_k(c^(p)) ({@link QuadraticBasis}), and for an event with weights y_p = w(x|c^(p))
 * the coefficients β = argmin ‖Xβ − y‖² = X⁺y. The solver is the summaries module's
 * {@link Morphing} (one morphing solver for the project) in the monomial basis f_k = φ_k /
 * multiplicity(k): its pseudo-inverse is computed once, so each event costs one m×P matrix–vector
 * product, and β_k = (F⁺y)_k / multiplicity(k).
 *
 * <p>This is the morphing of arXiv:1805.00020 (MadMiner) / ATL-PHYS-PUB-2015-047 with more points
 * than components allowed (least squares instead of an exact inverse). Quality is reported as the
 * condition number κ = σ_max/σ_min of the monomial design F. A design with a singular value below
 * {@link Morphing#RANK_TOLERANCE}·σ_max is refused with an {@link UnderdeterminedMorphingException}
 * naming the components that cannot be separated (those with a non-zero projection onto the null
 * space) and why.
 */
public final class MorphingDesign {
  private static final int LIST_MAX = 6;

  private final QuadraticBasis basis;
  private final List<ParameterPoint> points;
  private final double[] design; // P × m
  private final Morphing morphing;

  private MorphingDesign(QuadraticBasis basis, List<ParameterPoint> points, double[] design, Morphing morphing) {
    this.basis = basis;
    this.points = List.copyOf(points);
    this.design = design;
    this.morphing = morphing;
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
   * @throws io.sumbin.histmodel.BadInputException if a point sets a coefficient outside the basis, or there are no
   *     points or no coefficients
   * @throws UnderdeterminedMorphingException if the points do not determine every component
   */
  public static MorphingDesign of(List<ParameterPoint> points, QuadraticBasis basis) {
    int p = points.size();
    int m = basis.size();
    if (p == 0) {
      throw new io.sumbin.histmodel.BadInputException("no reweighting points given");
    }
    if (basis.n() == 0) {
      throw new io.sumbin.histmodel.BadInputException("the reweighting points vary no coefficient: " + points.stream().map(ParameterPoint::id).toList());
    }
    double[] x = new double[p * m];
    double[][] c = new double[p][];
    for (int r = 0; r < p; r++) {
      c[r] = points.get(r).vector(basis.coefficients());
      System.arraycopy(basis.designRow(c[r]), 0, x, r * m, m);
    }
    try {
      return new MorphingDesign(basis, points, x, new Morphing(basis.polynomialBasis(), c));
    } catch (Morphing.SingularException e) {
      boolean[] inseparable = new boolean[m];
      for (int k : e.inseparableTerms()) {
        inseparable[k] = true;
      }
      throw underdetermined(points, basis, x, inseparable, e.rank());
    }
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

  /** κ = σ_max / σ_min of the (monomial) design matrix. */
  public double conditionNumber() {
    return morphing.conditionNumber();
  }

  /** A copy of the singular values of the monomial design, descending. */
  public double[] singularValues() {
    return morphing.singularValues();
  }

  /** A copy of the design matrix X (P × m, row-major). */
  public double[] designMatrix() {
    return design.clone();
  }

  /** A copy of the pseudo-inverse X⁺ (m × P, row-major). */
  public double[] pseudoInverse() {
    double[][] f = morphing.inverseMatrix();
    int p = points.size();
    double[] out = new double[f.length * p];
    for (int k = 0; k < f.length; k++) {
      for (int r = 0; r < p; r++) {
        out[k * p + r] = f[k][r] / basis.multiplicity(k);
      }
    }
    return out;
  }

  /**
   * Hot path: β = X⁺ y for one event.
   *
   * @param y weights at the P points, read from {@code y[yOff .. yOff+P)}
   * @param out components, written to {@code out[outOff .. outOff+m)}
   */
  public void solve(double[] y, int yOff, double[] out, int outOff) {
    morphing.solve(y, yOff, out, outOff);
    for (int k = 0; k < basis.size(); k++) {
      out[outOff + k] /= basis.multiplicity(k);
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
