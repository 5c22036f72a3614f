package io.sumbin.eft.analysis;

import io.sumbin.histmodel.util.RecordText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An EFT analysis description: processes × regions × systematics × data × scans, the records behind the
 * JSON file read by {@link AnalysisReader} (validated by the bundled {@value AnalysisReader#SCHEMA_RESOURCE})
 * and built from Java with {@link #builder()}. Immutable; paths are absolute (the reader resolves them
 * against the JSON file's folder).
 *
 * <p>Coefficients not listed in {@link #parameters()} stay at 0 everywhere. A process' yield in a bin is
 * L · scale · Σ_{i ∈ bin} w_i(c) with the per-event weights w_i(c) exactly quadratic ({@link EftMode#QUADRATIC}),
 * linear ({@link EftMode#LINEAR}: one reweighting point per coefficient determines only the linear term) or
 * constant ({@link EftMode#NONE}) in the coefficients.
 *
 * @param file the JSON file (null when built in Java); names the analysis in messages
 * @param luminosityFb integrated luminosity in fb⁻¹ (event weights are pb)
 * @param parameters coefficient ↦ [lo, hi] scan range, in order
 * @param processes the event samples
 * @param regions the analysis regions (one channel each)
 * @param systematics the systematic uncertainties
 * @param data what is fitted
 * @param scans the scans to run (1-D or 2-D); every parameter without a 1-D scan gets one of
 *     {@link #DEFAULT_POINTS} points
 * @param seed seed of everything random (smearing, training, jackknife groups)
 * @param training settings of learned observables trained in the run
 */
public record AnalysisSpec(Path file, double luminosityFb, Map<String, double[]> parameters, List<Process> processes,
    List<Region> regions, List<Systematic> systematics, Data data, List<Scan> scans, long seed, Training training) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** Points of the 1-D scan added for a parameter the description does not scan. */
  public static final int DEFAULT_POINTS = 21;

  public AnalysisSpec {
    Map<String, double[]> p = new LinkedHashMap<>();
    parameters.forEach((k, v) -> p.put(k, v.clone()));
    parameters = java.util.Collections.unmodifiableMap(p);
    processes = List.copyOf(processes);
    regions = List.copyOf(regions);
    systematics = List.copyOf(systematics);
    scans = List.copyOf(scans);
  }

  /** The parameter names in order. */
  public List<String> parameterNames() {
    return List.copyOf(parameters.keySet());
  }

  /** The process called {@code name}. */
  public Process process(String name) {
    for (Process p : processes) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no process '" + name + "'");
  }

  /** A file name for messages. */
  public String source() {
    return file == null ? "<analysis>" : file.toString();
  }

  /** The same analysis with other data. */
  public AnalysisSpec withData(Data d) {
    return new AnalysisSpec(file, luminosityFb, parameters, processes, regions, systematics, d, scans, seed, training);
  }

  /** The same analysis with other systematics. */
  public AnalysisSpec withSystematics(List<Systematic> s) {
    return new AnalysisSpec(file, luminosityFb, parameters, processes, regions, s, data, scans, seed, training);
  }

  /** The same analysis with other regions. */
  public AnalysisSpec withRegions(List<Region> r) {
    return new AnalysisSpec(file, luminosityFb, parameters, processes, r, systematics, data, scans, seed, training);
  }

  /** The same analysis with other scans. */
  public AnalysisSpec withScans(List<Scan> s) {
    return new AnalysisSpec(file, luminosityFb, parameters, processes, regions, systematics, data, s, seed, training);
  }

  /** How a process' weights depend on the coefficients. */
  public enum EftMode {
    /** θᵀA(x)θ: needs reweighting points spanning the quadratic space. */
    QUADRATIC,
    /** 1 + Σ c_a R_a(x): the linear term only (one point per coefficient). */
    LINEAR,
    /** No dependence: the Standard-Model (or nominal) weight. */
    NONE
  }

  /**
   * An event sample.
   *
   * @param events LHE files (read together; weights per event so that Σ w = σ in pb)
   * @param scale a factor on every weight (e.g. a K-factor, or a background made from another sample)
   */
  public record Process(String name, List<Path> events, EftMode eft, double scale) {
    public Process {
      events = List.copyOf(events);
    }
  }

  /** The kind of a region's observable. */
  public enum ObservableKind {
    /** A column or an expression over the columns. */
    COLUMN,
    /** The per-point truth-optimal observable (r(x|c′) − 1)/|c′| with the exact weights. */
    TRUTH,
    /** The per-point observable of a derivative-learning network (trained in the run or loaded). */
    LEARNED,
    /**
     * The per-point log-ratio ℓ(x|c′, 0) of an event2vec binwise summary trained in the run (arXiv:2410.07315's
     * companion: ℓ = Σ_k s_k(x) (log π_k(c′) − log π_k(0)), soft-bin memberships s_k), binned per point.
     */
    EVENT2VEC
  }

  /**
   * A region's observable.
   *
   * @param expression the column or expression ({@link ObservableKind#COLUMN})
   * @param model a saved derivative-learning model directory to load ({@link ObservableKind#LEARNED}), or null to train
   * @param features input columns of a network trained in the run (default: all observables of the events)
   * @param trainEvents LHE files to train on (default: the events of the region's first EFT process)
   */
  public record Observable(ObservableKind kind, String expression, Path model, List<String> features, List<Path> trainEvents) {
    public Observable {
      features = features == null ? List.of() : List.copyOf(features);
      trainEvents = trainEvents == null ? List.of() : List.copyOf(trainEvents);
    }

    public static Observable column(String expression) {
      return new Observable(ObservableKind.COLUMN, expression, null, List.of(), List.of());
    }

    public static Observable truth() {
      return new Observable(ObservableKind.TRUTH, null, null, List.of(), List.of());
    }

    /** Derivative learning trained in the run on {@code trainEvents} (empty: the region's first EFT process). */
    public static Observable learned(List<String> features, List<Path> trainEvents) {
      return new Observable(ObservableKind.LEARNED, null, null, features, trainEvents);
    }

    /** An event2vec summary trained in the run on {@code trainEvents} (empty: the region's first EFT process). */
    public static Observable event2vec(List<String> features, List<Path> trainEvents) {
      return new Observable(ObservableKind.EVENT2VEC, null, null, features, trainEvents);
    }

    /** A saved derivative-learning model. */
    public static Observable loaded(Path model, List<String> features) {
      return new Observable(ObservableKind.LEARNED, null, model, features, List.of());
    }

    /** Short name for tables and plots. */
    public String label() {
      return switch (kind) {
        case COLUMN -> expression;
        case TRUTH -> "truth-optimal";
        case LEARNED -> "learned-optimal";
        case EVENT2VEC -> "event2vec";
      };
    }
  }

  /**
   * A region (one channel of every model).
   *
   * @param selection an expression of the events' columns, or null for all events
   * @param bins number of bins (equal Standard-Model yield at every scan point) when {@code edges} is null
   * @param edges fixed bin edges (column observables only), or null
   */
  public record Region(String name, List<String> processes, String selection, Observable observable, int bins, double[] edges) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Region {
      processes = List.copyOf(processes);
      edges = edges == null ? null : edges.clone();
    }

    public Region(String name, List<String> processes, String selection, Observable observable, int bins) {
      this(name, processes, selection, observable, bins, null);
    }
  }

  /** Kinds of systematic uncertainty. */
  public enum SystematicType {
    /** Normalisation ±: normsys (hi, lo). */
    NORMSYS("normsys"),
    /** Two per-event weight ids → histosys. */
    WEIGHTS("weights"),
    /** Jets scaled by 1 ± size. */
    JET_ENERGY_SCALE("jet_energy_scale"),
    /** Jets smeared by a relative Gaussian of width size (one-sided: down mirrors up). */
    JET_ENERGY_RESOLUTION("jet_energy_resolution"),
    /** Charged leptons scaled by 1 ± size. */
    LEPTON_MOMENTUM_SCALE("lepton_momentum_scale"),
    /** A column replaced by an up and a down expression. */
    FEATURE("feature"),
    /** Monte-Carlo statistics per bin (staterror, per region). */
    STATERROR("staterror");

    private final String json;

    SystematicType(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }

    public static SystematicType of(String json) {
      for (SystematicType t : values()) {
        if (t.json.equals(json)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown systematic type '" + json + "'");
    }

    /** True for the kinds that vary the events' kinematics (evaluated through the observables). */
    public boolean isEventVariation() {
      return this == JET_ENERGY_SCALE || this == JET_ENERGY_RESOLUTION || this == LEPTON_MOMENTUM_SCALE || this == FEATURE;
    }
  }

  /**
   * A systematic uncertainty. Fields not used by the type are null / NaN.
   *
   * @param processes the processes it acts on (empty: all)
   * @param hi normsys factor at +1σ
   * @param lo normsys factor at −1σ
   * @param size relative size of an event variation
   * @param up weight id (weights) or expression (feature) at +1σ
   * @param down weight id (weights) or expression (feature) at −1σ
   * @param column the column a feature variation replaces
   */
  public record Systematic(String name, SystematicType type, List<String> processes, double hi, double lo, double size, String up,
      String down, String column) {
    public Systematic {
      processes = processes == null ? List.of() : List.copyOf(processes);
    }

    public static Systematic normsys(String name, double hi, double lo, String... processes) {
      return new Systematic(name, SystematicType.NORMSYS, List.of(processes), hi, lo, Double.NaN, null, null, null);
    }

    public static Systematic eventVariation(String name, SystematicType type, double size, String... processes) {
      if (!type.isEventVariation() || type == SystematicType.FEATURE) {
        throw new IllegalArgumentException(type.json() + " is not a sized event variation");
      }
      return new Systematic(name, type, List.of(processes), Double.NaN, Double.NaN, size, null, null, null);
    }

    public static Systematic weights(String name, String upId, String downId, String... processes) {
      return new Systematic(name, SystematicType.WEIGHTS, List.of(processes), Double.NaN, Double.NaN, Double.NaN, upId, downId, null);
    }

    public static Systematic feature(String name, String column, String up, String down, String... processes) {
      return new Systematic(name, SystematicType.FEATURE, List.of(processes), Double.NaN, Double.NaN, Double.NaN, up, down, column);
    }

    public static Systematic staterror(String name) {
      return new Systematic(name, SystematicType.STATERROR, List.of(), Double.NaN, Double.NaN, Double.NaN, null, null, null);
    }

    /** Whether it acts on process {@code p}. */
    public boolean appliesTo(String p) {
      return processes.isEmpty() || processes.contains(p);
    }
  }

  /** Kinds of data. */
  public enum DataKind {
    /** Expected data at a point. */
    ASIMOV,
    /** Pseudo-data: an independent sample of one process reweighted to a truth point (other processes expected). */
    PSEUDO,
    /** Observed events (each event counts once). */
    EVENTS,
    /** Observed histograms per region (fixed edges). */
    COUNTS
  }

  /**
   * What is fitted.
   *
   * @param point the Asimov point, or the truth of pseudo-data (missing coefficients 0)
   * @param events the pseudo-data or observed event files
   * @param process the process the pseudo-data sample stands for
   * @param counts observed counts per region
   */
  public record Data(DataKind kind, Map<String, Double> point, List<Path> events, String process, Map<String, double[]> counts) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Data {
      point = point == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
      events = events == null ? List.of() : List.copyOf(events);
      if (counts != null) {
        Map<String, double[]> c = new LinkedHashMap<>();
        counts.forEach((k, v) -> c.put(k, v.clone()));
        counts = java.util.Collections.unmodifiableMap(c);
      } else {
        counts = Map.of();
      }
    }

    public static Data asimov(Map<String, Double> point) {
      return new Data(DataKind.ASIMOV, point, List.of(), null, null);
    }

    public static Data pseudo(List<Path> events, String process, Map<String, Double> truth) {
      return new Data(DataKind.PSEUDO, truth, events, process, null);
    }

    public static Data observedEvents(List<Path> events) {
      return new Data(DataKind.EVENTS, Map.of(), events, null, null);
    }

    public static Data counts(Map<String, double[]> counts) {
      return new Data(DataKind.COUNTS, Map.of(), List.of(), null, counts);
    }

    /** The reference point (Asimov point or truth; the SM for observed data) in the order of {@code names}. */
    public double[] reference(List<String> names) {
      double[] c = new double[names.size()];
      for (int a = 0; a < c.length; a++) {
        c[a] = point.getOrDefault(names.get(a), 0.0);
      }
      return c;
    }
  }

  /**
   * A scan of one or two parameters over their ranges.
   *
   * @param points grid points per parameter
   * @param profile parameters floated in every fit (the others stay at 0)
   */
  public record Scan(List<String> parameters, int[] points, List<String> profile) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Scan {
      parameters = List.copyOf(parameters);
      points = points.clone();
      profile = profile == null ? List.of() : List.copyOf(profile);
      if (parameters.isEmpty() || parameters.size() > 2 || points.length != parameters.size()) {
        throw new IllegalArgumentException("a scan has 1 or 2 parameters with one point count each, got " + parameters + " "
            + Arrays.toString(points));
      }
    }

    public static Scan of(String parameter, int points) {
      return new Scan(List.of(parameter), new int[] {points}, List.of());
    }

    public static Scan of2d(String x, int nx, String y, int ny) {
      return new Scan(List.of(x, y), new int[] {nx, ny}, List.of());
    }

    /** "cHW" or "cHW,cHB". */
    public String key() {
      return String.join(",", parameters);
    }
  }

  /**
   * Settings of learned observables trained inside the run.
   *
   * @param epochs maximum epochs
   * @param trainFraction fraction of the training events used for training (the rest validates)
   */
  public record Training(int epochs, double trainFraction) {
    public static final Training DEFAULT = new Training(30, 0.8);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Java construction of an {@link AnalysisSpec} (same records as the JSON file). */
  public static final class Builder {
    private Path file;
    private double luminosityFb = 1;
    private final Map<String, double[]> parameters = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();
    private final List<Systematic> systematics = new ArrayList<>();
    private Data data = Data.asimov(Map.of());
    private final List<Scan> scans = new ArrayList<>();
    private long seed = 1;
    private Training training = Training.DEFAULT;

    public Builder file(Path f) {
      this.file = f;
      return this;
    }

    /** Integrated luminosity in fb⁻¹. */
    public Builder luminosityFb(double fb) {
      this.luminosityFb = fb;
      return this;
    }

    public Builder parameter(String name, double lo, double hi) {
      parameters.put(name, new double[] {lo, hi});
      return this;
    }

    public Builder process(String name, EftMode eft, double scale, Path... events) {
      processes.add(new Process(name, List.of(events), eft, scale));
      return this;
    }

    public Builder region(Region r) {
      regions.add(r);
      return this;
    }

    public Builder systematic(Systematic s) {
      systematics.add(s);
      return this;
    }

    public Builder data(Data d) {
      this.data = d;
      return this;
    }

    public Builder scan(Scan s) {
      scans.add(s);
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Builder training(Training t) {
      this.training = t;
      return this;
    }

    /** The description, checked as a JSON file is ({@link AnalysisReader#check}). */
    public AnalysisSpec build() {
      AnalysisSpec s = new AnalysisSpec(file, luminosityFb, parameters, processes, regions, systematics, data, scans, seed, training);
      AnalysisReader.check(s);
      return s;
    }
  }
}
