package io.sumbin.eft.analysis;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.Histogram;
import io.sumbin.binning.expr.Expression;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.EftObservable;
import io.sumbin.eft.FisherInformation;
import io.sumbin.eft.Units;
import io.sumbin.eft.analysis.AnalysisSpec.Data;
import io.sumbin.eft.analysis.AnalysisSpec.DataKind;
import io.sumbin.eft.analysis.AnalysisSpec.EftMode;
import io.sumbin.eft.analysis.AnalysisSpec.ObservableKind;
import io.sumbin.eft.analysis.AnalysisSpec.Process;
import io.sumbin.eft.analysis.AnalysisSpec.Region;
import io.sumbin.eft.analysis.AnalysisSpec.Systematic;
import io.sumbin.eft.analysis.AnalysisSpec.SystematicType;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.YieldTerm;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.pyhf.InputException;
import io.sumbin.summaries.InputEncoding;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.Summaries;
import io.sumbin.summaries.TrainingSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A prepared EFT analysis ({@link AnalysisSpec}): the processes' events read once with all their systematic
 * variants, selected into the regions, the regions' observables (trained if learned), and the data; from it, the
 * per-point models of any set of regions.
 *
 * <p><b>The model at scan point c′.</b> One channel per region, one sample per process of the region. For every
 * region the observable is evaluated at c′ (per-point observables: truth-optimal, learned) on the nominal events
 * and on every varied copy of them, and binned with the region's edges (equal Standard-Model yield of the nominal
 * events at c′, or fixed edges). A process' sample has the yield L Σ_k m_k(c) T_k over the weight monomials of the
 * fitted coefficients (its {@code data} the yield at the parameters' initial values: scanned coefficients at 0,
 * profiled ones at the data's reference point), and
 *
 * <ul>
 *   <li>a normsys per normalisation uncertainty acting on it;
 *   <li>a histosys per event, feature or weight variation: Δ± = ν_varied±(c′) − ν(c′), the varied events binned in the
 *       same edges at the same c′, so a learned observable's systematic is its own response to the varied events
 *       (jet energy resolution is one-sided: Δ− = −Δ+);
 *   <li>with MC statistics, a staterror {@code <name>_<region>} with δ_b = √Σ_{i∈b} (L w_i(c′))².
 * </ul>
 *
 * The main data of point c′ are binned in that point's observable: Asimov data L Σ w_i(c_A) of every process,
 * pseudo-data (the independent sample of one process reweighted to the truth, the other processes expected at the
 * truth), observed events (one count each), or observed counts (fixed edges). See {@link AnalysisRun#run(Analysis, AnalysisRun.Options)} for the results.
 */
public final class Analysis {
  final AnalysisSpec spec;
  final List<String> params;
  final double lumiPb;
  final Map<String, ProcessSample> samples = new LinkedHashMap<>();
  final List<RegionData> regions = new ArrayList<>();
  final double[] reference;
  final List<String> warnings = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private io.sumbin.histmodel.progress.ProgressListener listener = io.sumbin.histmodel.progress.ProgressListener.NONE;
  /**
   * Point-independent work of the per-point models, done once: per region, the values and bins of every event
   * sample under an observable that does not depend on the point, the region's equal-yield edges then (without
   * per-event factors), and every sample's weights at the reference point (Asimov and pseudo-data).
   */
  private final Map<Integer, Map<EftEvents, double[]>> fixedValues = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Integer, Map<EftEvents, int[]>> fixedBins = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Integer, double[]> fixedEdges = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<EftEvents, double[]> referenceWeights = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /** One process in one region: its selected events per variant, with rows into the process' sample. */
  record Entry(String process, int processIndex, Map<String, EftEvents> events, Map<String, int[]> rows, List<Systematic> systematics) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** A region with its observable and selected events (and the data events selected into it). */
  record RegionData(Region region, EftObservable observable, List<Entry> entries, EftEvents dataEvents, int dataProcess,
      Set<String> sensitive) {}

  private Analysis(AnalysisSpec spec) {
    this.spec = spec;
    this.params = spec.parameterNames();
    this.lumiPb = Units.perPb(spec.luminosityFb());
    this.reference = spec.data().reference(params);
  }

  /**
   * Reads the events and prepares the regions (training learned observables).
   *
   * @param progress one line per step (may be a no-op)
   * @throws InputException for unreadable events, unknown columns in expressions, an under-determined morphing
   */
  public static Analysis prepare(AnalysisSpec spec, java.util.function.Consumer<String> progress) {
    return prepare(spec, progress, io.sumbin.histmodel.progress.ProgressListener.NONE);
  }

  /**
   * {@link #prepare(AnalysisSpec, java.util.function.Consumer)} with the trainings of learned observables
   * reporting their epochs to {@code listener}.
   *
   * @param spec the analysis
   * @param progress one line per step (may be a no-op)
   * @param listener the trainings' progress
   * @return the prepared analysis
   */
  public static Analysis prepare(AnalysisSpec spec, java.util.function.Consumer<String> progress,
      io.sumbin.histmodel.progress.ProgressListener listener) {
    Analysis a = new Analysis(spec);
    a.listener = io.sumbin.histmodel.progress.ProgressListener.orNone(listener);
    try {
      a.load(progress);
    } catch (RuntimeException e) {
      a.close();
      throw e;
    }
    return a;
  }

  /** Releases the networks of learned observables. */
  public void close() {
    for (AutoCloseable c : resources) {
      try {
        c.close();
      } catch (Exception e) {
        // nothing to do
      }
    }
    resources.clear();
  }

  private void load(java.util.function.Consumer<String> progress) {
    String src = spec.source();
    for (int k = 0; k < spec.processes().size(); k++) {
      Process p = spec.processes().get(k);
      List<Systematic> sys = spec.systematics().stream()
          .filter(s -> s.appliesTo(p.name()) && (s.type().isEventVariation() || s.type() == SystematicType.WEIGHTS)).toList();
      long t0 = System.nanoTime();
      samples.put(p.name(), ProcessSample.load(src, "processes[" + k + "]", p.name(), p.events(), p.eft(), p.scale(), params, sys,
          spec.seed()));
      progress.accept(String.format("read %s: %d events, %d variants (%.1f s)", p.name(), samples.get(p.name()).size(),
          samples.get(p.name()).variants.size(), (System.nanoTime() - t0) * 1e-9));
    }
    ProcessSample dataSample = null;
    Data d = spec.data();
    if (d.kind() == DataKind.PSEUDO) {
      Process p = spec.process(d.process());
      dataSample = ProcessSample.loadPlain(src, "data", "data", d.events(), p.eft(), p.scale(), params);
    } else if (d.kind() == DataKind.EVENTS) {
      dataSample = ProcessSample.loadPlain(src, "data", "data", d.events(), EftMode.NONE, 1.0, params);
    }
    List<String> names = new ArrayList<>(samples.keySet());
    for (int r = 0; r < spec.regions().size(); r++) {
      Region reg = spec.regions().get(r);
      String at = "regions[" + r + "]";
      Expression sel = reg.selection() == null ? null : parse(reg.selection(), at + ".selection");
      List<Entry> entries = new ArrayList<>();
      Set<String> sensitive = new LinkedHashSet<>();
      for (String pn : reg.processes()) {
        ProcessSample ps = samples.get(pn);
        Map<String, EftEvents> ev = new LinkedHashMap<>();
        Map<String, int[]> rows = new LinkedHashMap<>();
        for (Map.Entry<String, EftEvents> v : ps.variants.entrySet()) {
          int[] idx = select(sel, v.getValue().table(), at + ".selection");
          rows.put(v.getKey(), idx);
          ev.put(v.getKey(), v.getValue().subset(idx));
        }
        sensitive.addAll(dependence(ps.nominal()));
        List<Systematic> sys = spec.systematics().stream().filter(s -> s.type() != SystematicType.STATERROR && s.appliesTo(pn)).toList();
        entries.add(new Entry(pn, names.indexOf(pn), ev, rows, sys));
      }
      EftObservable obs = observable(reg, at, entries, progress);
      EftEvents dataEv = null;
      int dataProcess = -1;
      if (dataSample != null && (d.kind() == DataKind.EVENTS || reg.processes().contains(d.process()))) {
        int[] idx = select(sel, dataSample.nominal().table(), at + ".selection");
        dataEv = dataSample.nominal().subset(idx);
        dataProcess = d.kind() == DataKind.PSEUDO ? reg.processes().indexOf(d.process()) : -1;
        if (d.kind() == DataKind.EVENTS && reg.observable().kind() == ObservableKind.TRUTH) {
          throw new InputException(src, at + ".observable", "observed events carry no truth weights; the truth-optimal observable "
              + "needs simulated events (use a column or a learned observable)");
        }
      }
      // warm the observable on every event set (and check its columns)
      double[] dir = new double[params.size()];
      dir[0] = 1;
      for (Entry e : entries) {
        for (EftEvents ev : e.events().values()) {
          checkValues(obs, ev, dir, at + ".observable");
        }
      }
      if (dataEv != null) {
        checkValues(obs, dataEv, dir, at + ".observable");
      }
      regions.add(new RegionData(reg, obs, entries, dataEv, dataProcess, sensitive));
    }
  }

  /** Relative size below which a monomial's weight component counts as absent (rounding of the morphing). */
  static final double ABSENT = 1e-9;

  /** The coefficients the events' weights depend on: those of monomials with a non-negligible component. */
  static Set<String> dependence(EftEvents ev) {
    List<List<String>> monos = ev.monomials();
    double[] size = new double[monos.size()];
    for (int i = 0; i < ev.size(); i++) {
      for (int k = 0; k < size.length; k++) {
        size[k] += Math.abs(ev.component(i, k));
      }
    }
    double ref = Arrays.stream(size).max().orElse(0);
    Set<String> out = new LinkedHashSet<>();
    for (int k = 0; k < size.length; k++) {
      if (size[k] > ABSENT * ref) {
        out.addAll(monos.get(k));
      }
    }
    return out;
  }

  private Expression parse(String expr, String at) {
    try {
      return Expression.parse(expr);
    } catch (RuntimeException e) {
      throw new InputException(spec.source(), at, e.getMessage());
    }
  }

  private int[] select(Expression sel, EventTable t, String at) {
    if (sel == null) {
      return IntStream.range(0, t.size()).toArray();
    }
    boolean[] keep;
    try {
      keep = sel.test(t);
    } catch (RuntimeException e) {
      throw new InputException(spec.source(), at, e.getMessage());
    }
    return IntStream.range(0, t.size()).filter(i -> keep[i]).toArray();
  }

  private void checkValues(EftObservable obs, EftEvents ev, double[] dir, String at) {
    try {
      obs.values(ev, new double[params.size()], dir);
    } catch (RuntimeException e) {
      throw new InputException(spec.source(), at, e.getMessage());
    }
  }

  private EftObservable observable(Region reg, String at, List<Entry> entries, java.util.function.Consumer<String> progress) {
    AnalysisSpec.Observable o = reg.observable();
    switch (o.kind()) {
      case TRUTH -> {
        return EftObservable.truthOptimal();
      }
      case COLUMN -> {
        Expression x = parse(o.expression(), at + ".observable.column");
        String label = o.expression();
        return new EftObservable() {
          public String name() {
            return label;
          }

          public boolean perPoint() {
            return false;
          }

          public double[] values(EftEvents ev, double[] c, double[] d) {
            return x.evaluate(ev.table());
          }
        };
      }
      default -> {
        LearnedSummary s;
        List<String> features = o.features();
        if (o.model() != null) {
          s = Summaries.loadSummary(o.model());
          features = s.inputNames();
        } else {
          Entry first = null;
          for (Entry e : entries) {
            if (spec.process(e.process()).eft() != EftMode.NONE) {
              first = e;
              break;
            }
          }
          if (first == null) {
            throw new InputException(spec.source(), at + ".observable", "a learned observable needs an EFT process in the region");
          }
          Process p = spec.process(first.process());
          EftEvents train;
          if (!o.trainEvents().isEmpty()) {
            ProcessSample ts = ProcessSample.loadPlain(spec.source(), at + ".observable.train_events", p.name(), o.trainEvents(), p.eft(),
                p.scale(), params);
            train = ts.nominal();
          } else {
            train = samples.get(p.name()).nominal();
            warnings.add("region '" + reg.name() + "': the learned observable is trained on the template events of '" + p.name()
                + "' (give observable.train_events for an independent training sample)");
          }
          if (features.isEmpty()) {
            features = samples.get(p.name()).observables;
          }
          List<String> coefs = new ArrayList<>();
          for (String c : params) {
            if (train.monomials().stream().anyMatch(m -> m.contains(c))) {
              coefs.add(c);
            }
          }
          TrainingSettings ts = TrainingSettings.DEFAULT.withEncoding(InputEncoding.PIECEWISE_LINEAR, 16).withLabelClip(0.02)
              .withMaxEpochs(spec.training().epochs()).withPatience(5).withValidationFraction(1 - spec.training().trainFraction())
              .withSeed(spec.seed()).withProgress(listener);
          long t0 = System.nanoTime();
          if (o.kind() == ObservableKind.EVENT2VEC) {
            // soft bins as many as the region's bins; parameter pairs drawn in the analysed ranges
            int nb = reg.edges() != null ? reg.edges().length - 1 : reg.bins();
            double[] lo = new double[coefs.size()];
            double[] hi = new double[coefs.size()];
            double step = Double.POSITIVE_INFINITY;
            for (int k = 0; k < coefs.size(); k++) {
              double[] r = spec.parameters().get(coefs.get(k));
              lo[k] = r[0];
              hi[k] = r[1];
              step = Math.min(step, 1e-2 * (r[1] - r[0]));
            }
            io.sumbin.summaries.event2vec.Event2VecSummary e2v;
            try {
              e2v = EftAnalysis.trainEvent2Vec(train, features, coefs, lo, hi, Math.max(2, nb), ts);
            } catch (RuntimeException e) {
              throw new InputException(spec.source(), at + ".observable", "training failed: " + e.getMessage());
            }
            progress.accept(String.format("trained the event2vec observable of region %s on %d events of %s (%s; %.1f s)", reg.name(),
                train.size(), p.name(), coefs, (System.nanoTime() - t0) * 1e-9));
            resources.add(e2v);
            return EftObservable.event2vec(e2v, features, step);
          }
          try {
            s = EftAnalysis.trainDerivative(train, features, coefs, ts);
          } catch (RuntimeException e) {
            throw new InputException(spec.source(), at + ".observable", "training failed: " + e.getMessage());
          }
          progress.accept(String.format("trained the learned observable of region %s on %d events of %s (%s; %.1f s)", reg.name(),
              train.size(), p.name(), coefs, (System.nanoTime() - t0) * 1e-9));
        }
        resources.add(s);
        return EftObservable.learned(s, features);
      }
    }
  }

  // ------------------------------------------------------------------ per-point models

  /** The point of a model: what floats, where, and the per-event factors of a jackknife replicate. */
  record PointRequest(List<Integer> regions, List<String> scanned, List<String> profiled, double[] c, double[] direction,
      double[][] factors) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** The spec and the main data of one point. */
  record PointModel(ModelSpec spec, double[] main, double[][] edges) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** Parameter bounds: 100 × the widest range. */
  private double bound() {
    double b = 1;
    for (double[] r : spec.parameters().values()) {
      b = Math.max(b, Math.max(Math.abs(r[0]), Math.abs(r[1])));
    }
    return 100 * b;
  }

  PointModel build(PointRequest request) {
    // channels in the compiled model's order (sorted by name, as pyhf lays out the main data)
    List<Integer> sorted = new ArrayList<>(request.regions());
    sorted.sort(java.util.Comparator.comparing(r -> regions.get(r).region().name()));
    PointRequest q = new PointRequest(sorted, request.scanned(), request.profiled(), request.c(), request.direction(), request.factors());
    Set<String> active = new LinkedHashSet<>(q.scanned());
    active.addAll(q.profiled());
    double[] init = new double[params.size()];
    for (String p : q.profiled()) {
      init[params.indexOf(p)] = reference[params.indexOf(p)];
    }
    double[] c = q.c();
    List<ChannelSpec> channels = new ArrayList<>();
    List<double[]> mains = new ArrayList<>();
    double[][] allEdges = new double[q.regions().size()][];
    Systematic staterror = spec.systematics().stream().filter(s -> s.type() == SystematicType.STATERROR).findFirst().orElse(null);
    for (int ri = 0; ri < q.regions().size(); ri++) {
      RegionData rd = regions.get(q.regions().get(ri));
      Region reg = rd.region();
      // values of the nominal events, edges from their SM yield
      Map<Entry, double[]> nominalValues = new HashMap<>();
      int region = q.regions().get(ri);
      boolean fixed = !rd.observable().perPoint() && (reg.edges() != null || q.factors() == null);
      double[] edges;
      if (reg.edges() != null) {
        edges = reg.edges();
      } else if (fixed && fixedEdges.containsKey(region)) {
        edges = fixedEdges.get(region);
      } else {
        List<double[]> vs = new ArrayList<>();
        List<double[]> ws = new ArrayList<>();
        for (Entry e : rd.entries()) {
          EftEvents ev = e.events().get(ProcessSample.NOMINAL);
          double[] v = values(region, rd, ev, c, q.direction());
          nominalValues.put(e, v);
          double[] w = ev.smWeights();
          double[] f = q.factors() == null ? null : q.factors()[e.processIndex()];
          int[] rows = e.rows().get(ProcessSample.NOMINAL);
          for (int i = 0; i < w.length; i++) {
            if (Double.isNaN(v[i])) {
              w[i] = 0;
            } else if (f != null) {
              w[i] *= f[rows[i]];
            }
          }
          vs.add(v);
          ws.add(w);
        }
        double[] allV = concat(vs);
        double[] allW = concat(ws);
        try {
          edges = BinningStrategy.quantile(reg.bins()).edges(allV, allW);
        } catch (IllegalArgumentException ex) {
          throw new InputException(spec.source(), "regions." + reg.name(), "cannot bin the " + rd.observable().name() + " observable at "
              + Arrays.toString(c) + ": " + ex.getMessage());
        }
        if (fixed) {
          fixedEdges.putIfAbsent(region, edges);
        }
      }
      allEdges[ri] = edges;
      int nb = edges.length - 1;
      List<SampleSpec> sampleSpecs = new ArrayList<>();
      for (Entry e : rd.entries()) {
        EftEvents ev = e.events().get(ProcessSample.NOMINAL);
        double[] v = nominalValues.containsKey(e) ? nominalValues.get(e) : values(region, rd, ev, c, q.direction());
        double[] f = q.factors() == null ? null : q.factors()[e.processIndex()];
        int[] rows = e.rows().get(ProcessSample.NOMINAL);
        List<List<String>> monos = ev.monomials();
        List<Integer> act = new ArrayList<>();
        for (int k = 0; k < monos.size(); k++) {
          if (active.containsAll(monos.get(k))) {
            act.add(k);
          }
        }
        double[][] t = new double[act.size()][nb];
        double[] yc = new double[nb];
        double[] sumw2 = new double[nb];
        int[] bins = bins(region, fixed, edges, ev, v);
        double[] wc = ev.weights(c);
        for (int i = 0; i < bins.length; i++) {
          int b = bins[i];
          if (b < 0) {
            continue;
          }
          double fi = lumiPb * (f == null ? 1 : f[rows[i]]);
          for (int j = 0; j < act.size(); j++) {
            t[j][b] += fi * ev.component(i, act.get(j));
          }
          yc[b] += fi * wc[i];
          sumw2[b] += fi * wc[i] * fi * wc[i];
        }
        double[] yInit = new double[nb];
        List<YieldTerm> terms = new ArrayList<>();
        boolean constant = true;
        for (int j = 0; j < act.size(); j++) {
          List<String> m = monos.get(act.get(j));
          double coef = 1;
          for (String x : m) {
            coef *= init[params.indexOf(x)];
          }
          for (int b = 0; b < nb; b++) {
            yInit[b] += coef * t[j][b];
          }
          terms.add(new YieldTerm(new Coefficient.Monomial(m), t[j]));
          constant &= m.isEmpty();
        }
        List<ModifierSpec> mods = new ArrayList<>();
        for (Systematic s : e.systematics()) {
          switch (s.type()) {
            case NORMSYS -> mods.add(new ModifierSpec.NormSys(s.name(), s.hi(), s.lo()));
            case STATERROR -> {
            }
            default -> {
              double[] up = variedYield(region, fixed, rd, e, ProcessSample.key(s.name(), 1), c, q, edges);
              double[] dn = e.events().containsKey(ProcessSample.key(s.name(), -1))
                  ? variedYield(region, fixed, rd, e, ProcessSample.key(s.name(), -1), c, q, edges) : null;
              double[] hi = new double[nb];
              double[] lo = new double[nb];
              for (int b = 0; b < nb; b++) {
                double du = up[b] - yc[b];
                double dd = dn == null ? -du : dn[b] - yc[b];
                hi[b] = Math.max(0, yInit[b] + du);
                lo[b] = Math.max(0, yInit[b] + dd);
              }
              mods.add(new ModifierSpec.HistoSys(s.name(), hi, lo));
            }
          }
        }
        if (staterror != null) {
          double[] delta = new double[nb];
          for (int b = 0; b < nb; b++) {
            delta[b] = Math.sqrt(sumw2[b]);
          }
          mods.add(new ModifierSpec.StatError(staterror.name() + "_" + reg.name(), delta));
        }
        sampleSpecs.add(constant && act.size() == 1 ? new SampleSpec(e.process(), t[0], mods)
            : new SampleSpec(e.process(), yInit, mods, terms));
      }
      channels.add(new ChannelSpec(reg.name(), sampleSpecs));
      mains.add(mainData(region, fixed, rd, c, q.direction(), edges));
    }
    List<ParameterSpec> ps = new ArrayList<>();
    double bound = bound();
    for (String a : active) {
      ps.add(ParameterSpec.named(a).withInits(init[params.indexOf(a)]).withBounds(new double[] {-bound, bound}));
    }
    ModelSpec ms = new ModelSpec(channels, ps, q.scanned().isEmpty() ? active.iterator().next() : q.scanned().get(0),
        ModifierSettings.DEFAULT);
    return new PointModel(ms, concat(mains), allEdges);
  }

  /** The observable's values of a region's events at c (computed once where the observable does not depend on c). */
  private double[] values(int region, RegionData rd, EftEvents ev, double[] c, double[] dir) {
    if (rd.observable().perPoint()) {
      return rd.observable().values(ev, c, dir);
    }
    Map<EftEvents, double[]> m = fixedValues.computeIfAbsent(region, k -> java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>()));
    double[] v = m.get(ev);
    if (v == null) {
      v = rd.observable().values(ev, c, dir);
      m.put(ev, v);
    }
    return v;
  }

  /** The bins of the values in the edges (computed once per sample where both are the same at every point). */
  private static int[] binsOf(Map<Integer, Map<EftEvents, int[]>> cache, int region, boolean fixed, double[] edges, EftEvents ev,
      double[] v) {
    if (!fixed) {
      return Histogram.foldedBins(edges, v);
    }
    Map<EftEvents, int[]> m = cache.computeIfAbsent(region, k -> java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>()));
    int[] b = m.get(ev);
    if (b == null) {
      b = Histogram.foldedBins(edges, v);
      m.put(ev, b);
    }
    return b;
  }

  private int[] bins(int region, boolean fixed, double[] edges, EftEvents ev, double[] v) {
    return binsOf(fixedBins, region, fixed, edges, ev, v);
  }

  /** The events' weights at the data's reference point (computed once per sample). */
  private double[] referenceWeights(EftEvents ev) {
    double[] w = referenceWeights.get(ev);
    if (w == null) {
      w = ev.weights(reference);
      referenceWeights.put(ev, w);
    }
    return w;
  }

  /** L Σ w_i(c) of a variant's selected events binned in the point's edges (per-event factors by row). */
  private double[] variedYield(int region, boolean fixed, RegionData rd, Entry e, String key, double[] c, PointRequest q, double[] edges) {
    EftEvents ev = e.events().get(key);
    double[] v = values(region, rd, ev, c, q.direction());
    int[] bins = bins(region, fixed, edges, ev, v);
    double[] w = ev.weights(c);
    double[] f = q.factors() == null ? null : q.factors()[e.processIndex()];
    int[] rows = e.rows().get(key);
    double[] y = new double[edges.length - 1];
    for (int i = 0; i < bins.length; i++) {
      if (bins[i] >= 0) {
        y[bins[i]] += lumiPb * w[i] * (f == null ? 1 : f[rows[i]]);
      }
    }
    return y;
  }

  /** The region's main data at point c (binned in that point's edges). */
  private double[] mainData(int region, boolean fixed, RegionData rd, double[] c, double[] dir, double[] edges) {
    int nb = edges.length - 1;
    double[] y = new double[nb];
    Data d = spec.data();
    if (d.kind() == DataKind.COUNTS) {
      return d.counts().get(rd.region().name()).clone();
    }
    for (int k = 0; k < rd.entries().size(); k++) {
      if (d.kind() == DataKind.EVENTS || (d.kind() == DataKind.PSEUDO && k == rd.dataProcess())) {
        continue;
      }
      EftEvents ev = rd.entries().get(k).events().get(ProcessSample.NOMINAL);
      add(y, bins(region, fixed, edges, ev, values(region, rd, ev, c, dir)), referenceWeights(ev), lumiPb);
    }
    if (rd.dataEvents() != null && (d.kind() == DataKind.EVENTS || rd.dataProcess() >= 0)) {
      EftEvents ev = rd.dataEvents();
      double[] w = d.kind() == DataKind.EVENTS ? ones(ev.size()) : referenceWeights(ev);
      add(y, bins(region, fixed, edges, ev, values(region, rd, ev, c, dir)), w, d.kind() == DataKind.EVENTS ? 1 : lumiPb);
    }
    return y;
  }

  private static void add(double[] y, int[] bins, double[] w, double f) {
    for (int i = 0; i < bins.length; i++) {
      if (bins[i] >= 0) {
        y[bins[i]] += f * w[i];
      }
    }
  }

  private static double[] ones(int n) {
    double[] o = new double[n];
    Arrays.fill(o, 1.0);
    return o;
  }

  static double[] concat(List<double[]> parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int o = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  /** Indices of all regions. */
  List<Integer> allRegions() {
    return IntStream.range(0, regions.size()).boxed().toList();
  }

  /** Whether any process of the regions depends on coefficient {@code p}. */
  boolean sensitive(List<Integer> rs, String p) {
    return rs.stream().anyMatch(r -> regions.get(r).sensitive().contains(p));
  }

  /**
   * The model family of a scan over the given regions: the grid of the scanned parameters' ranges, other
   * coefficients at 0 except the profiled ones (floated; at the reference point in the Asimov data and in the
   * point's observable). Points are built in parallel on {@code threads} threads.
   */
  public ModelFamily family(List<Integer> rs, AnalysisSpec.Scan scan, int threads) {
    List<String> scanned = scan.parameters();
    List<String> profiled = scan.profile().stream().filter(p -> sensitive(rs, p)).toList();
    int[] shape = scan.points();
    int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    double[] dir = new double[params.size()];
    for (String s : scanned) {
      dir[params.indexOf(s)] = 1 / Math.sqrt(scanned.size());
    }
    List<double[]> grid = new ArrayList<>();
    List<double[]> thetas = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      double[] c = new double[params.size()];
      for (String pr : profiled) {
        c[params.indexOf(pr)] = reference[params.indexOf(pr)];
      }
      double[] theta = new double[scanned.size()];
      int rem = p;
      for (int k = scanned.size() - 1; k >= 0; k--) {
        int nk = shape[k];
        int ik = rem % nk;
        rem /= nk;
        double[] range = spec.parameters().get(scanned.get(k));
        theta[k] = (range[0] * (nk - 1 - ik) + range[1] * ik) / (nk - 1);
        if (Math.abs(theta[k]) < 1e-12 * (range[1] - range[0])) {
          theta[k] = 0; // the grid's zero exactly (the per-point observables switch to the score there)
        }
        c[params.indexOf(scanned.get(k))] = theta[k];
      }
      grid.add(c);
      thetas.add(theta);
    }
    FamilyPoint[] points = new FamilyPoint[n];
    parallel(threads, n, p -> {
      PointModel pm = build(new PointRequest(rs, scanned, profiled, grid.get(p), dir, null));
      points[p] = FamilyPoint.of(thetas.get(p), pm.spec(), pm.main());
    });
    return new ModelFamily(scanned, shape, List.of(points), new double[scanned.size()]);
  }

  static void parallel(int threads, int n, java.util.function.IntConsumer body) {
    if (threads <= 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The information on coefficient {@code p} at the data's reference point carried by the regions' binned
   * observable, the other coefficients fixed and the nuisance parameters profiled: I = 1/(F⁻¹)_pp of the expected
   * Fisher matrix of the point model at the reference ({@link FisherInformation#profiled}), with the delete-group
   * jackknife error over all template events ({@link FisherInformation#jackknife}; edges refitted per replicate).
   * Independent regions without shared nuisance parameters add. The first of {@link #fishers}.
   */
  public FisherInformation.Estimate fisher(List<Integer> rs, String p) {
    return fishers(rs, p)[0];
  }

  /**
   * {@link #fisher} and the profiled information: the same observable and binning (direction {@code p} at the
   * reference point), one model in which every other analysed coefficient the regions depend on floats too, with F
   * its expected Fisher matrix at the reference:
   *
   * <pre>
   *   fisher           = 1/(F⁻¹)_pp over {p, nuisance parameters}           (the other coefficients fixed)
   *   fisher_profiled  = 1/(F⁻¹)_pp over {p, other coefficients, nuisances}  (≤ fisher; equal without others)
   * </pre>
   *
   * both with jackknife errors from the same replicates. Regions add in F: when the other coefficients a region
   * depends on appear in no other region (and no nuisance parameter is shared), the Schur complements add too and
   * the combination's profiled information is the sum of the regions'; a coefficient shared by two regions makes
   * the combination's profiled information larger than the sum (the regions constrain it together).
   *
   * @return {fisher, fisher_profiled}
   */
  public FisherInformation.Estimate[] fishers(List<Integer> rs, String p) {
    double[] dir = new double[params.size()];
    dir[params.indexOf(p)] = 1;
    List<String> others = params.stream().filter(x -> !x.equals(p) && sensitive(rs, x)).toList();
    int np = samples.size();
    int[] sizes = samples.values().stream().mapToInt(ProcessSample::size).toArray();
    int total = Arrays.stream(sizes).sum();
    return FisherInformation.jackknifeAll(total, f -> {
      double[][] factors = new double[np][];
      int o = 0;
      for (int k = 0; k < np; k++) {
        factors[k] = Arrays.copyOfRange(f, o, o + sizes[k]);
        o += sizes[k];
      }
      PointModel pm = build(new PointRequest(rs, List.of(p), others, reference.clone(), dir, factors));
      CompiledModel m = io.sumbin.histmodel.compile.ModelCompiler.compile(pm.spec());
      double[] pars = m.suggestedInit();
      int idx = m.parIndex(p);
      pars[idx] = reference[params.indexOf(p)];
      int[] otherIdx = others.stream().mapToInt(m::parIndex).toArray();
      return new double[] {FisherInformation.profiled(m, pars, idx, otherIdx), FisherInformation.profiled(m, pars, idx)};
    }, FisherInformation.DEFAULT_GROUPS, spec.seed());
  }

  /** The combined model at the reference point with every analysed coefficient floating (for the nuisance fit). */
  PointModel referenceModel() {
    List<Integer> rs = allRegions();
    List<String> floating = params.stream().filter(p -> sensitive(rs, p)).toList();
    double[] dir = new double[params.size()];
    for (int a = 0; a < dir.length; a++) {
      dir[a] = 1 / Math.sqrt(dir.length);
    }
    return build(new PointRequest(rs, List.of(), floating, reference.clone(), dir, null));
  }

  /** The analysis description. */
  public AnalysisSpec spec() {
    return spec;
  }

  /** The trained or loaded networks of the regions' observables (closed by {@link #close}). */
  List<AutoCloseable> resources() {
    return List.copyOf(resources);
  }

  /** Notes collected while preparing (e.g. training on template events). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Region index by name. */
  public int regionIndex(String name) {
    for (int r = 0; r < regions.size(); r++) {
      if (regions.get(r).region().name().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no region '" + name + "'");
  }
}
