package io.sumbin.histmodel.infer.neyman;

import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.TestStatDistribution;
import io.sumbin.histmodel.infer.toys.ToyEnsemble;
import io.sumbin.histmodel.infer.toys.ToyResult;
import io.sumbin.histmodel.infer.toys.ToyRunner;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.infer.toys.ToyWorker;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Neyman construction of confidence sets for the POI on a grid of belt points (Neyman 1937;
 * Feldman and Cousins, arXiv:physics/9711021), for any ordering statistic, with nuisance
 * parameters handled by the profile construction (the "plug-in" of the LHC Higgs combination
 * procedure; Cranmer, PHYSTAT 2005): at each point μ_k
 *
 * <ol>
 *   <li>t_obs(μ_k) and θ̂̂(μ_k) are computed on the point's observed data (free fit, conditional fit
 *       from two starts);
 *   <li>the distribution of t(μ_k) is obtained by pseudo-experiments generated at (μ_k, θ̂̂(μ_k))
 *       (main data Poisson, auxiliary data from their constraints), or by exact enumeration of the
 *       Poisson outcomes for models without free constrained parameters ({@link ExactEnumeration});
 *   <li>the critical value c_k is its CL quantile, and μ_k is accepted when t_obs(μ_k) ≤ c_k.
 * </ol>
 *
 * With t̃_μ (μ̂ constrained to μ̂ ≥ 0, arXiv:1007.1727 eq. 11) as the ordering this is the
 * Feldman–Cousins unified construction: the likelihood-ratio ordering R = L(μ)/L(μ_best) with
 * μ_best ≥ 0 of physics/9711021 eq. 4.1 is equivalent to ordering by t̃_μ = −2 ln R.
 *
 * <p>Toys of point μ_k use the random stream ("belt", μ_k): the same μ gives the same toys in any
 * grid. The points' fits and toys run on the toy settings' threads or on the runner of
 * {@link #withRunner} (same results). Immutable; settings via {@code withX}.
 */
public final class NeymanConstruction {
  /** Where the distribution of the statistic comes from. */
  public enum Source {
    /** Pseudo-experiments (any model). */
    TOYS,
    /** Exact enumeration of Poisson outcomes (models whose constrained parameters are all fixed). */
    EXACT
  }

  /** Acceptance slack t_obs ≤ c + tol, absorbing the minimiser's ~1e-9 noise on exact ties. */
  public static final double ACCEPT_ABS_TOL = 1e-7;
  /** Default probability the exact enumeration may leave out. */
  public static final double DEFAULT_TAIL_MASS = 1e-10;
  /** Default cap on enumerated outcomes per point. */
  public static final long DEFAULT_MAX_OUTCOMES = 1_000_000L;

  private final TestStatistic statistic;
  private final double cl;
  private final ToySettings toys;
  private final Source source;
  private final double tailMass;
  private final long maxOutcomes;
  private final WorkRunner runner; // null: the toy settings' threads

  private NeymanConstruction(TestStatistic statistic, double cl, ToySettings toys, Source source, double tailMass,
      long maxOutcomes, WorkRunner runner) {
    if (statistic.fixedMu().isPresent()) {
      throw new IllegalArgumentException(statistic.name() + " tests only mu = " + java.math.BigDecimal.valueOf(statistic.fixedMu().getAsDouble())
          .stripTrailingZeros().toPlainString() + " and cannot order a Neyman construction; use t, ttilde, q or qtilde");
    }
    if (!(cl > 0 && cl < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + cl);
    }
    this.statistic = statistic;
    this.cl = cl;
    this.toys = toys;
    this.source = source;
    this.tailMass = tailMass;
    this.maxOutcomes = maxOutcomes;
    this.runner = runner;
  }

  /** Feldman–Cousins (t̃_μ ordering) at confidence level {@code cl}, 1000 toys per point, seed 1. */
  public static NeymanConstruction feldmanCousins(double cl) {
    return new NeymanConstruction(TestStatistic.TTILDE, cl, ToySettings.of(1000), Source.TOYS, DEFAULT_TAIL_MASS,
        DEFAULT_MAX_OUTCOMES, null);
  }

  /** A construction ordered by {@code statistic}. */
  public static NeymanConstruction of(TestStatistic statistic, double cl) {
    return feldmanCousins(cl).withStatistic(statistic);
  }

  public NeymanConstruction withStatistic(TestStatistic s) {
    return new NeymanConstruction(s, cl, toys, source, tailMass, maxOutcomes, runner);
  }

  public NeymanConstruction withCl(double c) {
    return new NeymanConstruction(statistic, c, toys, source, tailMass, maxOutcomes, runner);
  }

  /** Toys per point, seed and threads (the shard must be {@code Shard.ALL}: a belt needs all toys). */
  public NeymanConstruction withToys(ToySettings t) {
    if (t.shard().n() != 1) {
      throw new IllegalArgumentException("a confidence belt needs every toy of each point; shard " + t.shard() + " given");
    }
    return new NeymanConstruction(statistic, cl, t, source, tailMass, maxOutcomes, runner);
  }

  public NeymanConstruction withSource(Source s) {
    return new NeymanConstruction(statistic, cl, toys, s, tailMass, maxOutcomes, runner);
  }

  /** Limits of the exact enumeration: left-out probability and outcome cap per point. */
  public NeymanConstruction withExactLimits(double tail, long max) {
    return new NeymanConstruction(statistic, cl, toys, source, tail, max, runner);
  }

  /** Where the points' fits and toys run (results do not depend on it). */
  public NeymanConstruction withRunner(WorkRunner r) {
    return new NeymanConstruction(statistic, cl, toys, source, tailMass, maxOutcomes, r);
  }

  /** The runner of {@link #withRunner}, or the toy settings' threads. */
  public WorkRunner runner() {
    return runner != null ? runner : WorkRunner.threads(toys.threads());
  }

  public TestStatistic statistic() {
    return statistic;
  }

  public double cl() {
    return cl;
  }

  public ToySettings toys() {
    return toys;
  }

  public Source source() {
    return source;
  }

  /** Observed statistic and generating parameters of one point. */
  record Observed(double t, boolean converged, double[] genPars, String message) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** The observed statistic and the profiled generating parameters θ̂̂(μ) at one point. */
  static Observed observe(ToyWorker w, TestStatistic ts, BeltPoint p) {
    Inference inf = w.inference(p.model(), p.options());
    TestStatResult r = inf.compute(ts, p.poiValue(), p.data());
    String msg = r.converged() ? "ok" : "fits to the observed data at " + p.model().poiName() + " = " + p.poiValue()
        + " did not converge (free: " + r.free().message() + "; conditional: " + r.conditional().message() + ")";
    return new Observed(r.value(), r.converged(), r.conditional().bestfit(), msg);
  }

  /** Builds the belt over {@code points} (any order; POI values must be distinct). */
  public ConfidenceBelt construct(List<BeltPoint> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a Neyman construction needs at least one belt point");
    }
    List<BeltPoint> pts = new ArrayList<>(points);
    pts.sort(Comparator.comparingDouble(BeltPoint::poiValue));
    for (int k = 1; k < pts.size(); k++) {
      if (pts.get(k).poiValue() == pts.get(k - 1).poiValue()) {
        throw new IllegalArgumentException("belt points must have distinct POI values; " + pts.get(k).poiValue() + " appears twice");
      }
    }
    if (source == Source.EXACT) {
      for (BeltPoint p : pts) {
        ExactEnumeration.check(p.model(), p.options());
      }
    }
    int n = pts.size();
    Observed[] obs = new Observed[n];
    TestStatDistribution[] dist = new TestStatDistribution[n];
    WorkRunner run = runner();
    if (source == Source.EXACT) {
      List<Exact> ex = run.run(new ExactPoints(List.copyOf(pts), statistic, tailMass, maxOutcomes), n);
      for (int k = 0; k < n; k++) {
        obs[k] = ex.get(k).observed();
        dist[k] = ex.get(k).distribution();
      }
    } else {
      List<Observed> o = run.run(new ObservePoints(List.copyOf(pts), statistic), n);
      List<ToyEnsemble> ens = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        obs[k] = o.get(k);
        BeltPoint p = pts.get(k);
        ens.add(ToyEnsemble.of("belt", p.model(), obs[k].genPars(), p.poiValue(), statistic, p.options()));
      }
      List<List<ToyResult>> r = ToyRunner.run(ens, toys, run, java.util.Set.of(), x -> {});
      for (int k = 0; k < n; k++) {
        dist[k] = TestStatDistribution.ofToys(r.get(k));
      }
    }
    return assemble(pts, obs, dist);
  }

  /** Unit k: the observed statistic and profiled parameters of point k. */
  record ObservePoints(List<BeltPoint> points, TestStatistic statistic) implements Work<ToyWorker, Observed> {
    @Override
    public ToyWorker newWorker() {
      return new ToyWorker();
    }

    @Override
    public Observed run(ToyWorker w, int k) {
      return observe(w, statistic, points.get(k));
    }

    @Override
    public String name() {
      return "belt-points";
    }
  }

  /** One point of the exact construction: observed statistic and enumerated distribution. */
  record Exact(Observed observed, TestStatDistribution distribution) {}

  /** Unit k: point k observed and its distribution enumerated. */
  record ExactPoints(List<BeltPoint> points, TestStatistic statistic, double tailMass, long maxOutcomes)
      implements Work<ToyWorker, Exact> {
    @Override
    public ToyWorker newWorker() {
      return new ToyWorker();
    }

    @Override
    public Exact run(ToyWorker w, int k) {
      BeltPoint p = points.get(k);
      Observed o = observe(w, statistic, p);
      return new Exact(o, ExactEnumeration.distribution(w.inference(p.model(), p.options()), statistic, p.poiValue(),
          o.genPars(), p.data(), tailMass, maxOutcomes));
    }

    @Override
    public String name() {
      return "belt-exact";
    }
  }

  private ConfidenceBelt assemble(List<BeltPoint> pts, Observed[] obs, TestStatDistribution[] dist) {
    int n = pts.size();
    double[] values = new double[n];
    double[] crit = new double[n];
    double[] tObs = new double[n];
    boolean[] acc = new boolean[n];
    int[] sizes = new int[n];
    int[] failed = new int[n];
    StringBuilder msg = new StringBuilder();
    int failedPoints = 0;
    int failedToys = 0;
    for (int k = 0; k < n; k++) {
      values[k] = pts.get(k).poiValue();
      crit[k] = dist[k].size() == 0 ? Double.NaN : dist[k].criticalValue(cl);
      tObs[k] = obs[k].converged() ? obs[k].t() : Double.NaN;
      acc[k] = obs[k].converged() && tObs[k] <= crit[k] + ACCEPT_ABS_TOL;
      sizes[k] = dist[k].size();
      failed[k] = dist[k].nFailed();
      failedToys += failed[k];
      if (!obs[k].converged()) {
        if (failedPoints++ == 0) {
          msg.append(obs[k].message());
        }
      }
    }
    if (failedPoints > 1) {
      msg.append(String.format(Locale.ROOT, " (and at %d more points)", failedPoints - 1));
    }
    if (failedToys > 0) {
      msg.append(msg.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
          "%d %s did not converge and were left out", failedToys, source == Source.EXACT ? "enumerated outcomes" : "toys"));
    }
    List<double[]> pieces = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (acc[k]) {
        int j = k;
        while (j + 1 < n && acc[j + 1]) {
          j++;
        }
        pieces.add(new double[] {values[k], values[j]});
        k = j;
      }
    }
    boolean conv = msg.length() == 0;
    return new ConfidenceBelt(statistic, cl, source == Source.EXACT ? "exact" : "toys", values, crit, tObs, acc,
        List.copyOf(pieces), sizes, failed, conv, conv ? "ok" : msg.toString(), List.of(dist));
  }
}
