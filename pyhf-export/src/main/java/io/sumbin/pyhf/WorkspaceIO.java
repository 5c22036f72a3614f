package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.modifier.ModifierData;
import io.sumbin.histmodel.modifier.ModifierKind;
import io.sumbin.histmodel.modifier.ModifierRegistry;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.Measurement;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.Observation;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.histmodel.spec.YieldTerm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes workspaces in pyhf's JSON format (schema 1.0.0) and in sumbin's native format
 * (pyhf's plus POI-dependent {@code terms} on samples).
 *
 * <p>Reading: strict JSON parse → JSON-schema validation (pyhf's schema, or sumbin's when a
 * sample has {@code terms}) → records → consistency checks that no schema can express (histogram
 * lengths, observations, each measurement's POI and parameter settings, duplicate modifiers).
 * Every failure is an {@link InputException} naming the file and the JSON path.
 *
 * <p>Modifiers are read and written by their descriptors ({@link ModifierRegistry}): pyhf's seven
 * types are validated by pyhf's schema; a registered extension type (not in pyhf's schema) is
 * checked by its descriptor and the rest of the document by the schema without it. Unregistered
 * types are refused, as pyhf refuses them.
 *
 * <p>Writing is deterministic (keys in alphabetical order, as pyhf writes them), so write → read →
 * write is byte-identical; the output validates against the pyhf schema unless the workspace uses
 * terms, in which case it validates against sumbin's (extension modifiers: see above).
 */
public final class WorkspaceIO {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern MOD_PATH = Pattern.compile("^(channels\\[\\d+\\]\\.samples\\[\\d+\\]\\.modifiers\\[\\d+\\])(\\..*)?$");

  private WorkspaceIO() {}

  /**
   * What to do with input that pyhf accepts but that may be a mistake: settings in a measurement's
   * {@code config.parameters} for a name that is not a parameter of the model (pyhf ignores them:
   * published background-only workspaces keep entries for parameters that were pruned or that only
   * a signal patch adds, but a misspelt {@code "fixed": true} also silently does nothing; the
   * measurement's own {@code config.poi} is exempt), negative {@code shapesys} uncertainties (pyhf
   * treats such a bin as having no uncertainty: its γ is fixed at 1) and observations of channels
   * the model does not have (pyhf ignores them). The default, {@link #pyhf pyhf's semantics}, reads
   * the workspace as pyhf does and passes one {@code warning:} line per finding to a sink;
   * {@link #STRICT} refuses each with an {@link InputException} naming the JSON path.
   *
   * @param lenient whether pyhf's semantics apply (findings are warnings, not refusals)
   */
  public record Strictness(boolean lenient, Consumer<String> warnings) {
    /** Refuse what pyhf accepts but may be a mistake (the CLI's {@code --strict}). */
    public static final Strictness STRICT = new Strictness(false, w -> { });

    /** pyhf's semantics with the warnings on {@code System.err}: what the one-argument readers use. */
    public static final Strictness DEFAULT = new Strictness(true, w -> System.err.println(w));

    /** Accept as pyhf does, reporting each finding to {@code warnings}. */
    public static Strictness pyhf(Consumer<String> warnings) {
      return new Strictness(true, warnings);
    }

    /**
     * Same as {@link #pyhf(Consumer)}.
     *
     * @deprecated pyhf's semantics are the default now; use {@link #pyhf(Consumer)}
     */
    @Deprecated
    public static Strictness lenient(Consumer<String> warnings) {
      return pyhf(warnings);
    }

    /** A finding: {@code detail} says what, {@code asPyhf} what pyhf (and the default reading) does with it. */
    void flag(String source, String path, String detail, String asPyhf) {
      if (!lenient) {
        throw new InputException(source, path, detail + " (" + asPyhf + "; refused under --strict)");
      }
      warnings.accept("warning: " + new InputException(source, path, detail + "; " + asPyhf).getMessage());
    }
  }

  /**
   * Reads a workspace file as pyhf does ({@link Strictness#DEFAULT}).
   *
   * @param file a pyhf JSON workspace
   * @return the workspace
   * @throws InputException on any problem, naming the file and the JSON path
   */
  public static Workspace read(Path file) {
    return read(file, Strictness.DEFAULT);
  }

  /** Reads a workspace file. @throws InputException on any problem */
  public static Workspace read(Path file, Strictness strictness) {
    return fromJson(Json.read(file), file.toString(), strictness);
  }

  /** Reads a workspace from text as pyhf does ({@link Strictness#DEFAULT}); {@code source} names it in error messages. */
  public static Workspace parse(String text, String source) {
    return parse(text, source, Strictness.DEFAULT);
  }

  /** Reads a workspace from text; {@code source} names it in error messages. */
  public static Workspace parse(String text, String source, Strictness strictness) {
    return fromJson(Json.parse(text, source), source, strictness);
  }

  /** Validates and converts a parsed document as pyhf does ({@link Strictness#DEFAULT}). */
  public static Workspace fromJson(JsonNode root, String source) {
    return fromJson(root, source, Strictness.DEFAULT);
  }

  /** Validates and converts a parsed document. */
  public static Workspace fromJson(JsonNode root, String source, Strictness strictness) {
    checkModifierTypes(root, source);
    List<Schemas.Problem> problems = schemaProblems(root, source);
    if (!problems.isEmpty()) {
      Schemas.Problem p = refine(root, problems.get(0));
      throw new InputException(source, p.path(), "schema violation: " + p.message());
    }
    Workspace ws;
    try {
      ws = toWorkspace(root);
    } catch (SpecException e) {
      throw new InputException(source, e.path(), stripPath(e));
    }
    check(ws, source, strictness);
    return ws;
  }

  private static String stripPath(SpecException e) {
    String m = e.getMessage();
    return e.path() != null && !e.path().isEmpty() && m.startsWith(e.path() + ": ") ? m.substring(e.path().length() + 2) : m;
  }

  /** Whether any sample carries sumbin's {@code terms}. */
  static boolean hasTerms(JsonNode root) {
    for (JsonNode ch : root.path("channels")) {
      for (JsonNode s : ch.path("samples")) {
        if (s.has("terms")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Unknown modifier types get a precise message before the (anyOf) schema check. */
  private static void checkModifierTypes(JsonNode root, String source) {
    JsonNode chans = root.path("channels");
    for (int c = 0; c < chans.size(); c++) {
      JsonNode samples = chans.get(c).path("samples");
      for (int s = 0; s < samples.size(); s++) {
        JsonNode mods = samples.get(s).path("modifiers");
        for (int m = 0; m < mods.size(); m++) {
          JsonNode t = mods.get(m).path("type");
          if (t.isTextual() && ModifierRegistry.get(t.asText()) == null) {
            throw new InputException(source, "channels[" + c + "].samples[" + s + "].modifiers[" + m + "].type",
                "unknown modifier type '" + t.asText() + "' (known: " + knownTypes() + ")");
          }
        }
      }
    }
  }

  /** pyhf's types ("histfactory ..."), then the registered extensions. */
  private static String knownTypes() {
    List<String> pyhf = new ArrayList<>();
    List<String> ext = new ArrayList<>();
    for (ModifierKind k : ModifierRegistry.kinds().values()) {
      (k.pyhf() ? pyhf : ext).add(k.type());
    }
    return "histfactory " + String.join(", ", pyhf) + (ext.isEmpty() ? "" : "; registered extensions: " + String.join(", ", ext));
  }

  /** Whether a modifier object has a registered type that pyhf's schema does not know. */
  private static boolean isExtension(JsonNode mod) {
    JsonNode t = mod.path("type");
    ModifierKind k = t.isTextual() ? ModifierRegistry.get(t.asText()) : null;
    return k != null && !k.pyhf();
  }

  /**
   * Schema problems of a document: against sumbin's schema when samples have terms, else pyhf's.
   * Modifiers of registered extension types are checked here as objects of exactly {@code name}
   * (a string), {@code type} and {@code data} (the data itself is their descriptor's to read) and
   * are replaced by a pyhf normfactor of the same name for the schema, which does not know them.
   *
   * @param source names the document in a refusal of an extension modifier's shape
   */
  private static List<Schemas.Problem> schemaProblems(JsonNode root, String source) {
    JsonNode doc = root;
    JsonNode chans = root.path("channels");
    for (int c = 0; c < chans.size(); c++) {
      JsonNode samples = chans.get(c).path("samples");
      for (int s = 0; s < samples.size(); s++) {
        JsonNode mods = samples.get(s).path("modifiers");
        for (int m = 0; m < mods.size(); m++) {
          JsonNode mod = mods.get(m);
          if (!isExtension(mod)) {
            continue;
          }
          String path = "channels[" + c + "].samples[" + s + "].modifiers[" + m + "]";
          String type = mod.get("type").asText();
          java.util.Iterator<String> keys = mod.fieldNames();
          while (keys.hasNext()) {
            String k = keys.next();
            if (!k.equals("name") && !k.equals("type") && !k.equals("data")) {
              throw new InputException(source, path + "." + k, "unexpected member '" + k + "' (" + type
                  + " modifier: name, type and data)");
            }
          }
          if (!mod.path("name").isTextual()) {
            throw new InputException(source, path + ".name", "the name of a " + type + " modifier must be a string");
          }
          if (!mod.has("data")) {
            throw new InputException(source, path, "a " + type + " modifier needs 'data'");
          }
          if (doc == root) {
            doc = root.deepCopy();
          }
          ObjectNode placeholder = F.objectNode();
          placeholder.putNull("data");
          placeholder.put("name", mod.get("name").asText());
          placeholder.put("type", "normfactor");
          ((ArrayNode) doc.get("channels").get(c).get("samples").get(s).get("modifiers")).set(m, placeholder);
        }
      }
    }
    return Schemas.validate(hasTerms(doc) ? Schemas.sumbinWorkspace() : Schemas.pyhfWorkspace(), doc);
  }

  /** For an anyOf failure on a modifier, re-validate against its own type's schema for a precise message. */
  private static Schemas.Problem refine(JsonNode root, Schemas.Problem p) {
    Matcher mm = MOD_PATH.matcher(p.path());
    if (!mm.matches()) {
      return p;
    }
    String base = mm.group(1);
    JsonNode mod = at(root, base);
    String type = mod == null ? null : mod.path("type").asText(null);
    ModifierKind kind = type == null ? null : ModifierRegistry.get(type);
    if (kind == null || !kind.pyhf()) {
      return p;
    }
    List<Schemas.Problem> inner =
        Schemas.validate(Schemas.schema(Schemas.PYHF_BASE + "defs.json#/definitions/modifier/" + type), mod);
    if (inner.isEmpty()) {
      return p;
    }
    Schemas.Problem q = inner.get(0);
    String path = q.path().isEmpty() ? base : base + (q.path().startsWith("[") ? "" : ".") + q.path();
    return new Schemas.Problem(path, q.message() + " (" + type + " modifier)");
  }

  /** Node at a simple path like {@code channels[0].samples[1]}. */
  static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      int b = part.indexOf('[');
      String key = b < 0 ? part : part.substring(0, b);
      if (!key.isEmpty()) {
        n = n.path(key);
      }
      while (b >= 0) {
        int e = part.indexOf(']', b);
        n = n.path(Integer.parseInt(part.substring(b + 1, e)));
        b = part.indexOf('[', e);
      }
    }
    return n.isMissingNode() ? null : n;
  }

  // ------------------------------------------------------------------ JSON → records

  private static double[] doubles(JsonNode arr) {
    double[] a = new double[arr.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = arr.get(i).doubleValue();
    }
    return a;
  }

  private static Workspace toWorkspace(JsonNode root) {
    List<ChannelSpec> channels = new ArrayList<>();
    int c = 0;
    for (JsonNode ch : root.get("channels")) {
      List<SampleSpec> samples = new ArrayList<>();
      int si = 0;
      for (JsonNode s : ch.get("samples")) {
        List<ModifierSpec> mods = new ArrayList<>();
        JsonNode ms = s.get("modifiers");
        for (int m = 0; m < ms.size(); m++) {
          mods.add(modifier(ms.get(m), "channels[" + c + "].samples[" + si + "].modifiers[" + m + "]"));
        }
        si++;
        List<YieldTerm> terms = new ArrayList<>();
        if (s.has("terms")) {
          for (JsonNode t : s.get("terms")) {
            terms.add(new YieldTerm(coefficient(t.get("coefficient")), doubles(t.get("data"))));
          }
        }
        samples.add(new SampleSpec(s.get("name").asText(), doubles(s.get("data")), mods, terms));
      }
      channels.add(new ChannelSpec(ch.get("name").asText(), samples));
      c++;
    }
    List<Observation> obs = new ArrayList<>();
    for (JsonNode o : root.get("observations")) {
      obs.add(new Observation(o.get("name").asText(), doubles(o.get("data"))));
    }
    List<Measurement> meas = new ArrayList<>();
    for (JsonNode m : root.get("measurements")) {
      JsonNode cfg = m.get("config");
      List<ParameterSpec> pars = new ArrayList<>();
      for (JsonNode p : cfg.get("parameters")) {
        double[][] bounds = null;
        if (p.has("bounds")) {
          bounds = new double[p.get("bounds").size()][];
          for (int i = 0; i < bounds.length; i++) {
            bounds[i] = doubles(p.get("bounds").get(i));
          }
        }
        pars.add(new ParameterSpec(p.get("name").asText(),
            p.has("inits") ? doubles(p.get("inits")) : null,
            bounds,
            p.has("fixed") ? p.get("fixed").asBoolean() : null,
            p.has("auxdata") ? doubles(p.get("auxdata")) : null,
            p.has("sigmas") ? doubles(p.get("sigmas")) : null,
            p.has("factors") ? doubles(p.get("factors")) : null));
      }
      meas.add(new Measurement(m.get("name").asText(), cfg.get("poi").asText(), pars));
    }
    return new Workspace(channels, obs, meas, root.get("version").asText());
  }

  /** A modifier read by its type's descriptor (the type is registered: checked before the schema). */
  private static ModifierSpec modifier(JsonNode m, String path) {
    ModifierKind kind = ModifierRegistry.get(m.get("type").asText());
    return kind.read(m.get("name").asText(), new ModifierData(plain(m.get("data")), path + ".data"));
  }

  /** A JSON value as {@link ModifierData}'s plain objects (every number a double). */
  private static Object plain(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>(n.size());
      n.forEach(x -> l.add(plain(x)));
      return l;
    }
    Map<String, Object> o = new java.util.LinkedHashMap<>();
    n.fields().forEachRemaining(e -> o.put(e.getKey(), plain(e.getValue())));
    return o;
  }

  /** The JSON of a descriptor's written data: maps with keys in alphabetical order. */
  private static JsonNode json(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof Double d) {
      return F.numberNode(d);
    }
    if (v instanceof double[] a) {
      return arr(a);
    }
    if (v instanceof String t) {
      return F.textNode(t);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof List<?> l) {
      ArrayNode a = F.arrayNode(l.size());
      l.forEach(x -> a.add(json(x)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      new java.util.TreeMap<>(m).forEach((k, x) -> o.set((String) k, json(x)));
      return o;
    }
    throw new IllegalArgumentException("a modifier descriptor wrote " + v.getClass().getName()
        + "; expected null, Double, double[], String, Boolean, List or Map");
  }

  private static Coefficient coefficient(JsonNode c) {
    String type = c.get("type").asText();
    if (type.equals("monomial")) {
      List<String> pois = new ArrayList<>();
      for (JsonNode p : c.get("pois")) {
        pois.add(p.asText());
      }
      return new Coefficient.Monomial(pois);
    }
    return new Coefficient.Interference(c.get("poi").asText(), Coefficient.Interference.Kind.fromJson(type));
  }

  // ------------------------------------------------------------------ consistency

  /**
   * Observations above this are refused: a double represents every integer count only up to 2^53, and
   * beyond it ln Γ(n + 1) and the Poisson terms lose all meaning.
   */
  public static final double MAX_COUNT = 0x1p53;

  /** Checks as pyhf does ({@link Strictness#DEFAULT}) what no schema can express: observations, histogram lengths, measurements. */
  public static void check(Workspace ws, String source) {
    check(ws, source, Strictness.DEFAULT);
  }

  /** Checks that no schema can express: observations, histogram lengths, measurements. */
  public static void check(Workspace ws, String source, Strictness strictness) {
    Map<String, Integer> chanIndex = new HashMap<>();
    for (int c = 0; c < ws.channels().size(); c++) {
      chanIndex.put(ws.channels().get(c).name(), c);
    }
    Map<String, Integer> seenObs = new HashMap<>();
    for (int i = 0; i < ws.observations().size(); i++) {
      Observation o = ws.observations().get(i);
      String p = "observations[" + i + "]";
      Integer prev = seenObs.put(o.name(), i);
      if (prev != null) {
        throw new InputException(source, p + ".name", "channel '" + o.name() + "' is observed twice (also observations[" + prev + "])");
      }
      Integer c = chanIndex.get(o.name());
      if (c == null) {
        strictness.flag(source, p + ".name", "observation for channel '" + o.name() + "', which the model does not have"
            + " (channels: " + abbreviate(new java.util.TreeSet<>(chanIndex.keySet())) + ")", "ignored, as pyhf ignores it");
        continue;
      }
      int nb = ws.channels().get(c).nbins();
      if (o.data().length != nb) {
        throw new InputException(source, p + ".data", "observation of channel '" + o.name() + "' has "
            + o.data().length + " bins, the channel has " + nb);
      }
      for (int b = 0; b < nb; b++) {
        double v = o.data()[b];
        if (Double.isNaN(v)) {
          throw new InputException(source, p + ".data[" + b + "]", "observation is NaN");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new InputException(source, p + ".data[" + b + "]", "observation must be a finite count >= 0, got " + v);
        }
        if (v > MAX_COUNT) {
          throw new InputException(source, p + ".data[" + b + "]", "observation " + v + " exceeds 2^53 = 9.007e15, "
              + "the largest count a double holds exactly");
        }
      }
    }
    for (int c = 0; c < ws.channels().size(); c++) {
      if (!seenObs.containsKey(ws.channels().get(c).name())) {
        throw new InputException(source, "observations", "channel '" + ws.channels().get(c).name()
            + "' (channels[" + c + "]) has no observation");
      }
    }
    questionable(ws, source, strictness);
    // a workspace without modifiers or POI-dependent samples is a valid pyhf workspace (a background
    // -only export, say) that the model-free tools (digest, patchsets, inspect) must read; building a
    // likelihood from it fails later with the compiler's "the model has no parameters"
    boolean parameterFree = ws.channels().stream().flatMap(ch -> ch.samples().stream())
        .allMatch(sa -> sa.modifiers().isEmpty() && sa.terms().isEmpty());
    Map<String, Integer> seenMeas = new HashMap<>();
    for (int k = 0; k < ws.measurements().size(); k++) {
      Measurement m = ws.measurements().get(k);
      Integer prev = seenMeas.put(m.name(), k);
      if (prev != null) {
        throw new InputException(source, "measurements[" + k + "].name", "measurement name '" + m.name()
            + "' is also used by measurements[" + prev + "]");
      }
      if (parameterFree) {
        continue;
      }
      try {
        // pyhf reads a workspace whose measurement names a POI that only a signal patch adds (a
        // HEPData background-only file); the POI is checked only when it is in the model
        io.sumbin.histmodel.compile.CompiledModel cm = ModelCompiler.compile(ws.model(m.name()).withPoi(null));
        if (m.poi() != null && !m.poi().isEmpty() && cm.paramset(m.poi()) != null) {
          ModelCompiler.compile(ws.model(m.name()));
        }
      } catch (SpecException e) {
        String path = e.path();
        if (path != null && (path.startsWith("parameters") || path.equals("poi"))) {
          path = "measurements[" + k + "].config." + path;
        }
        throw new InputException(source, path, stripPath(e)
            + (path != null && path.startsWith("measurements") ? "" : " (measurement '" + m.name() + "')"));
      }
    }
  }

  /** Unknown parameter names in measurement configs and negative shapesys uncertainties (see {@link Strictness}). */
  private static void questionable(Workspace ws, String source, Strictness strictness) {
    Set<String> params = new java.util.TreeSet<>();
    for (int c = 0; c < ws.channels().size(); c++) {
      ChannelSpec ch = ws.channels().get(c);
      for (int s = 0; s < ch.samples().size(); s++) {
        SampleSpec sa = ch.samples().get(s);
        for (YieldTerm t : sa.terms()) {
          params.addAll(t.coefficient().parameters());
        }
        for (int m = 0; m < sa.modifiers().size(); m++) {
          ModifierSpec mod = sa.modifiers().get(m);
          params.add(mod.name());
          ModifierRegistry.of(mod).questionable(mod, "channels[" + c + "].samples[" + s + "].modifiers[" + m + "]",
              (path, detail, asPyhf) -> strictness.flag(source, path, detail, asPyhf));
        }
      }
    }
    // one finding per distinct set of unknown names: pyhf's test workspaces repeat the same settings in every measurement
    Map<String, List<Integer>> measurementsOf = new java.util.LinkedHashMap<>();
    Map<String, String> pathOf = new HashMap<>();
    for (int k = 0; k < ws.measurements().size(); k++) {
      Measurement m = ws.measurements().get(k);
      List<String> unknown = new ArrayList<>();
      int first = -1;
      for (int i = 0; i < m.parameters().size(); i++) {
        String name = m.parameters().get(i).name();
        // the measurement's own POI is never refused: HEPData background-only workspaces list the
        // signal strength there although only the signal patches add it (the model is then background-only)
        if (!params.contains(name) && !name.equals(m.poi())) {
          unknown.add("'" + name + "'" + (unknown.isEmpty() ? "" : " (parameters[" + i + "])"));
          first = first < 0 ? i : first;
        }
      }
      if (!unknown.isEmpty()) {
        String detail = String.join(", ", unknown) + (unknown.size() == 1 ? " is not a parameter" : " are not parameters");
        measurementsOf.computeIfAbsent(detail, d -> new ArrayList<>()).add(k);
        pathOf.putIfAbsent(detail, "measurements[" + k + "].config.parameters[" + first + "].name");
      }
    }
    for (Map.Entry<String, List<Integer>> e : measurementsOf.entrySet()) {
      List<Integer> ks = e.getValue();
      String also = ks.size() == 1 ? "" : " (also in measurements"
          + ks.subList(1, ks.size()).stream().map(k -> "[" + k + "]").collect(java.util.stream.Collectors.joining(",")) + ")";
      strictness.flag(source, pathOf.get(e.getKey()), e.getKey() + " of the model (have " + abbreviate(params) + ")" + also,
          "ignored, as pyhf ignores such settings");
    }
  }

  private static String abbreviate(Set<String> names) {
    List<String> l = new ArrayList<>(names);
    return l.size() <= 12 ? String.join(", ", l) : String.join(", ", l.subList(0, 12)) + ", ... (" + l.size() + " in all)";
  }

  // ------------------------------------------------------------------ records → JSON

  private static ArrayNode arr(double[] a) {
    ArrayNode n = F.arrayNode(a.length);
    for (double v : a) {
      n.add(v);
    }
    return n;
  }

  /** The JSON tree of a workspace (keys in alphabetical order, as pyhf writes). */
  public static ObjectNode toJson(Workspace ws) {
    ObjectNode root = F.objectNode();
    ArrayNode chans = root.putArray("channels");
    for (ChannelSpec ch : ws.channels()) {
      ObjectNode c = chans.addObject();
      c.put("name", ch.name());
      ArrayNode samples = c.putArray("samples");
      for (SampleSpec s : ch.samples()) {
        ObjectNode so = samples.addObject();
        so.set("data", arr(s.data()));
        ArrayNode mods = so.putArray("modifiers");
        for (ModifierSpec m : s.modifiers()) {
          mods.add(modifierJson(m));
        }
        so.put("name", s.name());
        if (s.hasTerms()) {
          ArrayNode terms = so.putArray("terms");
          for (YieldTerm t : s.terms()) {
            ObjectNode to = terms.addObject();
            to.set("coefficient", coefficientJson(t.coefficient()));
            to.set("data", arr(t.data()));
          }
        }
      }
    }
    ArrayNode meas = root.putArray("measurements");
    for (Measurement m : ws.measurements()) {
      ObjectNode mo = meas.addObject();
      ObjectNode cfg = mo.putObject("config");
      ArrayNode pars = cfg.putArray("parameters");
      for (ParameterSpec p : m.parameters()) {
        ObjectNode po = pars.addObject();
        if (p.auxdata() != null) {
          po.set("auxdata", arr(p.auxdata()));
        }
        if (p.bounds() != null) {
          ArrayNode b = po.putArray("bounds");
          for (double[] pair : p.bounds()) {
            b.add(arr(pair));
          }
        }
        if (p.factors() != null) {
          po.set("factors", arr(p.factors()));
        }
        if (p.fixed() != null) {
          po.put("fixed", p.fixed());
        }
        if (p.inits() != null) {
          po.set("inits", arr(p.inits()));
        }
        po.put("name", p.name());
        if (p.sigmas() != null) {
          po.set("sigmas", arr(p.sigmas()));
        }
      }
      cfg.put("poi", m.poi());
      mo.put("name", m.name());
    }
    ArrayNode obs = root.putArray("observations");
    for (Observation o : ws.observations()) {
      ObjectNode oo = obs.addObject();
      oo.set("data", arr(o.data()));
      oo.put("name", o.name());
    }
    root.put("version", ws.version());
    return root;
  }

  private static ObjectNode modifierJson(ModifierSpec m) {
    ObjectNode o = F.objectNode();
    o.set("data", json(ModifierRegistry.of(m).write(m)));
    o.put("name", m.name());
    o.put("type", m.type());
    return o;
  }

  private static ObjectNode coefficientJson(Coefficient c) {
    ObjectNode o = F.objectNode();
    if (c instanceof Coefficient.Monomial mono) {
      ArrayNode p = o.putArray("pois");
      mono.factors().forEach(p::add);
      o.put("type", "monomial");
    } else {
      Coefficient.Interference in = (Coefficient.Interference) c;
      o.put("poi", in.poi());
      o.put("type", in.kind().jsonName());
    }
    return o;
  }

  /** Pretty-printed JSON text of a workspace. */
  public static String toText(Workspace ws) {
    return Json.pretty(toJson(ws));
  }

  /**
   * Writes a workspace atomically after checking that the output validates against its schema
   * (pyhf's, or sumbin's when terms are used).
   */
  public static void write(Workspace ws, Path file) {
    ObjectNode json = toJson(ws);
    List<Schemas.Problem> problems = schemaProblems(json, file.toString());
    if (!problems.isEmpty()) {
      throw new IllegalStateException("refusing to write an invalid workspace: " + problems.get(0));
    }
    try {
      Json.writeAtomically(file, Json.pretty(json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
