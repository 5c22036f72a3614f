package io.sumbin.eft;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.binning.Histogram;
import io.sumbin.binning.InformationBinning;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.ProfileScan2D;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.YieldTerm;
import io.sumbin.pyhf.FamilyIO;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.event2vec.Event2Vec;
import io.sumbin.summaries.event2vec.Event2VecSummary;
import io.sumbin.summaries.derivative.LabelSmearing;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.TrainingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The EFT fit facade: from events with exact quadratic weights (LHE reweighting, or a simulator) to
 * intervals, contours and limits on Wilson coefficients in a few lines.
 *
 * <pre>{@code
 * EftEvents events = EftEvents.fromLhe(List.of(vbf1, vbf2, vbf3));
 * EftAnalysis a = EftAnalysis.builder(events)
 *     .luminosityFb(300)                                // fb⁻¹ (weights in pb)
 *     .observable(EftObservable.truthOptimal())         // or learned(summary, features), column("m_jj")
 *     .binning(BinningStrategy.quantile(10))
 *     .normalization("lumi", 0.017)                     // 1.7% luminosity uncertainty
 *     .mcStat(true)                                     // staterror from Σw² of the SM
 *     .profile("cHWB")                                  // floated in every fit; others fixed at 0
 *     .build();
 * FamilyScan s = a.scan("cHW", -0.01, 0.01, 41);      // expected (Asimov at the SM) t(c') and intervals
 * FamilyScan c = a.scan2d("cHW", -0.01, 0.01, 21, "cHB", -0.05, 0.05, 21);
 * List<EftLimit> cls = a.limits("cHW", -0.01, 0.01, 41);      // c′ with its CLs
 * a.exportPyhf(a.family("cHW", -0.01, 0.01, 41), Path.of("pyhf"));
 * }</pre>
 *
 * For each scan point c′ the analysis bins the events in the observable at that point (per-point
 * binning for point-dependent observables), with edges from the binning strategy applied to the
 * Standard-Model weights, and builds a model whose signal yield is L Σ_k m_k(c) T_k — the templates
 * of the weight monomials in the studied and profiled coefficients — so that t(c′) is evaluated
 * inside point c′'s own model (see {@link ModelFamily}). Expected results use Asimov data of the
 * truth (default: the Standard Model); {@link #withData} analyses pseudo-data instead.
 */
public final class EftAnalysis {
  private final EftEvents events;
  private final double luminosityPb;
  private final EftObservable observable;
  private final BinningStrategy binning;
  private final List<String> profiled;
  private final List<double[]> normalizations; // {rel} with names below
  private final List<String> normNames;
  private final boolean mcStat;
  private final double[] truth;
  private final int threads;
  private final double[] dataWeights;
  private final EftEvents binningReference;
  private final int informationBins;

  private EftAnalysis(Builder b, double[] dataWeights) {
    this.events = b.events;
    this.luminosityPb = Units.perPb(b.luminosityFb);
    this.observable = b.observable;
    this.binning = b.binning;
    this.profiled = List.copyOf(b.profiled);
    this.normalizations = List.copyOf(b.norms);
    this.normNames = List.copyOf(b.normNames);
    this.mcStat = b.mcStat;
    this.truth = b.truth == null ? new double[events.coefficients().size()] : b.truth.clone();
    this.threads = b.threads;
    this.dataWeights = dataWeights;
    this.binningReference = b.binningReference;
    this.informationBins = b.informationBins;
    this.builder = b;
  }

  private final Builder builder;

  /** A builder for an analysis of these events. */
  public static Builder builder(EftEvents events) {
    return new Builder(events);
  }

  /** Settings of an {@link EftAnalysis}. */
  public static final class Builder {
    final EftEvents events;
    double luminosityFb = 1;
    EftObservable observable = EftObservable.truthOptimal();
    BinningStrategy binning = BinningStrategy.quantile(10);
    final List<String> profiled = new ArrayList<>();
    final List<double[]> norms = new ArrayList<>();
    final List<String> normNames = new ArrayList<>();
    boolean mcStat;
    double[] truth;
    int threads = Runtime.getRuntime().availableProcessors();
    EftEvents binningReference;
    int informationBins;

    Builder(EftEvents events) {
      this.events = events;
    }

    /** Integrated luminosity in fb⁻¹ (event weights are pb). */
    public Builder luminosityFb(double fb) {
      if (!(fb > 0)) {
        throw new IllegalArgumentException("luminosity must be positive, got " + fb);
      }
      this.luminosityFb = fb;
      return this;
    }

    public Builder observable(EftObservable o) {
      this.observable = o;
      return this;
    }

    public Builder binning(BinningStrategy s) {
      this.binning = s;
      this.binningReference = null;
      return this;
    }

    /**
     * Information-optimal bins ({@link InformationBinning}): at every scan point, the observable's edges that
     * maximize the Fisher information of at most {@code bins} bins about the scanned direction, chosen on the
     * {@code reference} events (e.g. the training events; never the events being analysed) and applied to these.
     */
    public Builder informationBinning(EftEvents reference, int bins) {
      if (bins < 1) {
        throw new IllegalArgumentException("bins must be >= 1, got " + bins);
      }
      if (!reference.coefficients().equals(events.coefficients())) {
        throw new IllegalArgumentException("reference events have coefficients " + reference.coefficients() + ", the analysis "
            + events.coefficients());
      }
      this.binningReference = reference;
      this.informationBins = bins;
      return this;
    }

    /** Coefficients floated (profiled) in every fit; all others not scanned stay at 0. */
    public Builder profile(String... coefficients) {
      for (String c : coefficients) {
        events.coefficientIndex(c);
        profiled.add(c);
      }
      return this;
    }

    /** A normalisation uncertainty (normsys, ±rel) on the EFT sample. */
    public Builder normalization(String name, double rel) {
      if (!(rel > 0 && rel < 1)) {
        throw new IllegalArgumentException("relative uncertainty must be in (0, 1), got " + rel);
      }
      norms.add(new double[] {rel});
      normNames.add(name);
      return this;
    }

    /** Whether to add a staterror from the Standard-Model Σw² per bin (MC statistics). */
    public Builder mcStat(boolean on) {
      this.mcStat = on;
      return this;
    }

    /** The truth of the Asimov data (coefficients in the events' order; default the SM). */
    public Builder truth(double... c) {
      if (c.length != events.coefficients().size()) {
        throw new IllegalArgumentException("truth has " + c.length + " values for " + events.coefficients());
      }
      this.truth = c.clone();
      return this;
    }

    public Builder threads(int t) {
      this.threads = Math.max(1, t);
      return this;
    }

    public EftAnalysis build() {
      return new EftAnalysis(this, null);
    }
  }

  /** The same analysis of pseudo-data: per-event data weights (events binned per point) instead of Asimov data. */
  public EftAnalysis withData(double[] eventDataWeights) {
    if (eventDataWeights.length != events.size()) {
      throw new IllegalArgumentException("data weights for " + eventDataWeights.length + " events, the sample has " + events.size());
    }
    return new EftAnalysis(builder, eventDataWeights.clone());
  }

  public EftEvents events() {
    return events;
  }

  /** The truth of the Asimov data (all coefficients; a copy). */
  public double[] truthPoint() {
    return truth.clone();
  }

  /** The model family of one coefficient on a grid lo..hi (n points). */
  public ModelFamily family(String coefficient, double lo, double hi, int n) {
    int i = events.coefficientIndex(coefficient);
    List<double[]> pts = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      double[] c = new double[events.coefficients().size()];
      c[i] = (lo * (n - 1 - p) + hi * p) / (n - 1);
      pts.add(c);
    }
    double[] dir = new double[events.coefficients().size()];
    dir[i] = 1;
    return build(List.of(coefficient), new int[] {n}, pts, dir);
  }

  /** The 2-D family on a grid (row-major, x slow). */
  public ModelFamily family2d(String cx, double xlo, double xhi, int nx, String cy, double ylo, double yhi, int ny) {
    int ix = events.coefficientIndex(cx);
    int iy = events.coefficientIndex(cy);
    if (ix == iy) {
      throw new IllegalArgumentException("a 2-D scan needs two different coefficients");
    }
    List<double[]> pts = new ArrayList<>();
    for (int p = 0; p < nx; p++) {
      for (int q = 0; q < ny; q++) {
        double[] c = new double[events.coefficients().size()];
        c[ix] = (xlo * (nx - 1 - p) + xhi * p) / (nx - 1);
        c[iy] = (ylo * (ny - 1 - q) + yhi * q) / (ny - 1);
        pts.add(c);
      }
    }
    double[] dir = new double[events.coefficients().size()];
    dir[ix] = Math.sqrt(0.5);
    dir[iy] = Math.sqrt(0.5);
    return build(List.of(cx, cy), new int[] {nx, ny}, pts, dir);
  }

  /** t(c′) on a 1-D grid with 68%/95% intervals. */
  public FamilyScan scan(String coefficient, double lo, double hi, int n) {
    return family(coefficient, lo, hi, n).scan(threads);
  }

  /** t(c′) on a 2-D grid with 68%/95% contours. */
  public FamilyScan scan2d(String cx, double xlo, double xhi, int nx, String cy, double ylo, double yhi, int ny) {
    return family2d(cx, xlo, xhi, nx, cy, ylo, yhi, ny).scan(threads);
  }

  /**
   * Asymptotic CLs (q̃) of every grid point's hypothesis against the reference (the truth, by default
   * the SM), each with the coefficient's value at that point ({@link EftLimit#value()}).
   *
   * @param coefficient the scanned coefficient
   * @param lo the first grid value
   * @param hi the last grid value
   * @param n the number of grid points
   * @return one limit point per grid value, in grid order
   */
  public List<EftLimit> limits(String coefficient, double lo, double hi, int n) {
    ModelFamily f = family(coefficient, lo, hi, n);
    List<HypoTestResult> rs = f.limits(TestStatistic.QTILDE, threads);
    List<EftLimit> out = new ArrayList<>(rs.size());
    for (int i = 0; i < rs.size(); i++) {
      out.add(new EftLimit(coefficient, f.point(i).theta()[0], rs.get(i)));
    }
    return List.copyOf(out);
  }

  /** Writes the family as pyhf workspaces and a patch set (see {@link FamilyIO#exportPyhf}). */
  public FamilyIO.Export exportPyhf(ModelFamily family, Path dir) {
    return FamilyIO.exportPyhf(family, dir, "ins0000000");
  }

  /**
   * Fisher information of coefficient {@code coefficient} at the truth carried by the binned
   * observable (binning of the truth point): Σ_b (∂ν_b/∂c)² / ν_b, debiased (see {@link #fisherEstimate}).
   */
  public double fisher(String coefficient) {
    return fisherEstimate(coefficient).value();
  }

  /**
   * The binned Fisher information at the truth with its Monte-Carlo debiasing and jackknife error
   * ({@link FisherInformation#binned}): the observable at the truth point, binned by the analysis' strategy.
   */
  public FisherInformation.Estimate fisherEstimate(String coefficient) {
    int i = events.coefficientIndex(coefficient);
    double[] dir = new double[events.coefficients().size()];
    dir[i] = 1;
    double[] values = observable.values(events, truth, dir);
    double[] edges = edges(values, truth, dir);
    return FisherInformation.binned(Histogram.foldedBins(edges, values), edges.length - 1, events.weights(truth), derivativeWeights(i), luminosityPb);
  }

  /** Unbinned Fisher information of coefficient at the truth: L Σ_i (∂w_i/∂c)² / w_i. */
  public double unbinnedFisher(String coefficient) {
    return unbinnedFisherEstimate(coefficient).value();
  }

  /** {@link #unbinnedFisher} with its jackknife error. */
  public FisherInformation.Estimate unbinnedFisherEstimate(String coefficient) {
    return FisherInformation.unbinned(events.weights(truth), derivativeWeights(events.coefficientIndex(coefficient)), luminosityPb,
        FisherInformation.DEFAULT_REPLICATES, FisherInformation.DEFAULT_SEED);
  }

  /** Edges of the observable's values at point c (direction d): the strategy, or information-optimal bins. */
  private double[] edges(double[] values, double[] c, double[] d) {
    if (binningReference == null) {
      return binning.edges(values, weightsWhereFinite(values, events.smWeights()));
    }
    double[] rv = observable.values(binningReference, c, d);
    double[] rw = binningReference.weights(c);
    double[] rd = new double[rw.length];
    for (int a = 0; a < d.length; a++) {
      if (d[a] != 0) {
        double[] da = binningReference.quadratics().weightDerivatives(c, a);
        for (int i = 0; i < rd.length; i++) {
          rd[i] += d[a] * da[i];
        }
      }
    }
    return InformationBinning.edges(rv, rw, rd, informationBins, Math.max(InformationBinning.DEFAULT_FINE, 5 * informationBins));
  }

  /** ∂w_i/∂c_a at the truth. */
  double[] derivativeWeights(int a) {
    return events.quadratics().weightDerivatives(truth, a);
  }

  /**
   * One channel "SR" with one sample "eft" whose yield is Σ_k m_k(c) T_k over the monomials
   * {@code monoIdx} (templates already multiplied by L), the normalisation uncertainties, and a
   * staterror with δ_b = L √(Σ_SM w²)_b when MC statistics are on; the parameters are the active
   * coefficients (scanned ones start at 0, profiled ones at the truth), POI the first scanned.
   */
  private ModelSpec spec(double[][] t, List<Integer> monoIdx, double[] smSumw2, Set<String> active, List<String> scanned) {
    int nb = smSumw2.length;
    List<YieldTerm> terms = new ArrayList<>();
    double[] nominal = null;
    for (int j = 0; j < monoIdx.size(); j++) {
      List<String> mono = events.monomials().get(monoIdx.get(j));
      terms.add(new YieldTerm(new Coefficient.Monomial(mono), t[j]));
      if (mono.isEmpty()) {
        nominal = t[j];
      }
    }
    if (nominal == null) {
      throw new IllegalStateException("the events have no Standard-Model weight component");
    }
    List<ModifierSpec> mods = new ArrayList<>();
    for (int q = 0; q < normNames.size(); q++) {
      double rel = normalizations.get(q)[0];
      mods.add(new ModifierSpec.NormSys(normNames.get(q), 1 + rel, 1 - rel));
    }
    if (mcStat) {
      double[] delta = new double[nb];
      for (int b = 0; b < nb; b++) {
        delta[b] = luminosityPb * Math.sqrt(smSumw2[b]);
      }
      mods.add(new ModifierSpec.StatError("staterror_SR", delta));
    }
    SampleSpec sample = new SampleSpec("eft", nominal, mods, terms);
    List<ParameterSpec> params = new ArrayList<>();
    for (String a : active) {
      double init = scanned.contains(a) ? 0.0 : truth[events.coefficientIndex(a)];
      params.add(ParameterSpec.named(a).withInits(init).withBounds(new double[] {-1e4, 1e4}));
    }
    return new ModelSpec(List.of(new ChannelSpec("SR", List.of(sample))), params, scanned.get(0), ModifierSettings.DEFAULT);
  }

  /** Indices of the event monomials built from the active coefficients only. */
  private List<Integer> activeMonomials(Set<String> active) {
    List<Integer> monoIdx = new ArrayList<>();
    for (int k = 0; k < events.monomials().size(); k++) {
      if (active.containsAll(events.monomials().get(k))) {
        monoIdx.add(k);
      }
    }
    return monoIdx;
  }

  // ---------------------------------------------------------------- summed summaries

  /**
   * The summed-summary model of per-event summary columns s_j(x) ({@code summary[j][event]}, e.g.
   * an event2vec binwise summary, whose softmax outputs make the sums a soft-binned histogram): one
   * model for every parameter value, with m "bins" of yield ν_j(c) = L Σ_i w_i(c) s_j(x_i), i.e. terms
   * T_kj = L Σ_i B_ik s_j(x_i) for the weight monomials of the given and the profiled coefficients,
   * the analysis' normalisation uncertainties and, with MC statistics on, a staterror of
   * L √(Σ_i w_SM,i² s_j(x_i)²). POI: the first coefficient; the others and the profiled ones float.
   */
  public ModelSpec summedModel(double[][] summary, String... coefficients) {
    if (coefficients.length == 0) {
      throw new IllegalArgumentException("name at least one coefficient");
    }
    checkSummary(summary);
    List<String> scanned = new ArrayList<>();
    for (String c : coefficients) {
      events.coefficientIndex(c);
      scanned.add(c);
    }
    Set<String> active = new LinkedHashSet<>(scanned);
    active.addAll(profiled);
    List<Integer> monoIdx = activeMonomials(active);
    int m = summary.length;
    double[][] t = new double[monoIdx.size()][m];
    double[] smSumw2 = new double[m];
    double[] sm = events.smWeights();
    for (int e = 0; e < events.size(); e++) {
      for (int j = 0; j < m; j++) {
        double sj = summary[j][e];
        for (int k = 0; k < monoIdx.size(); k++) {
          t[k][j] += luminosityPb * events.component(e, monoIdx.get(k)) * sj;
        }
        smSumw2[j] += sm[e] * sm[e] * sj * sj;
      }
    }
    return spec(t, monoIdx, smSumw2, active, scanned);
  }

  /**
   * Main data of the summed-summary model: Σ_i n_i s_j(x_i) with n_i the per-event data counts of
   * {@link #withData}, or the Asimov counts L w_i(truth).
   */
  public double[] summedData(double[][] summary) {
    checkSummary(summary);
    double[] n = dataWeights != null ? dataWeights : events.weights(truth);
    double f = dataWeights != null ? 1.0 : luminosityPb;
    double[] d = new double[summary.length];
    for (int e = 0; e < events.size(); e++) {
      for (int j = 0; j < summary.length; j++) {
        d[j] += f * n[e] * summary[j][e];
      }
    }
    return d;
  }

  /** Profile-likelihood scan of one coefficient in the summed-summary model (profiled coefficients float). */
  public ProfileScan summedScan(double[][] summary, String coefficient, double lo, double hi, int n) {
    CompiledModel m = ModelCompiler.compile(summedModel(summary, coefficient));
    return InferenceFacade.scan(InferenceProblem.of(m, m.withAuxdata(summedData(summary))), m.parIndex(coefficient),
        ProfileLikelihood.linspace(lo, hi, n));
  }

  /** 2-D profile-likelihood scan (68%/95% contours) in the summed-summary model. */
  public ProfileScan2D summedScan2d(double[][] summary, String cx, double xlo, double xhi, int nx, String cy, double ylo,
      double yhi, int ny) {
    CompiledModel m = ModelCompiler.compile(summedModel(summary, cx, cy));
    return InferenceFacade.scan2d(InferenceProblem.of(m, m.withAuxdata(summedData(summary))), m.parIndex(cx), m.parIndex(cy),
        ProfileLikelihood.linspace(xlo, xhi, nx), ProfileLikelihood.linspace(ylo, yhi, ny));
  }

  private void checkSummary(double[][] summary) {
    if (summary.length == 0) {
      throw new IllegalArgumentException("the summary has no columns");
    }
    for (int j = 0; j < summary.length; j++) {
      if (summary[j].length != events.size()) {
        throw new IllegalArgumentException("summary column " + j + " has " + summary[j].length + " values for " + events.size() + " events");
      }
    }
  }

  // ---------------------------------------------------------------- training

  /**
   * Trains derivative learning (arXiv:2410.07315) on the events: one network regressing the exact
   * R_a, R_ab of the given coefficients at the SM from the feature columns, outlier labels smeared
   * ({@link LabelSmearing#DEFAULT}). Use it with {@link EftObservable#learned}; close it when done.
   */
  public static DerivativeSummary trainDerivative(EftEvents events, List<String> features, List<String> coefficients,
      TrainingSettings settings) {
    return DerivativeLearning.train(events.features(features), events.polynomialWeights(coefficients),
        new double[coefficients.size()], LabelSmearing.DEFAULT, settings);
  }

  /**
   * Trains an event2vec binwise summary with {@code bins} soft bins (ALICE loss) on parameter pairs
   * drawn uniformly in the box [lo, hi] of the given coefficients, SM reference; its
   * {@code evaluate(events.features(features))} columns feed {@link #summedModel}. Close it when done.
   */
  public static Event2VecSummary trainEvent2Vec(EftEvents events, List<String> features, List<String> coefficients, double[] lo,
      double[] hi, int bins, TrainingSettings settings) {
    ParameterPrior prior = ParameterPrior.uniform(coefficients, lo, hi);
    return Event2Vec.train(events.features(features), events.polynomialWeights(coefficients), prior,
        Event2Vec.Options.binwise(bins).withReferencePoint(new double[coefficients.size()]), RatioLoss.ALICE, settings);
  }

  private static double[] weightsWhereFinite(double[] v, double[] w) {
    double[] o = w.clone();
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        o[i] = 0;
      }
    }
    return o;
  }

  private ModelFamily build(List<String> scanned, int[] shape, List<double[]> grid, double[] direction) {
    Set<String> active = new LinkedHashSet<>(scanned);
    active.addAll(profiled);
    List<Integer> monoIdx = activeMonomials(active);
    double[] sm = events.smWeights();
    double[] fixedValues = observable.perPoint() ? null : observable.values(events, grid.get(0), direction);
    // the points are independent (own observable values, edges, templates and compiled model): built on the
    // analysis' threads, kept in grid order
    FamilyPoint[] built = new FamilyPoint[grid.size()];
    java.util.function.IntConsumer one = p -> built[p] = point(grid.get(p), fixedValues, direction, monoIdx, sm, active, scanned);
    int nt = Math.min(threads, grid.size());
    if (nt <= 1) {
      for (int p = 0; p < built.length; p++) {
        one.accept(p);
      }
    } else {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(nt, r -> {
        Thread t = new Thread(r, "sumbin-family");
        t.setDaemon(true);
        return t;
      });
      try {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < nt; w++) {
          fs.add(pool.submit(() -> {
            for (int p = next.getAndIncrement(); p < built.length; p = next.getAndIncrement()) {
              one.accept(p);
            }
          }));
        }
        for (java.util.concurrent.Future<?> f : fs) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while building the family", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    List<FamilyPoint> points = List.of(built);
    double[] ref = new double[scanned.size()];
    ModelFamily fam = new ModelFamily(scanned, shape, points, ref);
    if (dataWeights != null) {
      return fam;
    }
    double[] truthScanned = new double[scanned.size()];
    for (int k = 0; k < scanned.size(); k++) {
      truthScanned[k] = truth[events.coefficientIndex(scanned.get(k))];
    }
    return fam.asimov(truthScanned);
  }

  /** The model of one scan point c (its observable values, edges, templates and data). */
  private FamilyPoint point(double[] c, double[] fixedValues, double[] direction, List<Integer> monoIdx, double[] sm,
      Set<String> active, List<String> scanned) {
    double[] values = fixedValues != null ? fixedValues : observable.values(events, c, direction);
    double[] edges = edges(values, c, direction);
    int nb = edges.length - 1;
    double[][] t = new double[monoIdx.size()][nb];
    double[] smSumw2 = new double[nb];
    double[] data = new double[nb];
    int[] bins = Histogram.foldedBins(edges, values);
    int nm = monoIdx.size();
    int[] mono = new int[nm];
    double[] mult = new double[nm];
    io.sumbin.eft.morphing.EventQuadratics q = events.quadratics();
    for (int j = 0; j < nm; j++) {
      mono[j] = monoIdx.get(j);
      mult[j] = q.basis().multiplicity(mono[j]);
    }
    for (int e = 0; e < events.size(); e++) {
      int b = bins[e];
      if (b < 0) {
        continue;
      }
      for (int j = 0; j < nm; j++) {
        t[j][b] += luminosityPb * (mult[j] * q.component(e, mono[j])); // = L · events.component(e, k)
      }
      smSumw2[b] += sm[e] * sm[e];
      data[b] += dataWeights != null ? dataWeights[e] : 0;
    }
    ModelSpec spec = spec(t, monoIdx, smSumw2, active, scanned);
    double[] theta = new double[scanned.size()];
    for (int k = 0; k < scanned.size(); k++) {
      theta[k] = c[events.coefficientIndex(scanned.get(k))];
    }
    return FamilyPoint.of(theta, spec, data);
  }
}
