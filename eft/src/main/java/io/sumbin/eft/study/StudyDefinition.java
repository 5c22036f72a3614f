package io.sumbin.eft.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.binning.BinningStrategy;
import io.sumbin.histmodel.util.RecordText;
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
import java.util.function.Function;

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
 * The file is validated against the bundled JSON schema ({@link #SCHEMA_RESOURCE}, the one statement of
 * the format and its limits) and then for what a schema cannot express (see {@link #parse}). Every
 * problem is reported as an {@link InputException} whose message is one line,
 * {@code STUDY.json: <json path>: <what>} (e.g. {@code grid.bins[1]: must be an integer in 1..10000, got 0}).
 * Immutable.
 *
 * @param file the study file
 * @param json the file's JSON (the definition the digest is computed from)
 * @param digest SHA-256 of the definition with sorted keys ({@link PyhfDigest}); pieces of one
 *     study carry the same digest
 */
public record StudyDefinition(Path file, JsonNode json, String digest, String name, String description, Source source,
    double truth, Reference reference, Scan scan, Grid grid) {

  /** Class-path resource of the JSON schema that defines and validates the study format. */
  public static final String SCHEMA_RESOURCE = "/io/sumbin/eft/study/study.schema.json";
  /** The per-point optimal observable (available for every source). */
  public static final String OPTIMAL = "optimal";
  /** The quadratic toy's one event variable. */
  public static final String TOY_U = "u";

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
    @Override
    public String toString() {
      return RecordText.of(this);
    }

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

  /**
   * Validates a parsed study; {@code file} names it in messages and anchors relative paths. The JSON is
   * first validated against the bundled schema ({@link StudySchema}); what a schema cannot express is
   * checked here: finite numbers, event files that exist and are given once, no duplicate grid values,
   * the toy's observables, no fixed range for the per-point observable, [lo, hi] with lo &lt; hi, a fixed
   * scan range that contains the truth, {@code sigmas} only with the adaptive range, a 64-bit seed.
   */
  public static StudyDefinition parse(JsonNode root, Path file) {
    In r = new In(root, "", file.toString());
    StudySchema.validate(root, r.file);
    r.requireFinite();
    String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
    String name = root.has("name") ? root.get("name").asText() : stem;
    String description = root.path("description").asText("");
    Source source = source(r.get("source"), file);
    double truth = root.path("truth").asDouble(0.0);
    Reference ref = root.path("binning_reference").asText("sm").equals("truth") ? Reference.TRUTH : Reference.SM;
    Scan scan = root.has("scan") ? scan(r.get("scan"), truth) : new Scan(31, null, 4);
    Grid grid = grid(r.get("grid"), source);
    String digest = PyhfDigest.sha256(root);
    return new StudyDefinition(file, root, digest, name, description, source, truth, ref, scan, grid);
  }

  private static Source source(In s, Path file) {
    JsonNode n = s.node;
    if (n.get("type").asText().equals("quadratic-toy")) {
      long seed = 1L;
      if (n.has("seed")) {
        if (!n.get("seed").canConvertToLong()) {
          throw s.get("seed").fail("must be a 64-bit integer, got " + n.get("seed"));
        }
        seed = n.get("seed").asLong();
      }
      Sampling sampling = n.path("sampling").asText("random").equals("stratified") ? Sampling.STRATIFIED : Sampling.RANDOM;
      return new ToySource(n.path("events").asInt(20_000), seed, n.path("cross_section").asDouble(1000.0), sampling);
    }
    In files = s.get("files");
    List<String> names = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    Path dir = file.toAbsolutePath().getParent();
    for (int k = 0; k < files.node.size(); k++) {
      String f = files.node.get(k).asText();
      Path p = dir.resolve(f).normalize();
      if (!Files.isRegularFile(p)) {
        throw files.at(k).fail("no such file: " + p);
      }
      if (paths.contains(p)) {
        throw files.at(k).fail("file given twice: " + f);
      }
      names.add(f);
      paths.add(p);
    }
    return new LheSource(names, paths, n.get("coefficient").asText());
  }

  private static Scan scan(In s, double truth) {
    int points = s.node.path("points").asInt(31);
    double[] range = null;
    if (s.node.path("range").isArray()) {
      In r = s.get("range");
      range = r.pair();
      if (!(range[0] <= truth && truth <= range[1])) {
        throw r.fail("the fixed range [" + range[0] + ", " + range[1] + "] must contain the truth " + truth);
      }
    }
    double sigmas = 4;
    if (s.node.has("sigmas")) {
      if (range != null) {
        throw s.get("sigmas").fail("only used with \"range\": \"adaptive\"");
      }
      sigmas = s.node.get("sigmas").asDouble();
    }
    return new Scan(points, range, sigmas);
  }

  private static Grid grid(In g, Source source) {
    List<ObservableSpec> obs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (In e : g.get("observable").items()) {
      ObservableSpec spec = observable(e, source);
      String key = spec.name() + (spec.hasRange() ? "[" + spec.lo() + "," + spec.hi() + "]" : "");
      if (!seen.add(key)) {
        throw e.fail("duplicate observable " + key);
      }
      obs.add(spec);
    }
    List<StrategySpec> strategies = new ArrayList<>();
    for (In e : g.get("strategy").items()) {
      StrategySpec spec = strategy(e.node);
      if (strategies.contains(spec)) {
        throw e.fail("duplicate strategy " + spec.label());
      }
      strategies.add(spec);
    }
    List<Integer> bins = distinct(g.get("bins"), JsonNode::asInt, Object::toString);
    List<Double> lumis = distinct(g.get("luminosity"), JsonNode::asDouble, Numbers::compact);
    List<Boolean> mcstat = g.node.has("mcstat") ? distinct(g.get("mcstat"), JsonNode::asBoolean, Object::toString) : List.of(false);
    return new Grid(obs, strategies, mcstat, lumis, bins);
  }

  /** The values of a grid axis, refusing a value given twice. */
  private static <T> List<T> distinct(In axis, Function<JsonNode, T> value, Function<T, String> show) {
    List<T> out = new ArrayList<>();
    for (In e : axis.items()) {
      T v = value.apply(e.node);
      if (out.contains(v)) {
        throw e.fail("duplicate value " + show.apply(v));
      }
      out.add(v);
    }
    return out;
  }

  private static ObservableSpec observable(In e, Source source) {
    In nameNode = e.node.isObject() ? e.get("name") : e;
    String name = nameNode.node.asText();
    double lo = Double.NaN;
    double hi = Double.NaN;
    if (e.node.has("range")) {
      In r = e.get("range");
      if (name.equals(OPTIMAL)) {
        throw r.fail("the per-point observable \"optimal\" has a different range at every scan point; a fixed range is not available");
      }
      double[] p = r.pair();
      lo = p[0];
      hi = p[1];
    }
    if (source instanceof ToySource && !name.equals(OPTIMAL) && !name.equals(TOY_U)) {
      throw nameNode.fail("the quadratic toy has the observables \"optimal\" and \"u\", got \"" + name + "\"");
    }
    return new ObservableSpec(name, lo, hi);
  }

  private static StrategySpec strategy(JsonNode e) {
    StrategyKind k = StrategyKind.parse(e.isTextual() ? e.asText() : e.get("type").asText());
    if (k != StrategyKind.MIN_MCSTAT) {
      return new StrategySpec(k, Double.NaN, null);
    }
    return new StrategySpec(k, e.get("threshold").asDouble(), StrategyKind.parse(e.path("fine").asText("uniform")));
  }

  /** A JSON node with its path, for the one-line {@link InputException}s of the checks beyond the schema. */
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

    In get(String f) {
      return new In(node.get(f), path.isEmpty() ? f : path + "." + f, file);
    }

    In at(int k) {
      return new In(node.get(k), path + "[" + k + "]", file);
    }

    /** The elements of an array, or a single value taken as a one-element list. */
    List<In> items() {
      if (!node.isArray()) {
        return List.of(this);
      }
      List<In> out = new ArrayList<>();
      for (int k = 0; k < node.size(); k++) {
        out.add(at(k));
      }
      return out;
    }

    /** Refuses numbers that overflow a double (JSON has no NaN or infinity, 1e400 parses as one). */
    void requireFinite() {
      if (node.isNumber() && !Double.isFinite(node.asDouble())) {
        throw fail("must be finite, got " + node.asDouble());
      }
      if (node.isArray()) {
        items().forEach(In::requireFinite);
      } else if (node.isObject()) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          get(it.next()).requireFinite();
        }
      }
    }

    /** A schema-checked [lo, hi] with lo &lt; hi. */
    double[] pair() {
      double lo = node.get(0).asDouble();
      double hi = node.get(1).asDouble();
      if (!(lo < hi)) {
        throw fail("must be [lo, hi] with lo < hi, got [" + Numbers.compact(lo) + ", " + Numbers.compact(hi) + "]");
      }
      return new double[] {lo, hi};
    }
  }
}
