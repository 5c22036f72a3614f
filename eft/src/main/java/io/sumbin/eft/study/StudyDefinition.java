package io.sumbin.eft.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.binning.BinningStrategy;
import io.sumbin.pyhf.InputException;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PyhfDigest;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A batch Asimov study read from a JSON file ({@code sumbin study STUDY.json}; schema
 * {@code io/sumbin/eft/study/study.schema.json}): an event source with exact per-event
 * quadratic weights in one coefficient θ, the truth θ_A of the Asimov data, scan settings, and a
 * grid whose Cartesian product gives the cells
 *
 * <pre>cell = (observable, strategy, mcstat, luminosity, bins),   index = row-major, bins fastest.</pre>
 *
 * <pre>{@code
 * {"name": "quadratic-binning",
 *  "source": {"type": "quadratic-toy", "events": 4000, "seed": 1, "cross_section": 1000, "sampling": "stratified"},
 *  "truth": 0.0,
 *  "scan": {"points": 31, "range": "adaptive", "sigmas": 4},
 *  "grid": {"observable": ["optimal", "u"], "strategy": ["uniform", "quantile"],
 *           "bins": [2, 4, 8, 16], "luminosity": [1, 10], "mcstat": [false]}}
 * }</pre>
 *
 * Every problem of the file is reported as an {@link InputException} whose message is one line,
 * {@code STUDY.json: <json path>: <what>} (e.g. {@code grid.bins[1]: must be an integer >= 1, got 0}).
 * Immutable.
 *
 * @param file the study file
 * @param json the file's JSON (the definition the digest is computed from)
 * @param digest SHA-256 of the definition with sorted keys ({@link PyhfDigest}); pieces of one
 *     study carry the same digest
 */
public record StudyDefinition(Path file, JsonNode json, String digest, String name, String description, Source source,
    double truth, Reference reference, Scan scan, Grid grid) {

  /** Class-path resource of the JSON schema that documents the study format. */
  public static final String SCHEMA_RESOURCE = "/io/sumbin/eft/study/study.schema.json";
  /** The per-point optimal observable (available for every source). */
  public static final String OPTIMAL = "optimal";
  /** The quadratic toy's one event variable. */
  public static final String TOY_U = "u";
  /** Largest number of bins or scan points accepted. */
  public static final int MAX_BINS = 10_000;
  public static final int MAX_POINTS = 2001;

  public StudyDefinition {
    json = json.deepCopy();
  }

  /** A copy of the study's JSON. */
  @Override
  public JsonNode json() {
    return json.deepCopy();
  }

  /** Where the events come from. */
  public sealed interface Source permits ToySource, LheSource {
    /** The name of the scanned coefficient. */
    String poi();

    /** Unit of the luminosity values of the grid (ASCII: {@code fb^-1}, {@code 1/sigma0}). */
    String luminosityUnit();
  }

  /** How the quadratic toy's u values are drawn. */
  public enum Sampling {
    /** u_k uniform on [−1, 1], a Poisson number of events with mean {@code events} ({@link QuadraticDensity#sample}). */
    RANDOM,
    /** exactly {@code events} events, u_k = −1 + 2(k + U_k)/n with U_k uniform on [0, 1) (one per stratum; tiny MC noise). */
    STRATIFIED
  }

  /**
   * {@link QuadraticDensity} events: u drawn from the reference (θ = 0) density,
   * each with weight σ₀/n and exact quadratic dependence w(u|θ) = (σ₀/n)(1 + θu + θ²u²).
   *
   * @param events number of Monte-Carlo events n
   * @param seed random seed
   * @param crossSection σ₀: expected events at θ = 0 per unit luminosity
   */
  public record ToySource(int events, long seed, double crossSection, Sampling sampling) implements Source {
    @Override
    public String poi() {
      return "theta";
    }

    @Override
    public String luminosityUnit() {
      return "1/sigma0";
    }
  }

  /**
   * LHE files with MadGraph reweighting weights (quadratic morphing per event), one coefficient
   * scanned, the others fixed at 0. Luminosity in fb⁻¹.
   *
   * @param files the files as written in the study (relative to its directory)
   * @param paths the resolved paths
   */
  public record LheSource(List<String> files, List<Path> paths, String coefficient) implements Source {
    public LheSource {
      files = List.copyOf(files);
      paths = List.copyOf(paths);
    }

    @Override
    public String poi() {
      return coefficient;
    }

    @Override
    public String luminosityUnit() {
      return "fb^-1";
    }
  }

  /** Which weights choose the bin edges (quantile targets, min-mcstat errors, ranges). */
  public enum Reference {
    /** the Standard-Model (θ = 0) weights. */
    SM,
    /** the weights at the truth θ_A. */
    TRUTH;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Scan settings.
   *
   * @param points grid points per scan
   * @param range {lo, hi} for a fixed grid, or null for the adaptive range ({@link AsimovScans#adaptive}
   *     started at θ_A ± sigmas/√I, I the binned Fisher information at the truth)
   */
  public record Scan(int points, double[] range, double sigmas) {
    public Scan {
      range = range == null ? null : range.clone();
    }

    public boolean adaptive() {
      return range == null;
    }

    @Override
    public double[] range() {
      return range == null ? null : range.clone();
    }
  }

  /**
   * An observable: {@link #OPTIMAL} (binned per scan point) or an event column, with an optional
   * range {lo, hi} (NaN: the reference sample's range; events outside fall into the edge bins).
   */
  public record ObservableSpec(String name, double lo, double hi) implements Serializable {
    public boolean perPoint() {
      return name.equals(OPTIMAL);
    }

    public boolean hasRange() {
      return !Double.isNaN(lo);
    }
  }

  /** The binning strategies of the grid. */
  public enum StrategyKind {
    UNIFORM("uniform"), QUANTILE("quantile"), MIN_MCSTAT("min-mcstat");

    private final String jsonName;

    StrategyKind(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    static StrategyKind parse(String s) {
      for (StrategyKind k : values()) {
        if (k.jsonName.equals(s)) {
          return k;
        }
      }
      return null;
    }
  }

  /**
   * A binning strategy. For {@code min-mcstat} the grid's bins give the fine binning
   * ({@code fine}: uniform or quantile), merged until every bin's relative MC error
   * √Σw²/Σw ≤ threshold ({@link BinningStrategy#minimumMcStat}); fewer bins may result.
   *
   * @param threshold ε (NaN for the other kinds)
   * @param fine the fine binning (null for the other kinds)
   */
  public record StrategySpec(StrategyKind kind, double threshold, StrategyKind fine) implements Serializable {
    /** A short label for tables and plots: {@code uniform}, {@code quantile}, {@code min-mcstat 0.05}. */
    public String label() {
      if (kind != StrategyKind.MIN_MCSTAT) {
        return kind.jsonName();
      }
      return "min-mcstat " + Numbers.compact(threshold) + (fine == StrategyKind.QUANTILE ? " (quantile)" : "");
    }

    /** The strategy for a number of bins on an optional range (NaN: the data range). */
    public BinningStrategy strategy(int bins, double lo, double hi) {
      return switch (kind) {
        case UNIFORM -> Double.isNaN(lo) ? BinningStrategy.uniform(bins) : BinningStrategy.uniform(bins, lo, hi);
        case QUANTILE -> BinningStrategy.quantile(bins, lo, hi);
        case MIN_MCSTAT -> BinningStrategy.minimumMcStat(new StrategySpec(fine, Double.NaN, null).strategy(bins, lo, hi), threshold);
      };
    }
  }

  /** The grid: every list non-empty, without duplicates. */
  public record Grid(List<ObservableSpec> observables, List<StrategySpec> strategies, List<Boolean> mcstat,
      List<Double> luminosities, List<Integer> bins) {
    public Grid {
      observables = List.copyOf(observables);
      strategies = List.copyOf(strategies);
      mcstat = List.copyOf(mcstat);
      luminosities = List.copyOf(luminosities);
      bins = List.copyOf(bins);
    }

    /** Number of cells of the Cartesian product. */
    public int size() {
      return observables.size() * strategies.size() * mcstat.size() * luminosities.size() * bins.size();
    }
  }

  /** One cell of the grid. */
  public record Cell(int index, ObservableSpec observable, StrategySpec strategy, boolean mcstat, double luminosity, int bins)
      implements Serializable {}

  /** All cells, in index order (observable slowest, bins fastest). */
  public List<Cell> cells() {
    List<Cell> out = new ArrayList<>(grid.size());
    int i = 0;
    for (ObservableSpec o : grid.observables()) {
      for (StrategySpec s : grid.strategies()) {
        for (boolean m : grid.mcstat()) {
          for (double l : grid.luminosities()) {
            for (int b : grid.bins()) {
              out.add(new Cell(i++, o, s, m, l, b));
            }
          }
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** A problem with the study file at a JSON path. */
  InputException problem(String path, String what) {
    return new InputException(file.toString(), path, what);
  }

  // ------------------------------------------------------------------ parsing

  /**
   * Reads and validates a study file.
   *
   * @throws InputException (one line: file, JSON path, what) for malformed JSON, unknown or
   *     missing fields, wrong types, values out of range and missing event files
   */
  public static StudyDefinition read(Path file) {
    JsonNode root = Json.read(file);
    return parse(root, file);
  }

  /** Validates a parsed study; {@code file} names it in messages and anchors relative paths. */
  public static StudyDefinition parse(JsonNode root, Path file) {
    In r = new In(root, "", file.toString());
    r.object();
    r.only("name", "description", "source", "truth", "binning_reference", "scan", "grid");
    String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
    String name = r.has("name") ? r.get("name").name() : stem;
    String description = r.has("description") ? r.get("description").string() : "";
    Source source = source(r.require("source"), file);
    double truth = r.has("truth") ? r.get("truth").finite() : 0.0;
    Reference ref = Reference.SM;
    if (r.has("binning_reference")) {
      In b = r.get("binning_reference");
      String s = b.string();
      ref = switch (s) {
        case "sm" -> Reference.SM;
        case "truth" -> Reference.TRUTH;
        default -> throw b.fail("must be \"sm\" or \"truth\", got \"" + s + "\"");
      };
    }
    Scan scan = r.has("scan") ? scan(r.get("scan"), truth) : new Scan(31, null, 4);
    Grid grid = grid(r.require("grid"), source);
    String digest = PyhfDigest.sha256(root);
    return new StudyDefinition(file, root, digest, name, description, source, truth, ref, scan, grid);
  }

  private static Source source(In s, Path file) {
    s.object();
    In type = s.require("type");
    String t = type.string();
    switch (t) {
      case "quadratic-toy" -> {
        s.only("type", "events", "seed", "cross_section", "sampling");
        int events = s.has("events") ? s.get("events").integer(10, 10_000_000) : 20_000;
        long seed = s.has("seed") ? s.get("seed").longInteger() : 1L;
        double xs = s.has("cross_section") ? s.get("cross_section").positive() : 1000.0;
        Sampling sampling = Sampling.RANDOM;
        if (s.has("sampling")) {
          In sm = s.get("sampling");
          String v = sm.string();
          sampling = switch (v) {
            case "random" -> Sampling.RANDOM;
            case "stratified" -> Sampling.STRATIFIED;
            default -> throw sm.fail("must be \"random\" or \"stratified\", got \"" + v + "\"");
          };
        }
        return new ToySource(events, seed, xs, sampling);
      }
      case "lhe" -> {
        s.only("type", "files", "coefficient");
        In files = s.require("files");
        files.array();
        if (files.size() == 0) {
          throw files.fail("needs at least one LHE file");
        }
        List<String> names = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (int k = 0; k < files.size(); k++) {
          In f = files.at(k);
          String n = f.string();
          if (n.isEmpty()) {
            throw f.fail("empty file name");
          }
          Path p = dir.resolve(n).normalize();
          if (!Files.isRegularFile(p)) {
            throw f.fail("no such file: " + p);
          }
          if (paths.contains(p)) {
            throw f.fail("file given twice: " + n);
          }
          names.add(n);
          paths.add(p);
        }
        String coefficient = s.require("coefficient").name();
        return new LheSource(names, paths, coefficient);
      }
      default -> throw type.fail("unknown source type \"" + t + "\" (expected \"quadratic-toy\" or \"lhe\")");
    }
  }

  private static Scan scan(In s, double truth) {
    s.object();
    s.only("points", "range", "sigmas");
    int points = s.has("points") ? s.get("points").integer(5, MAX_POINTS) : 31;
    double[] range = null;
    if (s.has("range")) {
      In r = s.get("range");
      if (r.node.isTextual()) {
        if (!r.node.asText().equals("adaptive")) {
          throw r.fail("must be \"adaptive\" or [lo, hi], got \"" + r.node.asText() + "\"");
        }
      } else {
        range = r.pair();
        if (!(range[0] <= truth && truth <= range[1])) {
          throw r.fail("the fixed range [" + range[0] + ", " + range[1] + "] must contain the truth " + truth);
        }
      }
    }
    double sigmas = 4;
    if (s.has("sigmas")) {
      In sg = s.get("sigmas");
      if (range != null) {
        throw sg.fail("only used with \"range\": \"adaptive\"");
      }
      sigmas = sg.positive();
    }
    return new Scan(points, range, sigmas);
  }

  private static Grid grid(In g, Source source) {
    g.object();
    g.only("observable", "strategy", "bins", "luminosity", "mcstat");
    List<ObservableSpec> obs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (In e : g.require("observable").items()) {
      ObservableSpec spec = observable(e, source);
      String key = spec.name() + (spec.hasRange() ? "[" + spec.lo() + "," + spec.hi() + "]" : "");
      if (!seen.add(key)) {
        throw e.fail("duplicate observable " + key);
      }
      obs.add(spec);
    }
    List<StrategySpec> strategies = new ArrayList<>();
    Set<StrategySpec> seenS = new HashSet<>();
    for (In e : g.require("strategy").items()) {
      StrategySpec spec = strategy(e);
      if (!seenS.add(spec)) {
        throw e.fail("duplicate strategy " + spec.label());
      }
      strategies.add(spec);
    }
    List<Integer> bins = new ArrayList<>();
    for (In e : g.require("bins").items()) {
      int v = e.integer(1, MAX_BINS);
      if (bins.contains(v)) {
        throw e.fail("duplicate value " + v);
      }
      bins.add(v);
    }
    List<Double> lumis = new ArrayList<>();
    for (In e : g.require("luminosity").items()) {
      double v = e.positive();
      if (lumis.contains(v)) {
        throw e.fail("duplicate value " + Numbers.compact(v));
      }
      lumis.add(v);
    }
    List<Boolean> mcstat = new ArrayList<>();
    if (g.has("mcstat")) {
      for (In e : g.get("mcstat").items()) {
        if (!e.node.isBoolean()) {
          throw e.fail("must be true or false, got " + e.describe());
        }
        if (mcstat.contains(e.node.asBoolean())) {
          throw e.fail("duplicate value " + e.node.asBoolean());
        }
        mcstat.add(e.node.asBoolean());
      }
    } else {
      mcstat.add(false);
    }
    return new Grid(obs, strategies, mcstat, lumis, bins);
  }

  private static ObservableSpec observable(In e, Source source) {
    String name;
    double lo = Double.NaN;
    double hi = Double.NaN;
    In nameNode = e;
    if (e.node.isObject()) {
      e.only("name", "range");
      nameNode = e.require("name");
      name = nameNode.name();
      if (e.has("range")) {
        In r = e.get("range");
        if (name.equals(OPTIMAL)) {
          throw r.fail("the per-point observable \"optimal\" has a different range at every scan point; a fixed range is not available");
        }
        double[] p = r.pair();
        lo = p[0];
        hi = p[1];
      }
    } else if (e.node.isTextual()) {
      name = e.name();
    } else {
      throw e.fail("must be an observable name or {\"name\": ..., \"range\": [lo, hi]}, got " + e.describe());
    }
    if (source instanceof ToySource && !name.equals(OPTIMAL) && !name.equals(TOY_U)) {
      throw nameNode.fail("the quadratic toy has the observables \"optimal\" and \"u\", got \"" + name + "\"");
    }
    return new ObservableSpec(name, lo, hi);
  }

  private static StrategySpec strategy(In e) {
    if (e.node.isTextual()) {
      StrategyKind k = StrategyKind.parse(e.node.asText());
      if (k == null) {
        throw e.fail("unknown strategy \"" + e.node.asText() + "\" (expected \"uniform\", \"quantile\" or {\"type\": \"min-mcstat\", \"threshold\": ε})");
      }
      if (k == StrategyKind.MIN_MCSTAT) {
        throw e.fail("min-mcstat needs its threshold: {\"type\": \"min-mcstat\", \"threshold\": 0.1}");
      }
      return new StrategySpec(k, Double.NaN, null);
    }
    if (!e.node.isObject()) {
      throw e.fail("must be a strategy name or an object, got " + e.describe());
    }
    In type = e.require("type");
    StrategyKind k = StrategyKind.parse(type.string());
    if (k == null) {
      throw type.fail("unknown strategy \"" + type.node.asText() + "\" (expected \"uniform\", \"quantile\" or \"min-mcstat\")");
    }
    if (k != StrategyKind.MIN_MCSTAT) {
      e.only("type");
      return new StrategySpec(k, Double.NaN, null);
    }
    e.only("type", "threshold", "fine");
    In th = e.require("threshold");
    double t = th.positive();
    if (t >= 1) {
      throw th.fail("must be a relative error in (0, 1), got " + Numbers.compact(t));
    }
    StrategyKind fine = StrategyKind.UNIFORM;
    if (e.has("fine")) {
      In f = e.get("fine");
      fine = StrategyKind.parse(f.string());
      if (fine != StrategyKind.UNIFORM && fine != StrategyKind.QUANTILE) {
        throw f.fail("must be \"uniform\" or \"quantile\", got \"" + f.node.asText() + "\"");
      }
    }
    return new StrategySpec(k, t, fine);
  }

  /** A JSON node with its path, and checks that throw one-line {@link InputException}s. */
  static final class In {
    final JsonNode node;
    final String path;
    final String file;

    In(JsonNode node, String path, String file) {
      this.node = node;
      this.path = path;
      this.file = file;
    }

    InputException fail(String what) {
      return new InputException(file, path.isEmpty() ? "$" : path, what);
    }

    String describe() {
      if (node.isTextual()) {
        return "the string \"" + node.asText() + "\"";
      }
      if (node.isObject()) {
        return "an object";
      }
      if (node.isArray()) {
        return "an array";
      }
      return node.toString();
    }

    void object() {
      if (!node.isObject()) {
        throw fail("must be an object, got " + describe());
      }
    }

    void array() {
      if (!node.isArray()) {
        throw fail("must be an array, got " + describe());
      }
    }

    /** The elements of a non-empty array, or a single value taken as a one-element list. */
    List<In> items() {
      if (!node.isArray()) {
        return List.of(this);
      }
      if (node.size() == 0) {
        throw fail("must not be empty");
      }
      List<In> out = new ArrayList<>();
      for (int k = 0; k < node.size(); k++) {
        out.add(at(k));
      }
      return out;
    }

    void only(String... allowed) {
      Set<String> ok = Set.of(allowed);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!ok.contains(f)) {
          throw new In(node.get(f), child(f), file).fail("unknown field (allowed: " + String.join(", ", allowed) + ")");
        }
      }
    }

    String child(String f) {
      return path.isEmpty() ? f : path + "." + f;
    }

    boolean has(String f) {
      return node.has(f);
    }

    In get(String f) {
      return new In(node.get(f), child(f), file);
    }

    In require(String f) {
      if (!node.has(f) || node.get(f).isNull()) {
        throw new In(node, child(f), file).fail("missing (required)");
      }
      return get(f);
    }

    int size() {
      return node.size();
    }

    In at(int k) {
      return new In(node.get(k), path + "[" + k + "]", file);
    }

    String string() {
      if (!node.isTextual()) {
        throw fail("must be a string, got " + describe());
      }
      return node.asText();
    }

    /** A non-empty name without control characters or commas (it names rows, files and columns). */
    String name() {
      String s = string();
      if (s.isBlank()) {
        throw fail("must not be empty");
      }
      for (char c : s.toCharArray()) {
        if (Character.isISOControl(c) || c == '/' || c == '\\' || c == ',' || c == '"') {
          throw fail("must not contain control characters, slashes, commas or quotes, got \"" + s + "\"");
        }
      }
      return s;
    }

    double number() {
      if (!node.isNumber()) {
        throw fail("must be a number, got " + describe());
      }
      return node.asDouble();
    }

    double finite() {
      double v = number();
      if (!Double.isFinite(v)) {
        throw fail("must be finite, got " + v);
      }
      return v;
    }

    double positive() {
      double v = finite();
      if (!(v > 0)) {
        throw fail("must be > 0, got " + Numbers.compact(v));
      }
      return v;
    }

    int integer(int min, int max) {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw fail("must be an integer in " + min + ".." + max + ", got " + describe());
      }
      int v = node.asInt();
      if (v < min || v > max) {
        throw fail("must be an integer in " + min + ".." + max + ", got " + v);
      }
      return v;
    }

    long longInteger() {
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw fail("must be an integer, got " + describe());
      }
      return node.asLong();
    }

    double[] pair() {
      if (!node.isArray() || node.size() != 2) {
        throw fail("must be [lo, hi], got " + describe());
      }
      double lo = at(0).finite();
      double hi = at(1).finite();
      if (!(lo < hi)) {
        throw fail("must be [lo, hi] with lo < hi, got [" + Numbers.compact(lo) + ", " + Numbers.compact(hi) + "]");
      }
      return new double[] {lo, hi};
    }
  }
}
