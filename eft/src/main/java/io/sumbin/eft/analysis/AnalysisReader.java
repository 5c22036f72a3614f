package io.sumbin.eft.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.eft.analysis.AnalysisSpec.Data;
import io.sumbin.eft.analysis.AnalysisSpec.DataKind;
import io.sumbin.eft.analysis.AnalysisSpec.EftMode;
import io.sumbin.eft.analysis.AnalysisSpec.Observable;
import io.sumbin.eft.analysis.AnalysisSpec.ObservableKind;
import io.sumbin.eft.analysis.AnalysisSpec.Process;
import io.sumbin.eft.analysis.AnalysisSpec.Region;
import io.sumbin.eft.analysis.AnalysisSpec.Scan;
import io.sumbin.eft.analysis.AnalysisSpec.Systematic;
import io.sumbin.eft.analysis.AnalysisSpec.SystematicType;
import io.sumbin.eft.study.StudySchema;
import io.sumbin.pyhf.InputException;
import io.sumbin.pyhf.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an analysis description ({@link AnalysisSpec}) from JSON: the file is validated against the bundled
 * schema {@value #SCHEMA_RESOURCE} (one-line messages {@code FILE: <json path>: <what>}), then what a schema
 * cannot express is checked with the same kind of message ({@link #check}): names refer to declared processes,
 * parameters and regions and are unique, event files exist, ranges have lo &lt; hi, a region's processes have
 * the systematics' weight ids, observed counts have one value per bin.
 */
public final class AnalysisReader {
  /** The bundled JSON schema (draft 7). */
  public static final String SCHEMA_RESOURCE = "/io/sumbin/eft/analysis/analysis.schema.json";

  private AnalysisReader() {}

  /**
   * Reads and validates a file.
   *
   * @throws InputException (one line: file, JSON path, what) for malformed JSON, a schema violation or an
   *     inconsistency
   */
  public static AnalysisSpec read(Path file) {
    return parse(Json.read(file), file);
  }

  /** Validates a parsed description; {@code file} names it and anchors relative paths. */
  public static AnalysisSpec parse(JsonNode root, Path file) {
    String src = file.toString();
    StudySchema.validate(root, src, SCHEMA_RESOURCE);
    requireFinite(root, "", src);
    Path dir = file.toAbsolutePath().getParent();
    AnalysisSpec.Builder b = AnalysisSpec.builder().file(file).luminosityFb(root.get("luminosity_fb").asDouble());
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("parameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.parameter(e.getKey(), e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble());
    }
    JsonNode ps = root.get("processes");
    for (int k = 0; k < ps.size(); k++) {
      JsonNode p = ps.get(k);
      EftMode mode = EftMode.valueOf(p.path("eft").asText("quadratic").toUpperCase(java.util.Locale.ROOT));
      b.process(p.get("name").asText(), mode, p.path("scale").asDouble(1.0),
          files(p.get("events"), dir, src, "processes[" + k + "].events").toArray(Path[]::new));
    }
    JsonNode rs = root.get("regions");
    for (int k = 0; k < rs.size(); k++) {
      JsonNode r = rs.get(k);
      String at = "regions[" + k + "]";
      List<String> procs = new ArrayList<>();
      r.get("processes").forEach(x -> procs.add(x.asText()));
      JsonNode bins = r.path("bins");
      double[] edges = null;
      int n = 10;
      if (bins.isArray()) {
        edges = new double[bins.size()];
        for (int q = 0; q < edges.length; q++) {
          edges[q] = bins.get(q).asDouble();
        }
      } else if (bins.isInt()) {
        n = bins.asInt();
      }
      b.region(new Region(r.get("name").asText(), procs, r.has("selection") ? r.get("selection").asText() : null,
          observable(r.get("observable"), dir, src, at + ".observable"), edges == null ? n : edges.length - 1, edges));
    }
    JsonNode ss = root.path("systematics");
    for (int k = 0; k < ss.size(); k++) {
      JsonNode s = ss.get(k);
      List<String> procs = new ArrayList<>();
      s.path("processes").forEach(x -> procs.add(x.asText()));
      b.systematic(new Systematic(s.get("name").asText(), SystematicType.of(s.get("type").asText()), procs, s.path("hi").asDouble(Double.NaN),
          s.path("lo").asDouble(Double.NaN), s.path("size").asDouble(Double.NaN), text(s, "up"), text(s, "down"), text(s, "column")));
    }
    if (root.has("data")) {
      b.data(data(root.get("data"), dir, src));
    }
    JsonNode sc = root.path("scans");
    for (int k = 0; k < sc.size(); k++) {
      JsonNode s = sc.get(k);
      String at = "scans[" + k + "]";
      List<String> profile = new ArrayList<>();
      s.path("profile").forEach(x -> profile.add(x.asText()));
      if (s.has("parameter") == s.has("parameters")) {
        throw new InputException(src, at, "give either 'parameter' (1-D) or 'parameters' (2-D)");
      }
      if (s.has("parameter")) {
        if (s.path("points").isArray()) {
          throw new InputException(src, at + ".points", "must be an integer for a 1-D scan, got " + s.get("points"));
        }
        b.scan(new Scan(List.of(s.get("parameter").asText()), new int[] {s.path("points").asInt(AnalysisSpec.DEFAULT_POINTS)}, profile));
      } else {
        JsonNode pts = s.path("points");
        int[] n = pts.isArray() ? new int[] {pts.get(0).asInt(), pts.get(1).asInt()}
            : new int[] {pts.asInt(AnalysisSpec.DEFAULT_POINTS), pts.asInt(AnalysisSpec.DEFAULT_POINTS)};
        b.scan(new Scan(List.of(s.get("parameters").get(0).asText(), s.get("parameters").get(1).asText()), n, profile));
      }
    }
    if (root.has("seed")) {
      b.seed(root.get("seed").asLong());
    }
    if (root.has("training")) {
      JsonNode t = root.get("training");
      b.training(new AnalysisSpec.Training(t.path("epochs").asInt(AnalysisSpec.Training.DEFAULT.epochs()),
          t.path("train_fraction").asDouble(AnalysisSpec.Training.DEFAULT.trainFraction())));
    }
    return b.build();
  }

  private static String text(JsonNode n, String f) {
    return n.has(f) ? n.get(f).asText() : null;
  }

  private static Observable observable(JsonNode o, Path dir, String src, String at) {
    int kinds = (o.has("column") ? 1 : 0) + (o.has("truth") ? 1 : 0) + (o.has("learned") || o.has("model") ? 1 : 0);
    if (kinds != 1) {
      throw new InputException(src, at, "give exactly one of 'column', 'truth', 'learned' (or 'model'), got " + Json.compact(o));
    }
    List<String> features = new ArrayList<>();
    o.path("features").forEach(x -> features.add(x.asText()));
    if (o.has("column")) {
      return Observable.column(o.get("column").asText());
    }
    if (o.has("truth")) {
      return Observable.truth();
    }
    Path model = o.has("model") ? dir.resolve(o.get("model").asText()).normalize() : null;
    if (model != null && !Files.isDirectory(model)) {
      throw new InputException(src, at + ".model", "no such model directory: " + model);
    }
    List<Path> train = o.has("train_events") ? files(o.get("train_events"), dir, src, at + ".train_events") : List.of();
    if ("event2vec".equals(o.path("learned").asText())) {
      if (model != null) {
        throw new InputException(src, at + ".model", "an event2vec observable is trained in the run (a saved 'model' is a derivative-learning one)");
      }
      return Observable.event2vec(features, train);
    }
    return new Observable(ObservableKind.LEARNED, null, model, features, train);
  }

  private static Data data(JsonNode d, Path dir, String src) {
    if (d.has("asimov")) {
      if (d.size() != 1) {
        throw new InputException(src, "data", "'asimov' stands alone, got " + Json.compact(d));
      }
      return Data.asimov(point(d.get("asimov")));
    }
    if (d.has("counts")) {
      if (d.size() != 1) {
        throw new InputException(src, "data", "'counts' stands alone, got " + Json.compact(d));
      }
      Map<String, double[]> c = new LinkedHashMap<>();
      d.get("counts").fields().forEachRemaining(e -> {
        double[] v = new double[e.getValue().size()];
        for (int q = 0; q < v.length; q++) {
          v[q] = e.getValue().get(q).asDouble();
        }
        c.put(e.getKey(), v);
      });
      return Data.counts(c);
    }
    if (!d.has("events")) {
      throw new InputException(src, "data.events", "missing (required with 'process' or 'truth')");
    }
    List<Path> files = files(d.get("events"), dir, src, "data.events");
    if (d.has("process") != d.has("truth")) {
      throw new InputException(src, d.has("process") ? "data.truth" : "data.process",
          "missing (pseudo-data need both 'process' and 'truth'; observed events neither)");
    }
    if (d.has("process")) {
      return Data.pseudo(files, d.get("process").asText(), point(d.get("truth")));
    }
    return Data.observedEvents(files);
  }

  private static Map<String, Double> point(JsonNode p) {
    Map<String, Double> m = new LinkedHashMap<>();
    p.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
    return m;
  }

  private static List<Path> files(JsonNode arr, Path dir, String src, String at) {
    List<Path> out = new ArrayList<>();
    for (int k = 0; k < arr.size(); k++) {
      Path p = dir.resolve(arr.get(k).asText()).normalize();
      if (!Files.isRegularFile(p)) {
        throw new InputException(src, at + "[" + k + "]", "no such file: " + p);
      }
      if (out.contains(p)) {
        throw new InputException(src, at + "[" + k + "]", "file given twice: " + p);
      }
      out.add(p);
    }
    return out;
  }

  private static void requireFinite(JsonNode n, String at, String src) {
    if (n.isNumber() && !Double.isFinite(n.asDouble())) {
      throw new InputException(src, at.isEmpty() ? "$" : at, "must be finite, got " + n.asDouble());
    }
    if (n.isArray()) {
      for (int k = 0; k < n.size(); k++) {
        requireFinite(n.get(k), at + "[" + k + "]", src);
      }
    } else if (n.isObject()) {
      n.fields().forEachRemaining(e -> requireFinite(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), src));
    }
  }

  /**
   * The consistency checks of a description (also applied to one built in Java), with JSON paths:
   * unique names, declared references, lo &lt; hi, positive luminosity and scales, systematics' fields.
   *
   * @throws InputException naming the source and the JSON path
   */
  public static void check(AnalysisSpec s) {
    String src = s.source();
    if (!(s.luminosityFb() > 0)) {
      throw new InputException(src, "luminosity_fb", "must be > 0, got " + s.luminosityFb());
    }
    if (s.parameters().isEmpty()) {
      throw new InputException(src, "parameters", "name at least one coefficient");
    }
    for (Map.Entry<String, double[]> e : s.parameters().entrySet()) {
      double[] r = e.getValue();
      if (!(r[0] < r[1])) {
        throw new InputException(src, "parameters." + e.getKey(), "must be [lo, hi] with lo < hi, got [" + r[0] + ", " + r[1] + "]");
      }
    }
    Set<String> procs = new HashSet<>();
    for (int k = 0; k < s.processes().size(); k++) {
      Process p = s.processes().get(k);
      if (!procs.add(p.name())) {
        throw new InputException(src, "processes[" + k + "].name", "process '" + p.name() + "' is declared twice");
      }
      if (!(p.scale() > 0)) {
        throw new InputException(src, "processes[" + k + "].scale", "must be > 0, got " + p.scale());
      }
      if (p.events().isEmpty()) {
        throw new InputException(src, "processes[" + k + "].events", "name at least one event file");
      }
    }
    Set<String> regions = new HashSet<>();
    for (int k = 0; k < s.regions().size(); k++) {
      Region r = s.regions().get(k);
      String at = "regions[" + k + "]";
      if (!regions.add(r.name())) {
        throw new InputException(src, at + ".name", "region '" + r.name() + "' is declared twice");
      }
      Set<String> seen = new HashSet<>();
      for (int q = 0; q < r.processes().size(); q++) {
        String p = r.processes().get(q);
        if (!procs.contains(p)) {
          throw new InputException(src, at + ".processes[" + q + "]", "unknown process '" + p + "' (declared: " + names(s) + ")");
        }
        if (!seen.add(p)) {
          throw new InputException(src, at + ".processes[" + q + "]", "process '" + p + "' is listed twice");
        }
      }
      if (r.edges() != null) {
        for (int q = 1; q < r.edges().length; q++) {
          if (!(r.edges()[q] > r.edges()[q - 1])) {
            throw new InputException(src, at + ".bins[" + q + "]", "edges must increase, got " + r.edges()[q - 1] + " then " + r.edges()[q]);
          }
        }
        if (r.observable().kind() != ObservableKind.COLUMN) {
          throw new InputException(src, at + ".bins", "fixed edges need a column observable; the " + r.observable().label()
              + " observable changes at every scan point (give a number of bins)");
        }
      } else if (r.bins() < 1) {
        throw new InputException(src, at + ".bins", "must be >= 1, got " + r.bins());
      }
      if (r.observable().kind() == ObservableKind.COLUMN && (r.observable().expression() == null || r.observable().expression().isBlank())) {
        throw new InputException(src, at + ".observable.column", "must be a non-empty expression");
      }
    }
    Set<String> sys = new HashSet<>();
    for (int k = 0; k < s.systematics().size(); k++) {
      Systematic y = s.systematics().get(k);
      String at = "systematics[" + k + "]";
      if (!sys.add(y.name())) {
        throw new InputException(src, at + ".name", "systematic '" + y.name() + "' is declared twice");
      }
      if (s.parameters().containsKey(y.name())) {
        throw new InputException(src, at + ".name", "'" + y.name() + "' is also a parameter");
      }
      for (int q = 0; q < y.processes().size(); q++) {
        if (!procs.contains(y.processes().get(q))) {
          throw new InputException(src, at + ".processes[" + q + "]", "unknown process '" + y.processes().get(q) + "' (declared: "
              + names(s) + ")");
        }
      }
      switch (y.type()) {
        case NORMSYS -> {
          if (!(y.hi() > 0 && y.lo() > 0)) {
            throw new InputException(src, at, "normsys needs hi > 0 and lo > 0, got hi " + y.hi() + ", lo " + y.lo());
          }
        }
        case JET_ENERGY_SCALE, JET_ENERGY_RESOLUTION, LEPTON_MOMENTUM_SCALE -> {
          if (!(y.size() > 0 && y.size() < 1)) {
            throw new InputException(src, at + ".size", "must be in (0, 1), got " + y.size());
          }
        }
        case WEIGHTS, FEATURE -> {
          if (y.up() == null || y.down() == null || (y.type() == SystematicType.FEATURE && y.column() == null)) {
            throw new InputException(src, at, y.type().json() + " needs " + (y.type() == SystematicType.FEATURE ? "'column', " : "")
                + "'up' and 'down'");
          }
        }
        case STATERROR -> {
          if (!y.processes().isEmpty()) {
            throw new InputException(src, at + ".processes", "staterror covers every process of a region; give no processes");
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    Data d = s.data();
    for (String c : d.point().keySet()) {
      if (!s.parameters().containsKey(c)) {
        throw new InputException(src, "data." + (d.kind() == DataKind.ASIMOV ? "asimov" : "truth") + "." + c, "unknown parameter '" + c
            + "' (analysed: " + s.parameterNames() + ")");
      }
    }
    if (d.kind() == DataKind.PSEUDO) {
      if (!procs.contains(d.process())) {
        throw new InputException(src, "data.process", "unknown process '" + d.process() + "' (declared: " + names(s) + ")");
      }
      if (s.process(d.process()).eft() == EftMode.NONE && !d.point().isEmpty()) {
        // allowed: the truth does not change a process without EFT dependence
      }
    }
    if (d.kind() == DataKind.COUNTS) {
      for (Region r : s.regions()) {
        double[] c = d.counts().get(r.name());
        if (c == null) {
          throw new InputException(src, "data.counts." + r.name(), "missing (one histogram per region)");
        }
        if (r.edges() == null) {
          throw new InputException(src, "data.counts." + r.name(), "observed counts need fixed bin edges in region '" + r.name() + "'");
        }
        if (c.length != r.edges().length - 1) {
          throw new InputException(src, "data.counts." + r.name(), "has " + c.length + " values, region '" + r.name() + "' has "
              + (r.edges().length - 1) + " bins");
        }
      }
      for (String r : d.counts().keySet()) {
        if (!regions.contains(r)) {
          throw new InputException(src, "data.counts." + r, "unknown region '" + r + "'");
        }
      }
    }
    for (int k = 0; k < s.scans().size(); k++) {
      Scan sc = s.scans().get(k);
      String at = "scans[" + k + "]";
      for (String p : sc.parameters()) {
        if (!s.parameters().containsKey(p)) {
          throw new InputException(src, at + (sc.parameters().size() == 1 ? ".parameter" : ".parameters"), "unknown parameter '" + p
              + "' (analysed: " + s.parameterNames() + ")");
        }
      }
      if (sc.parameters().size() == 2 && sc.parameters().get(0).equals(sc.parameters().get(1))) {
        throw new InputException(src, at + ".parameters", "a 2-D scan needs two different parameters");
      }
      for (int q = 0; q < sc.profile().size(); q++) {
        String p = sc.profile().get(q);
        if (!s.parameters().containsKey(p) || sc.parameters().contains(p)) {
          throw new InputException(src, at + ".profile[" + q + "]", "'" + p + "' must be an analysed parameter that is not scanned");
        }
      }
      for (int n : sc.points()) {
        if (n < 3) {
          throw new InputException(src, at + ".points", "must be >= 3, got " + n);
        }
      }
    }
  }

  private static List<String> names(AnalysisSpec s) {
    return s.processes().stream().map(Process::name).toList();
  }
}
