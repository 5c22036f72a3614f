package io.sumbin.eft;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.binning.source.EventFormatException;
import io.sumbin.binning.source.EventSample;
import io.sumbin.binning.source.EventSources;
import io.sumbin.binning.source.MadMinerMorphing;
import io.sumbin.binning.source.ReadOptions;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.MorphingDesign;
import io.sumbin.eft.morphing.ParameterPoint;
import io.sumbin.eft.morphing.QuadraticBasis;
import io.sumbin.eft.morphing.QuadraticMorphing;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Events whose weights are exactly quadratic in the Wilson coefficients — MadGraph reweighting
 * solved by {@link QuadraticMorphing}, or a simulator that knows its weights — together with their
 * event table (observables, features). The weights are an {@link EventQuadratics} (the one
 * representation of per-event quadratic weights), read here in monomial form:
 *
 * <pre>w_i(c) = Σ_k m_k(c) B_ik,   m_k ∈ {1, c_a, c_a c_b},   B_ik = multiplicity(k) β_ik   (weights in pb per event)</pre>
 *
 * Immutable; {@link #split} gives seeded train/test subsets, rescaled so that each keeps the full
 * sample's cross sections.
 */
public final class EftEvents {
  private final EventQuadratics q;
  private final EventTable table;

  /**
   * Events with known monomial coefficients ({@link EventQuadratics#ofMonomials}).
   *
   * @param monomials m_k as lists of coefficient names ([] = 1, [a] = c_a, [a, b] = c_a c_b)
   * @param components n × K row-major B_ik in the order of {@code monomials} (read, copied)
   */
  public EftEvents(List<String> coefficients, List<List<String>> monomials, double[] components, EventTable table) {
    this(EventQuadratics.ofMonomials(coefficients, monomials, components), table);
  }

  private EftEvents(EventQuadratics q, EventTable table) {
    if (q.size() != table.size()) {
      throw new io.sumbin.histmodel.BadInputException("the weights are for " + q.size() + " events, the table has " + table.size());
    }
    this.q = q;
    this.table = table;
  }

  /** From a solved morphing. */
  public static EftEvents of(EventTable table, EventQuadratics q) {
    return new EftEvents(q, table);
  }

  /** Reads LHE files with reweighting weights and solves the quadratic morphing. */
  public static EftEvents fromLhe(List<Path> files) {
    LheSample s = LheSample.read(files, LheReadOptions.DEFAULT);
    return of(s.events(), QuadraticMorphing.fit(s, QuadraticMorphing.Mode.QUADRATIC));
  }

  /**
   * Reads event files of any supported format ({@link EventSources}: LHE, Parquet, CSV, MadMiner HDF5)
   * and solves their EFT weights ({@link #from(EventSample)}).
   *
   * @throws io.sumbin.histmodel.BadInputException on a bad file or weights that do not determine the
   *     quadratic dependence
   */
  public static EftEvents read(List<Path> files) {
    return from(EventSources.read(files, ReadOptions.DEFAULT));
  }

  /**
   * The per-event quadratic weights of a sample, from what it declares:
   * <ol>
   *   <li>a MadMiner morphing: component weights T_c(x) = Σ_b M_cb w_b(x) over the physics benchmarks,
   *       each the coefficient of the monomial Π_p θ_p^{k_cp} (exact for MadMiner's own files);</li>
   *   <li>declared benchmark values: the per-event least-squares morphing over those points
   *       ({@link QuadraticMorphing}, basis over the declared parameters in their order);</li>
   *   <li>otherwise the weight ids as MadGraph reweighting names, as for LHE files.</li>
   * </ol>
   *
   * @throws io.sumbin.histmodel.BadInputException if the weights do not determine the quadratic
   *     dependence or the morphing does not match the benchmarks (message names the file)
   */
  public static EftEvents from(EventSample s) {
    String where = s.files().isEmpty() ? "events" : s.files().get(0).toString();
    try {
      if (s.morphing().isPresent()) {
        MadMinerMorphing m = s.morphing().get();
        List<String> phys = s.weightIds().stream().filter(s.benchmarkValues()::containsKey).toList();
        if (phys.size() < m.benchmarks()) {
          throw new EventFormatException(where, "morphing/morphing_matrix", m.benchmarks() + " benchmark columns, the file has "
              + phys.size() + " physics benchmarks");
        }
        if (m.maxOrder() > 2) {
          throw new EventFormatException(where, "morphing/components", "components of order " + m.maxOrder()
              + " (sumbin's EFT weights are at most quadratic)");
        }
        double[][] bw = new double[m.benchmarks()][];
        for (int b = 0; b < bw.length; b++) {
          bw[b] = s.weights(phys.get(b));
        }
        List<List<String>> monomials = new ArrayList<>();
        for (int c = 0; c < m.size(); c++) {
          monomials.add(m.monomial(c, s.parameters()));
        }
        return new EftEvents(s.parameters(), monomials, m.componentWeights(bw), s.events());
      }
      if (!s.benchmarkValues().isEmpty()) {
        List<String> ids = s.weightIds().stream().filter(s.benchmarkValues()::containsKey).toList();
        List<ParameterPoint> pts = new ArrayList<>();
        for (String id : ids) {
          double[] v = s.benchmarkValues().get(id);
          Map<String, Double> vals = new LinkedHashMap<>();
          for (int p = 0; p < v.length; p++) {
            vals.put(s.parameters().get(p), v[p]);
          }
          pts.add(ParameterPoint.of(id, vals));
        }
        MorphingDesign d = MorphingDesign.of(pts, new QuadraticBasis(s.parameters(), false));
        return of(s.events(), QuadraticMorphing.fit(s.events(), ids, d));
      }
      return of(s.events(), QuadraticMorphing.fit(s.events(), s.weightIds(), QuadraticMorphing.Mode.QUADRATIC));
    } catch (EventFormatException e) {
      throw e;
    } catch (IllegalArgumentException | io.sumbin.histmodel.BadInputException e) {
      throw new EventFormatException(where, null, e.getMessage(), e);
    }
  }

  /** The per-event quadratic weights. */
  public EventQuadratics quadratics() {
    return q;
  }

  public List<String> coefficients() {
    return q.coefficients();
  }

  /** The monomials m_k in basis order (see {@link QuadraticBasis#monomial}). */
  public List<List<String>> monomials() {
    QuadraticBasis b = q.basis();
    List<List<String>> out = new ArrayList<>(b.size());
    for (int k = 0; k < b.size(); k++) {
      out.add(b.monomial(k));
    }
    return out;
  }

  public int size() {
    return q.size();
  }

  public EventTable table() {
    return table;
  }

  /** B_ik, the coefficient of monomial k in w_i. */
  public double component(int i, int k) {
    return q.basis().multiplicity(k) * q.component(i, k);
  }

  /** w_i(c) for all events (new array). */
  public double[] weights(double[] c) {
    return q.weights(c);
  }

  /** Standard-Model weights. */
  public double[] smWeights() {
    return weights(new double[coefficients().size()]);
  }

  /** σ(c) = Σ_i w_i(c). */
  public double crossSection(double[] c) {
    return q.crossSection(c);
  }

  /** Index of coefficient {@code name}; throws naming the known ones. */
  public int coefficientIndex(String name) {
    int i = coefficients().indexOf(name);
    if (i < 0) {
      throw new io.sumbin.histmodel.BadInputException("unknown coefficient '" + name + "' (have " + coefficients() + ")");
    }
    return i;
  }

  /** The per-event ratio r_i(c) = w_i(c)/w_i(SM) and, where w_SM = 0, NaN. */
  public double[] ratios(double[] c) {
    return q.ratios(c);
  }

  /** ∂w_i/∂c_a at point c for all events (c in {@link #coefficients()} order). */
  public double[] derivativeWeights(double[] c, String coefficient) {
    return q.weightDerivatives(c, coefficientIndex(coefficient));
  }

  /** ∂w_i/∂c_a at the Standard Model: the weight component of the linear monomial of c_a. */
  public double[] smDerivativeWeights(String coefficient) {
    return derivativeWeights(new double[coefficients().size()], coefficient);
  }

  /** Score at the SM along coefficient a: t_a = ∂ ln w/∂c_a at c = 0 (NaN where w_SM = 0). */
  public double[] scoreAtSm(String coefficient) {
    int a = coefficientIndex(coefficient);
    double[] t = new double[coefficients().size()];
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      q.scoreAtSm(i, t);
      out[i] = t[a];
    }
    return out;
  }

  /** Index of a monomial (order of factors ignored), −1 if absent. */
  public int indexOfMonomial(List<String> mono) {
    return q.basis().indexOf(mono);
  }

  /**
   * The same events restricted to monomials of the {@code active} coefficients (the others at 0):
   * the polynomial weights summaries train on ({@link EventQuadratics#polynomialWeights}).
   */
  public PolynomialWeights polynomialWeights(List<String> active) {
    return q.polynomialWeights(active);
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
    return new EftEvents(q.subset(idx), table.select(idx));
  }

  /** The same events with all weights scaled by {@code f}. */
  public EftEvents scaled(double f) {
    double[] factor = new double[size()];
    Arrays.fill(factor, f);
    return new EftEvents(q.reweighted(factor), table.withScaledWeights(f));
  }

  /** Train / test parts of a seeded random split, each rescaled to the full sample's cross sections. */
  public record Split(EftEvents train, EftEvents test) {}

  /** Splits with fraction {@code trainFraction} for training (seeded permutation). */
  public Split split(double trainFraction, long seed) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new io.sumbin.histmodel.BadInputException("train fraction must be in (0, 1), got " + trainFraction);
    }
    int n = size();
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
