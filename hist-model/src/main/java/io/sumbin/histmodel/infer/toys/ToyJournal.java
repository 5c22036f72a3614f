package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.BadInputException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sumbin.histmodel.infer.TestStatistic;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Toy files: one JSON object per line (JSON Lines), one line per pseudo-experiment, written as
 * soon as the toy is done, so that an interrupted run loses at most the line being written and
 * resumes by skipping the toys already present. Field names (a contract):
 *
 * <pre>
 * {"hypothesis":"sb","index":17,"seed":1,"test_stat":"qtilde","poi_value":1.0,"gen_poi_value":1.0,
 *  "t":0.4831,"mu_hat":0.62,"converged":true,"twice_nll_free":10.2,"twice_nll_cond":10.7}
 * </pre>
 *
 * {@code hypothesis} is {@code sb}, {@code b} or {@code obs} (the observed data, index 0) for
 * hypothesis tests; non-finite numbers are written as {@code null} ({@code twice_nll_cond} is null
 * when the statistic is 0 by definition and the conditional fit was skipped). Lines may come in any order
 * (threads finish out of order); readers key toys by (hypothesis, poi_value, index).
 *
 * <p>Integrity: a journal opened with an {@link Identity} ends every line with
 * {@code "model":"<pyhf sha256 digest of the workspace>","settings":"<digest of the fit settings>"}
 * and every line with {@code "check":"<CRC-32 of the line up to that field>"}. Resuming or merging
 * refuses lines of another model or settings, a line whose check fails, and — when merging — a
 * line cut short; when resuming, a line cut short is dropped and its toy re-run.
 *
 * <p>Lines are written and read with Jackson's streaming API (one generator or parser per line).
 */
public final class ToyJournal implements Closeable, ToyRunner.Sink {
  /** Thread-safe; creates the per-line generators and parsers. */
  private static final JsonFactory JSON = new JsonFactory();
  private final Path file;
  private final Writer out;
  private final Identity identity;

  private ToyJournal(Path file, Writer out, Identity identity) {
    this.file = file;
    this.out = out;
    this.identity = identity;
  }

  /**
   * What a journal's toys were made from: the model's digest (pyhf's workspace digest of the
   * patched workspace) and a digest of the settings that change toy results (measurement, fixed
   * parameters, fit strategy). Seed, statistic and POI value are on every line already.
   */
  public record Identity(String model, String settings) {
    public Identity {
      if (model == null || settings == null) {
        throw new IllegalArgumentException("an identity needs a model digest and a settings digest");
      }
    }

    /** Short form for messages. */
    public String brief() {
      return "model " + abbreviate(model) + ", settings " + abbreviate(settings);
    }

    private static String abbreviate(String h) {
      return h.length() > 12 ? h.substring(0, 12) + "..." : h;
    }
  }

  /**
   * A journal as read back: its toys, the identity its lines carry (null for a journal written
   * without one) and whether a last line cut short was dropped (resumable reading only).
   */
  public record Contents(List<ToyResult> toys, Identity identity, boolean truncated) {}

  /** The file written to. */
  public Path file() {
    return file;
  }

  // ------------------------------------------------------------------ writing

  /**
   * Opens {@code file} for appending, creating it if needed. A last line cut short by an
   * interruption (no newline, not parseable) is removed first.
   */
  public static ToyJournal append(Path file) {
    return append(file, null);
  }

  /**
   * Opens {@code file} for appending lines that carry {@code identity} (null: none) and a check.
   * A last line cut short by an interruption (no newline, not parseable) is removed first.
   */
  public static ToyJournal append(Path file, Identity identity) {
    try {
      Path abs = file.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      boolean needNewline = false;
      if (Files.exists(file)) {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] != '\n') {
          int lastNl = end - 1;
          while (lastNl >= 0 && bytes[lastNl] != '\n') {
            lastNl--;
          }
          String tail = new String(bytes, lastNl + 1, end - lastNl - 1, StandardCharsets.UTF_8);
          if (tryParse(tail) != null) {
            needNewline = true;
          } else {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
              ch.truncate(lastNl + 1);
            }
          }
        }
      }
      Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE));
      if (needNewline) {
        w.write('\n');
      }
      return new ToyJournal(file, w, identity);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + " for appending: " + e.getMessage(), e);
    }
  }

  /** Appends one line and flushes it to the file. */
  @Override
  public synchronized void accept(ToyResult r) {
    try {
      out.write(line(r, identity));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a complete toy file atomically (temporary file, then rename). */
  public static void write(Path file, Collection<ToyResult> results) {
    write(file, results, null);
  }

  /** Writes a complete toy file atomically, every line with {@code identity} (null: none) and a check. */
  public static void write(Path file, Collection<ToyResult> results, Identity identity) {
    try {
      Path abs = file.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = io.sumbin.histmodel.util.AtomicFiles.tempBeside(abs);
      try {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          for (ToyResult r : results) {
            w.write(line(r, identity));
            w.write('\n');
          }
        }
        io.sumbin.histmodel.util.AtomicFiles.replace(tmp, abs);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** One toy as a JSON object on one line (no newline). */
  public static String line(ToyResult r) {
    return line(r, null, false);
  }

  /** One toy line with the identity fields (when given) and the CRC-32 check. */
  public static String line(ToyResult r, Identity id) {
    return line(r, id, true);
  }

  /**
   * The fields in their contract order; with {@code check}, the CRC-32 of the text written up to
   * the check field (so a reader verifies the line as it stands in the file).
   */
  private static String line(ToyResult r, Identity id, boolean check) {
    StringWriter w = new StringWriter(check ? 300 : 200);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("hypothesis", r.hypothesis());
      g.writeNumberField("index", r.index());
      g.writeNumberField("seed", r.seed());
      g.writeStringField("test_stat", r.testStatistic().pyhfName());
      num(g, "poi_value", r.poiValue());
      num(g, "gen_poi_value", r.genPoiValue());
      num(g, "t", r.t());
      num(g, "mu_hat", r.muHat());
      g.writeBooleanField("converged", r.converged());
      num(g, "twice_nll_free", r.twiceNllFree());
      num(g, "twice_nll_cond", r.twiceNllConditional());
      if (id != null) {
        g.writeStringField("model", id.model());
        g.writeStringField("settings", id.settings());
      }
      if (check) {
        g.flush();
        g.writeStringField("check", crc(w.toString()));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a toy line", e); // a StringWriter does not fail
    }
    return w.toString();
  }

  static String crc(String body) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(body.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", c.getValue());
  }

  /** Non-finite numbers are written as null. */
  private static void num(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);
    }
  }

  // ------------------------------------------------------------------ merging

  /**
   * Joins toy lines from several files (shards, resumed runs): identical duplicates are dropped;
   * the result is sorted by hypothesis ({@code obs}, {@code sb}, {@code b}, then others by name),
   * POI value and index, so merging is order-independent.
   *
   * @throws BadInputException when lines come from runs with different seeds or test
   *     statistics, or when one toy appears twice with different results
   */
  public static List<ToyResult> merge(Collection<ToyResult> lines) {
    return merge(lines, null);
  }

  /**
   * {@link #merge(Collection)} with {@code source} (e.g. the files merged) at the start of every
   * error message; null: none.
   */
  public static List<ToyResult> merge(Collection<ToyResult> lines, String source) {
    String where = source == null ? "" : source + ": ";
    Map<ToyResult.Key, ToyResult> byKey = new HashMap<>();
    ToyResult first = null;
    for (ToyResult r : lines) {
      if (first == null) {
        first = r;
      } else if (r.seed() != first.seed()) {
        throw new BadInputException(where + "toys from runs with different seeds (" + first.seed() + " and " + r.seed()
            + ") cannot be merged: their indices would overlap");
      } else if (r.testStatistic() != first.testStatistic()) {
        throw new BadInputException(where + "toys of different test statistics (" + first.testStatistic().pyhfName() + " and "
            + r.testStatistic().pyhfName() + ") cannot be merged");
      }
      ToyResult old = byKey.putIfAbsent(r.key(), r);
      if (old != null && !line(old).equals(line(r))) {
        throw new BadInputException(where + "toy " + r.hypothesis() + " #" + r.index() + " at poi_value " + r.poiValue()
            + " appears twice with different results (t = " + old.t() + " and " + r.t()
            + "): the files come from different workspaces or settings");
      }
    }
    List<ToyResult> out = new ArrayList<>(byKey.values());
    out.sort((a, b) -> {
      int c = Integer.compare(rank(a.hypothesis()), rank(b.hypothesis()));
      if (c == 0) {
        c = a.hypothesis().compareTo(b.hypothesis());
      }
      if (c == 0) {
        c = Double.compare(a.poiValue(), b.poiValue());
      }
      return c != 0 ? c : Integer.compare(a.index(), b.index());
    });
    return out;
  }

  private static int rank(String h) {
    return switch (h) {
      case "obs" -> 0;
      case "sb" -> 1;
      case "b" -> 2;
      default -> 3;
    };
  }

  // ------------------------------------------------------------------ reading

  /**
   * Reads a toy file. A last line without newline that does not parse (a write cut short) is
   * ignored; any other malformed line throws {@link IllegalArgumentException} naming file and line.
   * A missing file reads as empty.
   */
  public static List<ToyResult> read(Path file) {
    return read(file, true).toys();
  }

  /**
   * Reads a toy file checking its integrity: every line's check (where present), one identity for
   * all lines, and a last line cut short — dropped (and flagged) when {@code resumable}, otherwise
   * an error (a merge must not silently lose toys). Errors are {@link BadInputException}s
   * naming file and line. A missing file reads as empty.
   */
  public static Contents read(Path file, boolean resumable) {
    if (!Files.exists(file)) {
      return new Contents(new ArrayList<>(), null, false);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<ToyResult> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    Identity identity = null;
    boolean first = true;
    boolean truncated = false;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) {
        continue;
      }
      boolean lastUnterminated = i == lines.length - 1;
      Map<String, Object> o;
      try {
        o = fields(l);
        out.add(fromFields(o));
      } catch (IllegalArgumentException e) {
        if (lastUnterminated) {
          if (resumable) {
            truncated = true; // interrupted while writing this line: its toy is re-run
            continue;
          }
          throw new BadInputException(file + ":" + (i + 1) + ": the last line is cut short (an interrupted run or a"
              + " truncated copy); resume it with 'sumbin toys --out " + file + "' before merging", e);
        }
        throw new BadInputException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
      Object check = o.get("check");
      if (check != null) {
        int k = l.lastIndexOf(",\"check\":");
        if (k < 0 || !(check instanceof String c) || !crc(l.substring(0, k)).equals(c)) {
          throw new BadInputException(file + ":" + (i + 1) + ": the line fails its check (corrupted or edited)");
        }
      }
      Identity id = o.get("model") instanceof String m && o.get("settings") instanceof String st ? new Identity(m, st) : null;
      if (first) {
        identity = id;
        first = false;
      } else if (!java.util.Objects.equals(identity, id)) {
        throw new BadInputException(file + ":" + (i + 1) + ": toys of " + describe(id) + " after toys of "
            + describe(identity) + " in one file");
      }
    }
    return new Contents(out, identity, truncated);
  }

  /** "model abc..., settings def..." or "no recorded model". */
  public static String describe(Identity id) {
    return id == null ? "no recorded model (an older journal)" : id.brief();
  }

  private static ToyResult tryParse(String line) {
    try {
      return line.isBlank() ? null : parse(line.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Parses one line (a flat JSON object with the fields above; unknown fields are ignored). */
  public static ToyResult parse(String line) {
    return fromFields(fields(line));
  }

  private static ToyResult fromFields(Map<String, Object> o) {
    TestStatistic ts;
    try {
      ts = TestStatistic.parse(str(o, "test_stat"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field 'test_stat': " + e.getMessage(), e);
    }
    double index = dbl(o, "index", false);
    if (index != Math.rint(index) || index < 0 || index > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("field 'index' must be a non-negative integer, got " + index);
    }
    Object seed = o.get("seed");
    if (!(seed instanceof Long) && !(seed instanceof Double d && d == Math.rint(d))) {
      throw new IllegalArgumentException("field 'seed' must be an integer, got " + seed);
    }
    Object conv = o.get("converged");
    if (!(conv instanceof Boolean)) {
      throw new IllegalArgumentException("field 'converged' must be true or false, got " + conv);
    }
    return new ToyResult(str(o, "hypothesis"), (int) index, ((Number) seed).longValue(), ts, dbl(o, "poi_value", false),
        dbl(o, "gen_poi_value", true), dbl(o, "t", true), dbl(o, "mu_hat", true), (Boolean) conv,
        dbl(o, "twice_nll_free", true), dbl(o, "twice_nll_cond", true));
  }

  private static String str(Map<String, Object> o, String k) {
    Object v = o.get(k);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("field '" + k + "' must be a string, got " + (v == null ? "nothing" : v));
    }
    return s;
  }

  private static double dbl(Map<String, Object> o, String k, boolean nullable) {
    if (!o.containsKey(k)) {
      throw new IllegalArgumentException("field '" + k + "' is missing");
    }
    Object v = o.get(k);
    if (v == null && nullable) {
      return Double.NaN;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("field '" + k + "' must be a number, got " + v);
    }
    return n.doubleValue();
  }

  /**
   * The fields of one line: a flat JSON object of string, number, boolean and null values (integers
   * as Long, other numbers as Double). Anything else is an {@link IllegalArgumentException}
   * "not a toy line: ... at column N".
   */
  private static Map<String, Object> fields(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notAToyLine("expected '{'", p);
      }
      Map<String, Object> m = new HashMap<>();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        m.put(k, switch (p.nextToken()) {
          case VALUE_STRING -> p.getText();
          case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue()
              : (Object) p.getLongValue();
          case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
          case VALUE_TRUE -> Boolean.TRUE;
          case VALUE_FALSE -> Boolean.FALSE;
          case VALUE_NULL -> null;
          default -> throw notAToyLine("field '" + k + "' is not a string, number, boolean or null", p);
        });
      }
      if (t != JsonToken.END_OBJECT) {
        throw notAToyLine("expected a field name or '}'", p);
      }
      if (p.nextToken() != null) {
        throw notAToyLine("trailing characters after the object", p);
      }
      return m;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException("not a toy line: " + e.getOriginalMessage().replace('\n', ' ') + where, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse a toy line", e); // reading a String does not fail
    }
  }

  private static IllegalArgumentException notAToyLine(String what, JsonParser p) {
    return new IllegalArgumentException("not a toy line: " + what + " at column " + p.currentLocation().getColumnNr());
  }
}
