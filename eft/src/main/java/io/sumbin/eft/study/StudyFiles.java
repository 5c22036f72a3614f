package io.sumbin.eft.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.eft.FisherInformation;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.pyhf.InputException;
import io.sumbin.pyhf.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The files of a study: {@code study.json} (format marker, digest, definition, source summary,
 * versions, rows, run information) and {@code study.csv} (one line per cell), or for shard K of N
 * the pieces {@code study-K-of-N.json} / {@code .csv}; reading pieces back and merging them.
 *
 * <p>Numbers are written with Java's shortest round-trip representation, undefined values
 * (open intervals, failed cells) as JSON {@code null} and empty CSV fields, so a table read back
 * and written again is byte-identical, and a merge of all pieces equals the unsharded run apart
 * from the {@code run} object and the rows' {@code wall_seconds}.
 */
public final class StudyFiles {
  /** Value of the {@code format} field that marks study tables and pieces. */
  public static final String FORMAT = "sumbin-study";
  /** Version of the table layout. */
  public static final int FORMAT_VERSION = 2;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private StudyFiles() {}

  /**
   * The result of an unsharded run without run information (an empty {@code run} object): what a
   * program that runs a study itself writes with {@link #write}.
   *
   * @param ev the study's events
   * @param rows the rows of all cells, in grid order
   * @return the rows with the study's identification and the source summary
   */
  public static StudyResult result(StudyEvents ev, List<StudyRow> rows) {
    return result(ev, Shard.ALL, rows, Json.MAPPER.createObjectNode());
  }

  /** The result of a run: the rows with the study's identification and the source summary. */
  public static StudyResult result(StudyEvents ev, Shard shard, List<StudyRow> rows, ObjectNode run) {
    StudyDefinition d = ev.study();
    return new StudyResult(d.name(), d.digest(), d.json(), sourceSummary(ev), d.grid().size(),
        shard == null || shard.n() == 1 ? null : shard, versions(), rows, run);
  }

  /** Program versions recorded in the tables. */
  public static ObjectNode versions() {
    ObjectNode v = F.objectNode();
    String impl = StudyFiles.class.getPackage().getImplementationVersion();
    v.put("sumbin", impl != null ? impl : "0.1.0-SNAPSHOT");
    v.put("java", System.getProperty("java.specification.version"));
    v.put("table_format", FORMAT_VERSION);
    return v;
  }

  /** What the events are: type, size, cross sections at the SM and the truth, POI, units, information per unit luminosity. */
  public static ObjectNode sourceSummary(StudyEvents ev) {
    StudyDefinition d = ev.study();
    ObjectNode s = F.objectNode();
    if (d.source() instanceof StudyDefinition.ToySource t) {
      s.put("type", "quadratic-toy");
      s.put("sampling", t.sampling().name().toLowerCase(Locale.ROOT));
      s.put("seed", t.seed());
    } else {
      StudyDefinition.LheSource l = (StudyDefinition.LheSource) d.source();
      s.put("type", "lhe");
      ArrayNode f = s.putArray("files");
      l.files().forEach(f::add);
      s.put("weight_unit", "pb");
    }
    s.put("events", ev.size());
    s.put("poi", d.source().poi());
    s.put("truth", d.truth());
    s.put("binning_reference", d.reference().jsonName());
    s.put("luminosity_unit", d.source().luminosityUnit());
    Json.putNumber(s, "cross_section_sm", ev.crossSection(0.0));
    Json.putNumber(s, "cross_section_truth", ev.crossSection(d.truth()));
    Json.putNumber(s, "expected_events_per_unit_luminosity", ev.luminosity(1.0) * ev.crossSection(d.truth()));
    FisherInformation.Estimate fu = ev.unbinnedFisher(d.truth(), 1.0);
    Json.putNumber(s, "fisher_unbinned_per_unit_luminosity", fu.value());
    Json.putNumber(s, "fisher_unbinned_error_per_unit_luminosity", fu.error());
    if (d.source() instanceof StudyDefinition.ToySource) {
      Json.putNumber(s, "fisher_analytic_per_unit_luminosity", ev.analyticFisher(d.truth(), 1.0));
    }
    return s;
  }

  /** The table file names of a result: {@code study} or {@code study-K-of-N}. */
  public static String stem(Shard shard) {
    return shard == null || shard.n() == 1 ? "study" : "study-" + shard.k() + "-of-" + shard.n();
  }

  /**
   * Writes {@code <stem>.json} and {@code <stem>.csv} atomically into {@code dir} (created).
   *
   * @return the files written
   */
  public static List<Path> write(StudyResult r, Path dir) {
    String stem = stem(r.shard());
    Path json = dir.resolve(stem + ".json");
    Path csv = dir.resolve(stem + ".csv");
    try {
      Json.writeAtomically(json, Json.pretty(toJson(r)));
      Json.writeAtomically(csv, toCsv(r));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write into " + dir + ": " + e.getMessage(), e);
    }
    return List.of(json, csv);
  }

  // ------------------------------------------------------------------ JSON

  /** The JSON table. */
  public static ObjectNode toJson(StudyResult r) {
    ObjectNode o = F.objectNode();
    o.put("format", FORMAT);
    o.put("format_version", FORMAT_VERSION);
    o.put("name", r.name());
    o.put("digest", r.digest());
    o.put("cells", r.cells());
    if (r.shard() != null) {
      o.put("shard", r.shard().toString());
    }
    o.set("study", r.study());
    o.set("source", r.source());
    o.set("versions", r.versions());
    ArrayNode rows = o.putArray("rows");
    // per-row CRC-32, verified when the table is read back; the rows' canonical JSON (Python's float
    // formatting) is most of the cost of writing a table, so the rows are built on all cores, added in order
    List<ObjectNode> built = r.rows().parallelStream().map(row -> {
      ObjectNode rn = row(row);
      rn.put("check", rowCheck(rn));
      return rn;
    }).toList();
    rows.addAll(built);
    o.set("run", r.run());
    return o;
  }

  /** CRC-32 (hex) of a row's canonical JSON (sorted keys, Python's formatting) without its check field. */
  static String rowCheck(JsonNode row) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(io.sumbin.pyhf.PyhfDigest.pythonJson(row).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return String.format(Locale.ROOT, "%08x", c.getValue());
  }

  static ObjectNode row(StudyRow r) {
    StudyDefinition.Cell c = r.cell();
    ObjectNode o = F.objectNode();
    o.put("cell", c.index());
    o.put("observable", c.observable().name());
    if (c.observable().hasRange()) {
      o.set("observable_range", Json.numbers(c.observable().lo(), c.observable().hi()));
    } else {
      o.putNull("observable_range");
    }
    o.put("strategy", c.strategy().kind().jsonName());
    Json.putNumber(o, "threshold", c.strategy().threshold());
    if (c.strategy().fine() != null) {
      o.put("fine", c.strategy().fine().jsonName());
    } else {
      o.putNull("fine");
    }
    o.put("mcstat", c.mcstat());
    o.put("luminosity", c.luminosity());
    o.put("bins", c.bins());
    if (r.binsMin() >= 0) {
      ArrayNode b = o.putArray("bins_used");
      b.add(r.binsMin());
      b.add(r.binsMax());
    } else {
      o.putNull("bins_used");
    }
    Json.putNumber(o, "expected_events", r.expectedEvents());
    o.set("interval_68", Json.numbers(r.interval68()[0], r.interval68()[1]));
    Json.putNumber(o, "width_68", r.width68());
    o.set("interval_95", Json.numbers(r.interval95()[0], r.interval95()[1]));
    Json.putNumber(o, "width_95", r.width95());
    Json.putNumber(o, "fisher_binned", r.fisherBinned());
    Json.putNumber(o, "fisher_binned_error", r.fisherBinnedError());
    Json.putNumber(o, "width_68_fisher", r.width68Fisher());
    Json.putNumber(o, "fisher_unbinned", r.fisherUnbinned());
    Json.putNumber(o, "fisher_unbinned_error", r.fisherUnbinnedError());
    Json.putNumber(o, "width_68_unbinned", r.width68Unbinned());
    Json.putNumber(o, "fisher_analytic", r.fisherAnalytic());
    Json.putNumber(o, "width_68_analytic", r.width68Analytic());
    o.set("scan_range", Json.numbers(r.scanRange()[0], r.scanRange()[1]));
    o.put("scan_points", r.scanPoints());
    o.put("scan_passes", r.scanPasses());
    o.put("converged", r.converged());
    o.put("disjoint_68", r.disjoint68());
    o.put("disjoint_95", r.disjoint95());
    o.put("message", r.message());
    Json.putNumber(o, "wall_seconds", r.wallSeconds());
    return o;
  }

  /**
   * The {@code run} object of a study table: when and how the cells ran.
   *
   * @param engine where the cells ran ("threads", or the Spark master)
   */
  public static ObjectNode run(java.time.Instant started, int threads, String engine, double loadSeconds, double wallSeconds,
      int cellsRun) {
    ObjectNode run = F.objectNode();
    run.put("started", started.toString());
    run.put("threads", threads);
    run.put("engine", engine);
    run.put("load_seconds", loadSeconds);
    run.put("wall_seconds", wallSeconds);
    run.put("cells_run", cellsRun);
    Json.putNumber(run, "cells_per_second", cellsRun / wallSeconds);
    return run;
  }

  /**
   * The summary of a study run or merge ({@code study --json}, {@code merge --json}): where the outputs
   * are, how many cells ran and failed, and per luminosity the cell with the narrowest 68 % interval.
   *
   * @param merged the number of pieces merged (0 for a run)
   */
  public static ObjectNode summary(StudyResult r, Path dir, List<Path> files, double wall, int merged) {
    ObjectNode o = F.objectNode();
    o.put("name", r.name());
    o.put("digest", r.digest());
    o.put("out", dir.toString());
    ArrayNode f = o.putArray("files");
    files.forEach(p -> f.add(p.toString()));
    o.put("cells", r.cells());
    o.put("cells_run", r.rows().size());
    if (r.shard() != null) {
      o.put("shard", r.shard().toString());
    } else {
      o.putNull("shard");
    }
    o.put("converged", r.converged());
    ArrayNode failed = o.putArray("failed_cells");
    r.rows().stream().filter(x -> !x.converged()).forEach(x -> failed.add(x.cell().index()));
    o.put("wall_seconds", wall);
    if (merged > 0) {
      o.put("pieces", merged);
    } else {
      Json.putNumber(o, "cells_per_second", r.rows().size() / wall);
    }
    o.put("poi", r.poi());
    ArrayNode best = o.putArray("best");
    for (StudyRow row : narrowest(r).values()) {
      ObjectNode b = best.addObject();
      b.put("luminosity", row.cell().luminosity());
      b.put("cell", row.cell().index());
      b.put("observable", row.cell().observable().name());
      b.put("strategy", row.cell().strategy().label());
      b.put("mcstat", row.cell().mcstat());
      b.put("bins", row.cell().bins());
      Json.putNumber(b, "width_68", row.width68());
      Json.putNumber(b, "width_68_bound", row.width68Bound());
    }
    return o;
  }

  /** Per luminosity the cell with the narrowest closed 68% interval. */
  public static Map<Double, StudyRow> narrowest(StudyResult r) {
    Map<Double, StudyRow> best = new LinkedHashMap<>();
    r.rows().stream().map(x -> x.cell().luminosity()).distinct().sorted().forEach(l -> {
      r.rows().stream().filter(x -> x.cell().luminosity() == l && Double.isFinite(x.width68()))
          .min((a, b) -> Double.compare(a.width68(), b.width68())).ifPresent(x -> best.put(l, x));
    });
    return best;
  }

  /** Whether a file is a study table or piece (a JSON object with {@code "format": "sumbin-study"}). */
  public static boolean isStudyTable(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      JsonNode n = Json.read(file);
      return n.isObject() && FORMAT.equals(n.path("format").asText(null));
    } catch (InputException e) {
      return false;
    }
  }

  /**
   * Reads a table or piece written by {@link #write}.
   *
   * @throws InputException naming the file and the JSON path of what is missing or malformed
   */
  public static StudyResult read(Path file) {
    JsonNode root = Json.read(file);
    return fromJson(root, file.toString());
  }

  static StudyResult fromJson(JsonNode root, String file) {
    Reader r = new Reader(file);
    if (!root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new InputException(file, "format", "not a sumbin study table (expected \"format\": \"" + FORMAT + "\")");
    }
    int version = r.integer(root, "format_version");
    if (version != FORMAT_VERSION) {
      throw new InputException(file, "format_version", "table format " + version + " is not supported (this sumbin writes "
          + FORMAT_VERSION + ")");
    }
    Shard shard = null;
    if (root.has("shard")) {
      try {
        shard = Shard.parse(r.text(root, "shard"));
      } catch (IllegalArgumentException e) {
        throw new InputException(file, "shard", e.getMessage());
      }
    }
    JsonNode rowsNode = r.field(root, "rows");
    if (!rowsNode.isArray()) {
      throw new InputException(file, "rows", "must be an array");
    }
    // integrity: the definition must be the one its digest names, and every row must pass its check
    JsonNode study = r.field(root, "study");
    String digest = r.text(root, "digest");
    if (!io.sumbin.pyhf.PyhfDigest.sha256(study).equals(digest)) {
      throw new InputException(file, "study", "the study definition does not match the table's digest " + digest
          + " (the file was edited or corrupted)");
    }
    List<StudyRow> rows = new ArrayList<>();
    for (int i = 0; i < rowsNode.size(); i++) {
      JsonNode rn = rowsNode.get(i);
      if (rn.isObject() && rn.has("check")) {
        ObjectNode copy = rn.deepCopy();
        copy.remove("check");
        if (!rowCheck(copy).equals(rn.get("check").asText())) {
          throw new InputException(file, "rows[" + i + "].check", "the row fails its check (corrupted or edited)");
        }
      }
      rows.add(readRow(rn, "rows[" + i + "]", r));
    }
    return new StudyResult(r.text(root, "name"), r.text(root, "digest"), r.field(root, "study"), r.object(root, "source"),
        r.integer(root, "cells"), shard, r.object(root, "versions"), rows,
        root.has("run") && root.get("run").isObject() ? (ObjectNode) root.get("run") : F.objectNode());
  }

  private static StudyRow readRow(JsonNode o, String path, Reader r) {
    r.path = path;
    int cell = r.integer(o, "cell");
    String obs = r.text(o, "observable");
    double[] range = r.pairOrNull(o, "observable_range");
    StudyDefinition.StrategyKind kind = StudyDefinition.StrategyKind.parse(r.text(o, "strategy"));
    if (kind == null) {
      throw new InputException(r.file, path + ".strategy", "unknown strategy \"" + o.path("strategy").asText() + "\"");
    }
    double threshold = r.number(o, "threshold");
    StudyDefinition.StrategyKind fine = o.path("fine").isNull() ? null : StudyDefinition.StrategyKind.parse(r.text(o, "fine"));
    StudyDefinition.Cell c = new StudyDefinition.Cell(cell,
        new StudyDefinition.ObservableSpec(obs, range == null ? Double.NaN : range[0], range == null ? Double.NaN : range[1]),
        new StudyDefinition.StrategySpec(kind, threshold, fine), r.bool(o, "mcstat"), r.number(o, "luminosity"),
        r.integer(o, "bins"));
    double[] used = r.pairOrNull(o, "bins_used");
    // the fields are read in this order, so that the first bad one is the one reported
    return StudyRow.builder(c).bins(used == null ? -1 : (int) used[0], used == null ? -1 : (int) used[1])
        .expectedEvents(r.number(o, "expected_events"))
        .intervals(r.pair(o, "interval_68"), r.pair(o, "interval_95"))
        .fisherBinned(r.number(o, "fisher_binned"), r.number(o, "fisher_binned_error"))
        .fisherUnbinned(r.number(o, "fisher_unbinned"), r.number(o, "fisher_unbinned_error"))
        .fisherAnalytic(r.number(o, "fisher_analytic"))
        .scan(r.pair(o, "scan_range"), r.integer(o, "scan_points"), r.integer(o, "scan_passes"))
        .converged(r.bool(o, "converged")).disjoint(r.bool(o, "disjoint_68"), r.bool(o, "disjoint_95"))
        .message(r.text(o, "message")).wallSeconds(r.number(o, "wall_seconds")).build();
  }

  /** Field access with one-line errors naming file and JSON path. */
  private static final class Reader {
    final String file;
    String path = "";

    Reader(String file) {
      this.file = file;
    }

    String at(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    JsonNode field(JsonNode o, String key) {
      if (!o.has(key)) {
        throw new InputException(file, at(key), "missing");
      }
      return o.get(key);
    }

    String text(JsonNode o, String key) {
      JsonNode n = field(o, key);
      if (!n.isTextual()) {
        throw new InputException(file, at(key), "must be a string");
      }
      return n.asText();
    }

    int integer(JsonNode o, String key) {
      JsonNode n = field(o, key);
      if (!n.canConvertToInt() || !n.isIntegralNumber()) {
        throw new InputException(file, at(key), "must be an integer");
      }
      return n.asInt();
    }

    double number(JsonNode o, String key) {
      JsonNode n = field(o, key);
      if (n.isNull()) {
        return Double.NaN;
      }
      if (!n.isNumber()) {
        throw new InputException(file, at(key), "must be a number or null");
      }
      return n.asDouble();
    }

    boolean bool(JsonNode o, String key) {
      JsonNode n = field(o, key);
      if (!n.isBoolean()) {
        throw new InputException(file, at(key), "must be true or false");
      }
      return n.asBoolean();
    }

    ObjectNode object(JsonNode o, String key) {
      JsonNode n = field(o, key);
      if (!n.isObject()) {
        throw new InputException(file, at(key), "must be an object");
      }
      return (ObjectNode) n;
    }

    double[] pair(JsonNode o, String key) {
      JsonNode n = field(o, key);
      if (!n.isArray() || n.size() != 2) {
        throw new InputException(file, at(key), "must be [lo, hi]");
      }
      double[] v = new double[2];
      for (int i = 0; i < 2; i++) {
        JsonNode e = n.get(i);
        if (e.isNull()) {
          v[i] = Double.NaN;
        } else if (e.isNumber()) {
          v[i] = e.asDouble();
        } else {
          throw new InputException(file, at(key) + "[" + i + "]", "must be a number or null");
        }
      }
      return v;
    }

    double[] pairOrNull(JsonNode o, String key) {
      return field(o, key).isNull() ? null : pair(o, key);
    }
  }

  // ------------------------------------------------------------------ CSV

  /** The CSV columns. */
  public static final List<String> CSV_COLUMNS = List.of("cell", "observable", "range_lo", "range_hi", "strategy", "threshold",
      "fine", "mcstat", "luminosity", "bins", "bins_min", "bins_max", "expected_events", "lo_68", "hi_68", "width_68", "lo_95",
      "hi_95", "width_95", "fisher_binned", "fisher_binned_error", "width_68_fisher", "fisher_unbinned", "fisher_unbinned_error",
      "width_68_unbinned", "fisher_analytic",
      "width_68_analytic", "scan_lo", "scan_hi", "scan_points", "scan_passes", "converged", "disjoint_68", "disjoint_95",
      "message", "wall_seconds");

  /** One header line and one line per row (RFC 4180 quoting; empty fields for undefined numbers). */
  public static String toCsv(StudyResult r) {
    StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
    for (StudyRow row : r.rows()) {
      StudyDefinition.Cell c = row.cell();
      List<String> f = new ArrayList<>();
      f.add(Integer.toString(c.index()));
      f.add(quote(c.observable().name()));
      f.add(d(c.observable().lo()));
      f.add(d(c.observable().hi()));
      f.add(c.strategy().kind().jsonName());
      f.add(d(c.strategy().threshold()));
      f.add(c.strategy().fine() == null ? "" : c.strategy().fine().jsonName());
      f.add(Boolean.toString(c.mcstat()));
      f.add(d(c.luminosity()));
      f.add(Integer.toString(c.bins()));
      f.add(row.binsMin() < 0 ? "" : Integer.toString(row.binsMin()));
      f.add(row.binsMax() < 0 ? "" : Integer.toString(row.binsMax()));
      f.add(d(row.expectedEvents()));
      f.add(d(row.interval68()[0]));
      f.add(d(row.interval68()[1]));
      f.add(d(row.width68()));
      f.add(d(row.interval95()[0]));
      f.add(d(row.interval95()[1]));
      f.add(d(row.width95()));
      f.add(d(row.fisherBinned()));
      f.add(d(row.fisherBinnedError()));
      f.add(d(row.width68Fisher()));
      f.add(d(row.fisherUnbinned()));
      f.add(d(row.fisherUnbinnedError()));
      f.add(d(row.width68Unbinned()));
      f.add(d(row.fisherAnalytic()));
      f.add(d(row.width68Analytic()));
      f.add(d(row.scanRange()[0]));
      f.add(d(row.scanRange()[1]));
      f.add(Integer.toString(row.scanPoints()));
      f.add(Integer.toString(row.scanPasses()));
      f.add(Boolean.toString(row.converged()));
      f.add(Boolean.toString(row.disjoint68()));
      f.add(Boolean.toString(row.disjoint95()));
      f.add(quote(row.message()));
      f.add(d(row.wallSeconds()));
      sb.append(String.join(",", f)).append('\n');
    }
    return sb.toString();
  }

  private static String d(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }

  // ------------------------------------------------------------------ merge

  /**
   * Joins the pieces of one sharded study into the complete table. The pieces must carry the same
   * study digest and shard count N, and together hold every shard 1/N … N/N exactly once (a complete
   * table counts as the single shard 1/1).
   *
   * @throws InputException one line naming the offending file: not a study table, a piece of
   *     another study, a shard missing or given twice, rows that do not belong to the shard
   */
  public static StudyResult merge(List<Path> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no pieces to merge");
    }
    TreeMap<Integer, Path> byShard = new TreeMap<>();
    StudyResult first = null;
    Path firstFile = null;
    int n = -1;
    List<StudyRow> rows = new ArrayList<>();
    ArrayNode from = F.arrayNode();
    double cellSeconds = 0;
    for (Path f : files) {
      StudyResult p = read(f);
      Shard s = p.shard() == null ? Shard.ALL : p.shard();
      if (first == null) {
        first = p;
        firstFile = f;
        n = s.n();
      } else {
        if (!p.digest().equals(first.digest())) {
          throw new InputException(f.toString(), "digest", "is a piece of study '" + p.name() + "' (definition digest "
              + p.digest().substring(0, 12) + "...), " + firstFile + " of study '" + first.name() + "' (" + first.digest().substring(0, 12)
              + "...): pieces of different studies cannot be merged");
        }
        if (s.n() != n) {
          throw new InputException(f.toString(), "shard", "is shard " + s + " but " + firstFile + " is from a run split into " + n
              + " shards");
        }
      }
      Path dup = byShard.put(s.k(), f);
      if (dup != null) {
        throw new InputException(f.toString(), "shard", "shard " + s + " is also given as " + dup);
      }
      int expected = s.count(p.cells());
      if (p.rows().size() != expected) {
        throw new InputException(f.toString(), "rows", "shard " + s + " of " + p.cells() + " cells must hold " + expected
            + " rows, holds " + p.rows().size());
      }
      for (int i = 0; i < p.rows().size(); i++) {
        StudyRow row = p.rows().get(i);
        if (!s.contains(row.cell().index()) || row.cell().index() >= p.cells()) {
          throw new InputException(f.toString(), "rows[" + i + "].cell", "cell " + row.cell().index() + " does not belong to shard " + s);
        }
        cellSeconds += Double.isNaN(row.wallSeconds()) ? 0 : row.wallSeconds();
      }
      rows.addAll(p.rows());
      from.add(f.toString());
    }
    List<Integer> missing = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      if (!byShard.containsKey(k)) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      final int total = n;
      throw new InputException(firstFile.toString(), "shard", "the pieces hold " + byShard.size() + " of " + n
          + " shards; missing " + String.join(", ", missing.stream().map(k -> k + "/" + total).toList()));
    }
    rows.sort(Comparator.comparingInt(r -> r.cell().index()));
    ObjectNode run = F.objectNode();
    run.set("merged_from", from);
    run.put("cell_seconds", cellSeconds);
    return new StudyResult(first.name(), first.digest(), first.study(), first.source(), first.cells(), null, first.versions(),
        rows, run);
  }
}
