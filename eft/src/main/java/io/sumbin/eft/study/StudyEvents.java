package io.sumbin.eft.study;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheFormatException;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.FisherInformation;
import io.sumbin.eft.Units;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.MorphingDesign;
import io.sumbin.eft.morphing.ParameterPoint;
import io.sumbin.eft.morphing.QuadraticBasis;
import io.sumbin.eft.morphing.QuadraticMorphing;
import io.sumbin.eft.morphing.TruthTemplates;
import io.sumbin.pyhf.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The events of a study's source with their exact per-event quadratic weights
 * w(x|c) = θᵀB(x)θ ({@link EventQuadratics}) and their observable columns.
 *
 * <ul>
 *   <li>Quadratic toy: n values u_k from the reference density (uniform on [−1, 1]), each with
 *       w(u_k|θ) = (σ₀/n)(1 + θu_k + θ²u_k²), so that L Σ_k w = L σ₀ (1 + θ²/3) + O(n^−½) as in
 *       {@link QuadraticDensity}. The quadratic form is solved through {@link MorphingDesign} from the
 *       exact weights at θ = 0, 1, −1. Columns: {@code u}.
 *   <li>"lhe" (any event file: LHE, Parquet, CSV, MadMiner HDF5, read by {@link io.sumbin.eft.EftEvents#read}):
 *       {@link QuadraticMorphing} of the EFT weights (or the file's MadMiner morphing); every event column
 *       (p_T(H), m_jj, Δη_jj, ...) is an observable. Weights in pb per event, so the grid's
 *       luminosity in fb⁻¹ is converted to pb⁻¹ ({@link Units#perPb}).
 * </ul>
 *
 * The per-point optimal observable is O_c′ = (r(x|c′) − 1)/|c′| along the scanned coefficient
 * ({@link TruthTemplates#optimalObservable}); for the toy it is sign(θ′)u + |θ′|u², binning-
 * equivalent to the toy's per-point observable 1 + θ′u + θ′²u². Read-only once built, shared by all cells.
 */
public final class StudyEvents {
  private final StudyDefinition study;
  private final EventQuadratics q;
  private final int coefficient;
  private final Map<String, double[]> columns;
  /** Whether the grid luminosity is in fb⁻¹ for weights in pb (LHE); else in the weights' inverse units (toy). */
  private final boolean gridInFb;
  private final Function<double[], double[]> optimal;

  /** Σ_k |σ_k| of the quadratic components of all coefficients (the bound of {@link #checkLuminosities}). */
  private final double sigmaBound;

  private StudyEvents(StudyDefinition study, EventQuadratics q, int coefficient, Map<String, double[]> columns,
      boolean gridInFb) {
    this.study = study;
    this.sigmaBound = sigmaBound(q, study.truth());
    // every cell scans one coefficient with the others at 0: keep only its three components (the same numbers,
    // EventQuadratics#only), so that observables, templates and models carry 3 instead of (n+1)(n+2)/2 terms
    if (q.coefficients().size() > 1 && finite(q)) {
      q = q.only(coefficient);
      coefficient = 0;
    }
    this.q = q;
    this.coefficient = coefficient;
    this.columns = columns;
    this.gridInFb = gridInFb;
    double[] dir = new double[q.coefficients().size()];
    dir[coefficient] = 1;
    this.optimal = TruthTemplates.optimalObservable(q, dir);
  }

  private static boolean finite(EventQuadratics q) {
    for (int i = 0; i < q.size(); i++) {
      for (int k = 0; k < q.basis().size(); k++) {
        if (!Double.isFinite(q.component(i, k))) {
          return false;
        }
      }
    }
    return true;
  }

  private static double sigmaBound(EventQuadratics q, double truth) {
    double[] t = q.totalComponents();
    QuadraticBasis b = q.basis();
    double scale = Math.max(1, Math.abs(truth));
    double sigma = 0;
    for (int k = 0; k < t.length; k++) {
      sigma += (b.a(k) == b.b(k) ? 1 : 2) * Math.abs(t[k]) * scale * scale;
    }
    return sigma;
  }

  /**
   * Builds or reads the events and checks the grid's observables against them.
   *
   * @throws InputException naming the study file and the JSON path of an unknown coefficient or
   *     observable, or of LHE files that cannot be read or morphed
   */
  public static StudyEvents load(StudyDefinition study) {
    StudyEvents ev;
    if (study.source() instanceof StudyDefinition.ToySource t) {
      ev = toy(study, t);
    } else {
      ev = lhe(study, (StudyDefinition.LheSource) study.source());
    }
    List<StudyDefinition.ObservableSpec> obs = study.grid().observables();
    for (int k = 0; k < obs.size(); k++) {
      String n = obs.get(k).name();
      if (!n.equals(StudyDefinition.OPTIMAL) && !ev.columns.containsKey(n)) {
        String path = study.json().path("grid").path("observable").isArray() ? "grid.observable[" + k + "]" : "grid.observable";
        throw study.problem(path, "no event column \"" + n + "\" (available: optimal, " + String.join(", ", ev.columns.keySet()) + ")");
      }
    }
    ev.checkLuminosities();
    return ev;
  }

  /**
   * Refuses luminosities whose expected event counts leave the range where a double holds every
   * integer (2^53), naming the study file and {@code grid.luminosity[k]}: the bound uses Σ_k |σ_k| of
   * the quadratic components times max(1, |truth|)², an upper bound on |σ(θ)| over the scan.
   */
  private void checkLuminosities() {
    double sigma = sigmaBound;
    List<Double> lumis = study.grid().luminosities();
    for (int k = 0; k < lumis.size(); k++) {
      double events = luminosity(lumis.get(k)) * sigma;
      if (!(events <= 0x1p53)) {
        String path = study.json().path("grid").path("luminosity").isArray() ? "grid.luminosity[" + k + "]" : "grid.luminosity";
        throw study.problem(path, "luminosity " + lumis.get(k) + " gives up to " + String.format(java.util.Locale.ROOT, "%.3g", events)
            + " expected events, beyond 2^53 = 9.007e15 (the largest count a double holds exactly)");
      }
    }
  }

  private static StudyEvents toy(StudyDefinition study, StudyDefinition.ToySource t) {
    double[] u;
    if (t.sampling() == StudyDefinition.Sampling.RANDOM) {
      u = QuadraticDensity.sample(t.events(), 0, 0.0, t.seed());
    } else {
      SplittableRandom rnd = new SplittableRandom(t.seed());
      int n = t.events();
      u = new double[n];
      for (int k = 0; k < n; k++) {
        u[k] = -1 + 2 * (k + rnd.nextDouble()) / n;
      }
    }
    int n = u.length;
    if (n == 0) {
      throw study.problem("source.events", "the random draw gave no events; ask for more");
    }
    double w0 = t.crossSection() / n;
    double[] thetas = {0, 1, -1};
    List<ParameterPoint> pts = new ArrayList<>();
    pts.add(ParameterPoint.of("SM", Map.of()));
    pts.add(ParameterPoint.of("theta_p1", Map.of("theta", 1.0)));
    pts.add(ParameterPoint.of("theta_m1", Map.of("theta", -1.0)));
    MorphingDesign design = MorphingDesign.of(pts, new QuadraticBasis(List.of("theta"), false));
    double[] y = new double[n * thetas.length];
    for (int k = 0; k < n; k++) {
      for (int p = 0; p < thetas.length; p++) {
        double th = thetas[p];
        y[k * thetas.length + p] = w0 * (1 + th * u[k] + th * th * u[k] * u[k]);
      }
    }
    EventQuadratics q = QuadraticMorphing.fit(y, design);
    Map<String, double[]> cols = new LinkedHashMap<>();
    cols.put(StudyDefinition.TOY_U, u);
    return new StudyEvents(study, q, 0, cols, false);
  }

  /** The files of an "lhe" source: any event format of {@link io.sumbin.binning.source.EventSources}. */
  private static StudyEvents lhe(StudyDefinition study, StudyDefinition.LheSource s) {
    io.sumbin.eft.EftEvents ev;
    try {
      ev = io.sumbin.eft.EftEvents.read(s.paths());
    } catch (LheFormatException | io.sumbin.binning.source.EventFormatException e) {
      throw study.problem("source.files", e.getMessage());
    } catch (IllegalArgumentException e) { // includes UnderdeterminedMorphingException
      throw study.problem("source.files", "cannot solve the quadratic weights: " + e.getMessage());
    }
    EventQuadratics q = ev.quadratics();
    EventTable table = ev.table();
    int i = q.coefficients().indexOf(s.coefficient());
    if (i < 0) {
      throw study.problem("source.coefficient", "no coefficient \"" + s.coefficient() + "\" in the reweighting weights (have "
          + String.join(", ", q.coefficients()) + ")");
    }
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (String c : table.columnNames()) {
      if (!c.startsWith(LheSample.REWEIGHT_PREFIX)) {
        cols.put(c, table.doubles(c));
      }
    }
    return new StudyEvents(study, q, i, cols, true);
  }

  /** The study. */
  public StudyDefinition study() {
    return study;
  }

  /** The events' quadratic weights (shared, read-only). */
  public EventQuadratics quadratics() {
    return q;
  }

  /** Index of the scanned coefficient in {@link EventQuadratics#coefficients()}. */
  public int coefficient() {
    return coefficient;
  }

  /** Number of events. */
  public int size() {
    return q.size();
  }

  /** The names of the plain observable columns. */
  public List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  /** Luminosity in the weights' inverse units for a grid luminosity (fb⁻¹ → pb⁻¹ for LHE). */
  public double luminosity(double gridLuminosity) {
    return gridInFb ? Units.perPb(gridLuminosity) : gridLuminosity;
  }

  /** The coefficient vector with the scanned coefficient at {@code value}, the others 0. */
  public double[] vector(double value) {
    double[] c = new double[q.coefficients().size()];
    c[coefficient] = value;
    return c;
  }

  /** σ(θ) = Σ_k w(x_k|θ) in the weights' units (events per unit luminosity for the toy, pb for LHE). */
  public double crossSection(double value) {
    return q.crossSection(vector(value));
  }

  /** c′ ↦ O_c′(x) of all events, the per-point optimal observable. */
  public Function<double[], double[]> optimal() {
    return optimal;
  }

  /** The values of a plain observable column (shared; do not modify). */
  double[] column(String name) {
    double[] c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no event column '" + name + "' (have " + columns.keySet() + ")");
    }
    return c;
  }

  /** The weights the binning sees at every scan point: SM or truth weights (shared). */
  Function<double[], double[]> referenceWeights(StudyDefinition.Reference ref, double truth) {
    double[] w = q.weights(vector(ref == StudyDefinition.Reference.SM ? 0.0 : truth));
    return c -> w;
  }

  /** Unbinned Fisher information of the scanned coefficient at θ for a grid luminosity, with its jackknife error. */
  public FisherInformation.Estimate unbinnedFisher(double value, double gridLuminosity) {
    // the same for every cell of a luminosity: computed once (a pure function of the arguments)
    return unbinned.computeIfAbsent(List.of(value, gridLuminosity),
        k -> AsimovScans.unbinnedFisher(q, coefficient, vector(value), luminosity(gridLuminosity)));
  }

  private final java.util.concurrent.ConcurrentHashMap<List<Double>, FisherInformation.Estimate> unbinned =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Whether the events are independent draws (LHE files, the randomly sampled toy), so that the
   * Monte-Carlo noise of binned templates is estimated by Σ ∂w² and removed ({@link FisherInformation#binned});
   * false for the stratified toy, whose strata leave (almost) no such noise.
   */
  public boolean independentEvents() {
    return !(study.source() instanceof StudyDefinition.ToySource t && t.sampling() == StudyDefinition.Sampling.STRATIFIED);
  }

  /**
   * The toy's closed-form Fisher information {@link QuadraticDensity#fisherInformation} with
   * N₀ = σ₀·L (NaN for LHE sources).
   */
  public double analyticFisher(double value, double gridLuminosity) {
    if (study.source() instanceof StudyDefinition.ToySource t) {
      return QuadraticDensity.fisherInformation(t.crossSection() * gridLuminosity, value);
    }
    return Double.NaN;
  }
}
