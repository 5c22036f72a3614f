package io.sumbin.histmodel.family;

import io.sumbin.histmodel.BadInputException;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.Contours;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Intervals;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A family of models indexed by scan points θ′ on a 1-D or 2-D grid, each point with its own
 * observable O_θ′(x), binning, templates and data — the per-point ("parametrised") optimal
 * observable method, in which the test statistic at θ′ is evaluated inside point θ′'s model:
 *
 * <pre>t(θ′) = −2 ln [ L_θ′(θ′, α̂̂) / L_θ′(θ̂, α̂) ]</pre>
 *
 * where θ̂ is fitted inside the same point model. No single likelihood describes all points; each
 * point is an ordinary model whose samples depend on the POIs (see
 * {@link io.sumbin.histmodel.spec.Coefficient}). Immutable; operations run the points in parallel
 * (on threads, or on any {@link WorkRunner}, with the same results).
 *
 * <p>Points are ordered row-major: for shape {nx, ny}, point i·ny + j has θ′ = (x_i, y_j).
 */
public final class ModelFamily {
  private final List<String> pois;
  private final int[] shape;
  private final List<FamilyPoint> points;
  private final double[] reference;
  private final int[][] poiIndex;
  private String source = ""; // the manifest (or other origin) that refusals name first; set once by withSource

  /**
   * @param pois names of the POIs (1 or 2)
   * @param shape {n} or {nx, ny}
   * @param points row-major points whose θ′ lie on the grid
   * @param reference the reference hypothesis θ_ref (e.g. the Standard Model), used by
   *     {@link #limits} and the pyhf export
   */
  public ModelFamily(List<String> pois, int[] shape, List<FamilyPoint> points, double[] reference) {
    this.pois = List.copyOf(pois);
    this.shape = shape.clone();
    this.points = List.copyOf(points);
    this.reference = reference.clone();
    if (pois.isEmpty() || pois.size() > 2) {
      throw new IllegalArgumentException("a family has 1 or 2 POIs, got " + pois);
    }
    if (shape.length != pois.size()) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match " + pois.size() + " POI(s)");
    }
    if (reference.length != pois.size()) {
      throw new IllegalArgumentException("reference has " + reference.length + " values for " + pois.size() + " POI(s)");
    }
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    if (n != points.size()) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " points, got " + points.size());
    }
    poiIndex = new int[points.size()][pois.size()];
    for (int i = 0; i < points.size(); i++) {
      FamilyPoint p = points.get(i);
      if (p.theta().length != pois.size()) {
        throw new IllegalArgumentException("point " + i + " has " + p.theta().length + " values for " + pois.size() + " POI(s)");
      }
      for (int k = 0; k < pois.size(); k++) {
        int idx = p.model().parIndex(pois.get(k));
        if (idx < 0) {
          throw new IllegalArgumentException("point " + i + " " + Arrays.toString(p.theta()) + ": its model has no parameter '"
              + pois.get(k) + "'");
        }
        poiIndex[i][k] = idx;
      }
    }
    if (shape.length == 2) {
      for (int i = 0; i < shape[0]; i++) {
        for (int j = 0; j < shape[1]; j++) {
          double[] t = points.get(i * shape[1] + j).theta();
          if (t[0] != points.get(i * shape[1]).theta()[0] || t[1] != points.get(j).theta()[1]) {
            throw new IllegalArgumentException("points are not a row-major grid at (" + i + ", " + j + ")");
          }
        }
      }
    }
  }

  /**
   * The same family, its refusals (Asimov truth, belt points) naming {@code source} first, as
   * {@code <source>: ...}; a family read from a manifest carries the manifest's path.
   *
   * @param source the family's file ("" for none)
   * @return a copy with that source
   */
  public ModelFamily withSource(String source) {
    ModelFamily f = new ModelFamily(pois, shape, points, reference);
    f.source = source == null ? "" : source;
    return f;
  }

  /**
   * Where the family comes from (see {@link #withSource}).
   *
   * @return the manifest's path, or ""
   */
  public String source() {
    return source;
  }

  private String at() {
    return source.isEmpty() ? "" : source + ": ";
  }

  public List<String> pois() {
    return pois;
  }

  public int[] shape() {
    return shape.clone();
  }

  public List<FamilyPoint> points() {
    return points;
  }

  public FamilyPoint point(int i) {
    return points.get(i);
  }

  public int size() {
    return points.size();
  }

  public double[] reference() {
    return reference.clone();
  }

  /** The grid values of POI k (ascending). */
  public double[] axis(int k) {
    if (shape.length == 1) {
      double[] a = new double[shape[0]];
      for (int i = 0; i < a.length; i++) {
        a[i] = points.get(i).theta()[0];
      }
      return a;
    }
    double[] a = new double[shape[k]];
    for (int i = 0; i < a.length; i++) {
      a[i] = k == 0 ? points.get(i * shape[1]).theta()[0] : points.get(i).theta()[1];
    }
    return a;
  }

  /** Parameter indices of the POIs in point i's model. */
  public int[] poiIndices(int i) {
    return poiIndex[i].clone();
  }

  /** The same family with other data per point. */
  public ModelFamily withData(List<double[]> data) {
    if (data.size() != points.size()) {
      throw new IllegalArgumentException(data.size() + " datasets for " + points.size() + " points");
    }
    List<FamilyPoint> p = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      p.add(points.get(i).withData(data.get(i)));
    }
    return new ModelFamily(pois, shape, p, reference).withSource(source);
  }

  /**
   * Asimov data of one truth θ_A, binned in each point's own observable: the expected main and
   * auxiliary data of point θ′'s model with the POIs at θ_A and the nuisance parameters at their
   * nominal (suggested initial) values.
   */
  public ModelFamily asimov(double[] thetaA) {
    return asimov(thetaA, "the Asimov truth");
  }

  /**
   * {@link #asimov(double[])} with the name the caller gave the truth in its refusals (the command line:
   * {@code "--asimov: the Asimov truth"}), after the family's source file.
   *
   * @param thetaA the truth, one value per POI
   * @param what how a refusal names the truth
   * @return this family with the Asimov data of each point
   */
  public ModelFamily asimov(double[] thetaA, String what) {
    if (thetaA.length != pois.size()) {
      throw new BadInputException(at() + what + " has " + thetaA.length + " values for " + pois.size() + " POI(s)");
    }
    List<double[]> data = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      CompiledModel m = points.get(i).model();
      double[] pars = m.suggestedInit();
      for (int k = 0; k < pois.size(); k++) {
        int j = poiIndex[i][k];
        double lo = m.lowerBounds()[j];
        double hi = m.upperBounds()[j];
        if (!(thetaA[k] >= lo && thetaA[k] <= hi)) {
          throw new BadInputException(at() + what + " " + pois.get(k) + " = " + thetaA[k] + " is outside the bounds ["
              + lo + ", " + hi + "] of '" + m.parName(j) + "' (point " + Arrays.toString(points.get(i).theta()) + ")");
        }
        pars[j] = thetaA[k];
      }
      double[] d = new double[m.nMain() + m.nAux()];
      m.evaluator().expectedData(pars, d);
      for (int b = 0; b < m.nMain(); b++) {
        if (d[b] < 0) {
          throw new BadInputException(at() + "point " + Arrays.toString(points.get(i).theta()) + ": the expected yield of bin " + b
              + " is negative (" + d[b] + ") at the Asimov truth " + Arrays.toString(thetaA) + "; the model is unphysical there");
        }
      }
      data.add(d);
    }
    return withData(data);
  }

  /** t(θ′) at every point, in parallel over {@code threads} threads. */
  public FamilyScan scan(int threads) {
    return scan(WorkRunner.threads(threads));
  }

  /** t(θ′) at every point, the points run by {@code runner} (results do not depend on it). */
  public FamilyScan scan(WorkRunner runner) {
    int n = points.size();
    FitResult[] free = new FitResult[n];
    FitResult[] cond = new FitResult[n];
    double[] t = new double[n];
    List<FitResult[]> fits = runner.run(new ScanPoints(points, poiIndex), n);
    for (int i = 0; i < n; i++) {
      free[i] = fits.get(i)[0];
      cond[i] = fits.get(i)[1];
    }
    boolean conv = true;
    StringBuilder msg = new StringBuilder();
    double[][] theta = new double[n][];
    for (int i = 0; i < n; i++) {
      theta[i] = points.get(i).theta();
      double d = cond[i].twiceNll() - free[i].twiceNll();
      t[i] = Double.isNaN(d) ? Double.NaN : Math.max(d, 0.0);
      if (!free[i].converged() || !cond[i].converged()) {
        conv = false;
        t[i] = Double.NaN;
        msg.append(msg.length() == 0 ? "" : "; ").append("point ").append(Arrays.toString(theta[i])).append(": ")
            .append(free[i].converged() ? cond[i].message() : free[i].message());
      }
    }
    if (shape.length == 1) {
      double[] x = axis(0);
      return new FamilyScan(pois, shape, theta, t, free, cond, acceptance(x, t, ProfileLikelihood.DELTA_68_1D),
          acceptance(x, t, ProfileLikelihood.DELTA_95_1D), List.of(), List.of(), conv, conv ? "ok" : msg.toString());
    }
    double[] x = axis(0);
    double[] y = axis(1);
    double[][] grid = new double[shape[0]][shape[1]];
    for (int i = 0; i < shape[0]; i++) {
      for (int j = 0; j < shape[1]; j++) {
        grid[i][j] = t[i * shape[1] + j];
      }
    }
    return new FamilyScan(pois, shape, theta, t, free, cond, null, null,
        Contours.marchingSquares(x, y, grid, ProfileLikelihood.DELTA_68_2D),
        Contours.marchingSquares(x, y, grid, ProfileLikelihood.DELTA_95_2D), conv, conv ? "ok" : msg.toString());
  }

  /**
   * Unit i: the free fit of point i and the better of its two conditional fits at θ′ (from the
   * suggested start and from the free minimum), as {free, conditional}.
   *
   * @param poiIndex parameter indices of the POIs per point (read)
   */
  record ScanPoints(List<FamilyPoint> points, int[][] poiIndex) implements Work<Void, FitResult[]> {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    @Override
    public Void newWorker() {
      return null;
    }

    @Override
    public FitResult[] run(Void w, int i) {
      FamilyPoint p = points.get(i);
      CompiledModel m = p.model();
      int np = poiIndex[i].length;
      Fitter fitter = new Fitter(m);
      FitOptions o = FitOptions.suggested(m).withUncertainties(false);
      for (int k = 0; k < np; k++) {
        o = o.withFloating(poiIndex[i][k]);
      }
      FitResult f = fitter.fit(p.data(), o);
      FitOptions c = o;
      double[] start = f.bestfit().clone();
      for (int k = 0; k < np; k++) {
        c = c.withFixed(poiIndex[i][k], p.theta()[k]);
        start[poiIndex[i][k]] = p.theta()[k];
      }
      FitResult c1 = fitter.fit(p.data(), c);
      FitResult c2 = fitter.fit(p.data(), c.withInit(start));
      return new FitResult[] {f, c2.twiceNll() < c1.twiceNll() ? c2 : c1};
    }

    @Override
    public String name() {
      return "family-scan";
    }
  }

  /** The 68%/95% region of a 1-D scan: {@link Intervals#around} (one implementation with the profile scans). */
  public static double[] acceptance(double[] x, double[] t, double level) {
    return Intervals.around(x, t, level);
  }

  /**
   * The points of a Neyman construction over a 1-D family (see
   * {@link io.sumbin.histmodel.infer.neyman.NeymanConstruction}): point θ′ with its own model and
   * data, so that t_obs(θ′), the generating parameters θ̂̂(θ′) and the toys' statistics are all
   * evaluated inside point θ′'s model, and θ′ is accepted when t_obs(θ′) ≤ the critical value there.
   *
   * @throws BadInputException for a 2-D family, or when a point's model does not have the
   *     family's POI as its parameter of interest
   */
  public List<io.sumbin.histmodel.infer.neyman.BeltPoint> beltPoints() {
    if (pois.size() != 1) {
      throw new BadInputException(at() + "a confidence belt needs a 1-D family; this one scans " + pois);
    }
    List<io.sumbin.histmodel.infer.neyman.BeltPoint> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      CompiledModel m = points.get(i).model();
      if (m.poiIndex() != poiIndex[i][0]) {
        throw new BadInputException(at() + "point " + Arrays.toString(points.get(i).theta()) + ": the model's parameter of interest is '"
            + m.poiName() + "', the family scans '" + pois.get(0) + "'");
      }
      FitOptions o = FitOptions.suggested(m).withFloating(poiIndex[i][0]).withUncertainties(false);
      out.add(new io.sumbin.histmodel.infer.neyman.BeltPoint(m, points.get(i).data(), points.get(i).theta()[0], o));
    }
    return out;
  }

  /** The pyhf-expressible simple-hypothesis model of point i (see {@link HypothesisPair}). */
  public io.sumbin.histmodel.spec.ModelSpec pairSpec(int i) {
    return HypothesisPair.build(points.get(i).spec(), pois, reference, points.get(i).theta());
  }

  /**
   * Asymptotic CLs of every point's hypothesis θ′ against the reference θ_ref: CLs at μ = 1 in the
   * point's {@link HypothesisPair} model, with that point's data.
   */
  public List<HypoTestResult> limits(TestStatistic ts, int threads) {
    return limits(ts, WorkRunner.threads(threads));
  }

  /** {@link #limits(TestStatistic, int)} with the points run by {@code runner} (results do not depend on it). */
  public List<HypoTestResult> limits(TestStatistic ts, WorkRunner runner) {
    return List.copyOf(runner.run(new LimitPoints(points, pois, reference, ts), points.size()));
  }

  /** Unit i: CLs at μ = 1 of point i's {@link HypothesisPair} model with the point's main data. */
  record LimitPoints(List<FamilyPoint> points, List<String> pois, double[] reference, TestStatistic ts)
      implements Work<Void, HypoTestResult> {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    @Override
    public Void newWorker() {
      return null;
    }

    @Override
    public HypoTestResult run(Void w, int i) {
      FamilyPoint p = points.get(i);
      CompiledModel pm = ModelCompiler.compile(HypothesisPair.build(p.spec(), pois, reference, p.theta()));
      CompiledModel m = p.model();
      // same main data; the pair model's auxiliary data are its defaults
      double[] main = Arrays.copyOf(p.data(), m.nMain());
      double[] data = pm.withAuxdata(main);
      return InferenceFacade.asymptoticHypotest(pm, data, ts, 1.0);
    }

    @Override
    public String name() {
      return "family-limits";
    }
  }
}
