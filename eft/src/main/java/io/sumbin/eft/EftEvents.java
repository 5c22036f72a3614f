package io.sumbin.eft;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.QuadraticBasis;
import io.sumbin.eft.morphing.QuadraticMorphing;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.PolynomialBasis;
import io.sumbin.summaries.PolynomialWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Events whose weights are exactly quadratic in the Wilson coefficients — MadGraph reweighting
 * solved by {@link QuadraticMorphing}, or a simulator that knows its weights:
 *
 * <pre>w_i(c) = Σ_k m_k(c) B_ik,   m_k ∈ {1, c_a, c_a c_b}   (weights in pb per event)</pre>
 *
 * together with the event table (observables, features). Immutable; {@link #split} gives seeded
 * train/test subsets, rescaled so that each keeps the full sample's cross sections.
 */
public final class EftEvents {
  private final List<String> coefficients;
  private final List<List<String>> monomials;
  private final double[] b; // n × m
  private final int n;
  private final int m;
  private final EventTable table;

  /**
   * @param monomials m_k as lists of coefficient names ([] = 1, [a] = c_a, [a, b] = c_a c_b)
   * @param components n × m row-major B_ik (read, copied)
   */
  public EftEvents(List<String> coefficients, List<List<String>> monomials, double[] components, EventTable table) {
    this.coefficients = List.copyOf(coefficients);
    List<List<String>> ms = new ArrayList<>();
    for (List<String> mono : monomials) {
      for (String c : mono) {
        if (!coefficients.contains(c)) {
          throw new IllegalArgumentException("monomial " + mono + " uses unknown coefficient '" + c + "' (have " + coefficients + ")");
        }
      }
      ms.add(List.copyOf(mono));
    }
    this.monomials = List.copyOf(ms);
    this.m = monomials.size();
    this.n = table.size();
    if (components.length != (long) n * m) {
      throw new IllegalArgumentException("components have " + components.length + " values for " + n + " events × " + m + " monomials");
    }
    this.b = components.clone();
    this.table = table;
  }

  /** From a solved morphing: B_ik = (a = b ? 1 : 2)·β_ik, monomials from the basis. */
  public static EftEvents of(EventTable table, EventQuadratics q) {
    if (q.size() != table.size()) {
      throw new IllegalArgumentException("morphing has " + q.size() + " events, table " + table.size());
    }
    QuadraticBasis basis = q.basis();
    int mm = basis.size();
    List<List<String>> monos = new ArrayList<>();
    for (int k = 0; k < mm; k++) {
      monos.add(basis.monomial(k));
    }
    double[] comp = new double[q.size() * mm];
    for (int i = 0; i < q.size(); i++) {
      for (int k = 0; k < mm; k++) {
        double f = basis.a(k) == basis.b(k) ? 1 : 2;
        comp[i * mm + k] = f * q.component(i, k);
      }
    }
    return new EftEvents(q.coefficients(), monos, comp, table);
  }

  /** Reads LHE files with reweighting weights and solves the quadratic morphing. */
  public static EftEvents fromLhe(List<Path> files) {
    LheSample s = LheSample.read(files, LheReadOptions.DEFAULT);
    return of(s.events(), QuadraticMorphing.fit(s, QuadraticMorphing.Mode.QUADRATIC));
  }

  public List<String> coefficients() {
    return coefficients;
  }

  public List<List<String>> monomials() {
    return monomials;
  }

  public int size() {
    return n;
  }

  public EventTable table() {
    return table;
  }

  /** B_ik. */
  public double component(int i, int k) {
    return b[i * m + k];
  }

  /** m_k(c) for all monomials (c in {@link #coefficients()} order). */
  public double[] monomialValues(double[] c) {
    checkPoint(c);
    double[] v = new double[m];
    for (int k = 0; k < m; k++) {
      double p = 1;
      for (String a : monomials.get(k)) {
        p *= c[coefficients.indexOf(a)];
      }
      v[k] = p;
    }
    return v;
  }

  private void checkPoint(double[] c) {
    if (c.length != coefficients.size()) {
      throw new IllegalArgumentException("point has " + c.length + " values for coefficients " + coefficients);
    }
  }

  /** w_i(c) for all events (new array). */
  public double[] weights(double[] c) {
    double[] mv = monomialValues(c);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < m; k++) {
        s += mv[k] * b[i * m + k];
      }
      w[i] = s;
    }
    return w;
  }

  /** Standard-Model weights. */
  public double[] smWeights() {
    return weights(new double[coefficients.size()]);
  }

  /** σ(c) = Σ_i w_i(c). */
  public double crossSection(double[] c) {
    double s = 0;
    for (double w : weights(c)) {
      s += w;
    }
    return s;
  }

  /** Index of coefficient {@code name}; throws naming the known ones. */
  public int coefficientIndex(String name) {
    int i = coefficients.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("unknown coefficient '" + name + "' (have " + coefficients + ")");
    }
    return i;
  }

  /**
   * The per-event ratio r_i(c) = w_i(c)/w_i(SM) and, where w_SM = 0, NaN.
   */
  public double[] ratios(double[] c) {
    double[] w = weights(c);
    double[] sm = smWeights();
    for (int i = 0; i < n; i++) {
      w[i] = sm[i] != 0 ? w[i] / sm[i] : Double.NaN;
    }
    return w;
  }

  /** Score at the SM along coefficient a: t_a = ∂ ln w/∂c_a at c = 0 (NaN where w_SM = 0). */
  public double[] scoreAtSm(String coefficient) {
    int k = indexOfMonomial(List.of(coefficient));
    double[] sm = smWeights();
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = sm[i] != 0 ? b[i * m + k] / sm[i] : Double.NaN;
    }
    return t;
  }

  /** Index of a monomial (order of factors ignored), −1 if absent. */
  public int indexOfMonomial(List<String> mono) {
    List<String> s = new ArrayList<>(mono);
    s.sort(null);
    for (int k = 0; k < m; k++) {
      List<String> t = new ArrayList<>(monomials.get(k));
      t.sort(null);
      if (t.equals(s)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * The same events restricted to monomials of the {@code active} coefficients (the others at 0):
   * the polynomial weights summaries train on.
   */
  public PolynomialWeights polynomialWeights(List<String> active) {
    PolynomialBasis basis = PolynomialBasis.quadratic(active);
    int kk = basis.size();
    int[] map = new int[kk];
    for (int t = 0; t < kk; t++) {
      int[] e = basis.exponents(t);
      List<String> mono = new ArrayList<>();
      for (int a = 0; a < e.length; a++) {
        for (int r = 0; r < e[a]; r++) {
          mono.add(active.get(a));
        }
      }
      map[t] = indexOfMonomial(mono);
      if (map[t] < 0) {
        throw new IllegalArgumentException("the events have no weight component for " + mono);
      }
    }
    double[][] coef = new double[n][kk];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < kk; t++) {
        coef[i][t] = b[i * m + map[t]];
      }
    }
    return new PolynomialWeights(basis, coef);
  }

  /** Features for the networks (columns of the table, float32). */
  public FeatureMatrix features(List<String> columns) {
    double[][] cols = new double[columns.size()][];
    for (int j = 0; j < columns.size(); j++) {
      cols[j] = table.doubles(columns.get(j));
    }
    return FeatureMatrix.ofColumns(columns, cols);
  }

  /** The events at the given indices (weights and components unchanged). */
  public EftEvents subset(int[] idx) {
    double[] comp = new double[idx.length * m];
    for (int r = 0; r < idx.length; r++) {
      System.arraycopy(b, idx[r] * m, comp, r * m, m);
    }
    return new EftEvents(coefficients, monomials, comp, table.select(idx));
  }

  /** The same events with all weights scaled by {@code f}. */
  public EftEvents scaled(double f) {
    double[] comp = b.clone();
    for (int i = 0; i < comp.length; i++) {
      comp[i] *= f;
    }
    return new EftEvents(coefficients, monomials, comp, table.withScaledWeights(f));
  }

  /** Train / test parts of a seeded random split, each rescaled to the full sample's cross sections. */
  public record Split(EftEvents train, EftEvents test) {}

  /** Splits with fraction {@code trainFraction} for training (seeded permutation). */
  public Split split(double trainFraction, long seed) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int nt = (int) Math.round(trainFraction * n);
    int[] a = Arrays.copyOf(perm, nt);
    int[] bIdx = Arrays.copyOfRange(perm, nt, n);
    Arrays.sort(a);
    Arrays.sort(bIdx);
    return new Split(subset(a).scaled((double) n / nt), subset(bIdx).scaled((double) n / (n - nt)));
  }
}
