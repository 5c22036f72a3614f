package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * pyhf's workspace tools on workspace documents ({@code pyhf.Workspace.prune}, {@code rename},
 * {@code combine}, {@code sorted} and what {@code pyhf inspect} reports), with pyhf's rules and
 * errors: naming a component that does not exist is refused, combining workspaces with clashing
 * channels, observations or measurements is refused unless a join mode says how to merge them, and
 * every result is a valid workspace. Inputs are read, never modified; results are new documents.
 */
public final class WorkspaceTools {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** pyhf's join modes for {@link #combine}. */
  public static final List<String> JOINS = List.of("none", "outer", "left outer", "right outer");

  /** pyhf's modifier types (choices of {@code prune --modifier-type}). */
  public static final List<String> MODIFIER_TYPES =
      List.of("histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror");

  private WorkspaceTools() {}

  /** A refused workspace operation (pyhf's {@code InvalidWorkspaceOperation}). */
  public static final class InvalidOperation extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidOperation(String message) {
      super(message);
    }
  }

  // ------------------------------------------------------------------ summaries (pyhf inspect)

  /** Sorted distinct channel names. */
  public static List<String> channels(JsonNode ws) {
    Set<String> s = new TreeSet<>();
    ws.get("channels").forEach(c -> s.add(c.get("name").asText()));
    return new ArrayList<>(s);
  }

  /** Sorted distinct sample names. */
  public static List<String> samples(JsonNode ws) {
    Set<String> s = new TreeSet<>();
    ws.get("channels").forEach(c -> c.get("samples").forEach(x -> s.add(x.get("name").asText())));
    return new ArrayList<>(s);
  }

  /** Sorted distinct (modifier name, type) pairs, as pyhf's {@code Workspace.modifiers}. */
  public static List<String[]> modifiers(JsonNode ws) {
    Set<List<String>> s = new TreeSet<>(Comparator.comparing((List<String> l) -> l.get(0)).thenComparing(l -> l.get(1)));
    ws.get("channels").forEach(c -> c.get("samples").forEach(x -> x.get("modifiers").forEach(
        m -> s.add(List.of(m.get("name").asText(), m.get("type").asText())))));
    List<String[]> out = new ArrayList<>();
    s.forEach(l -> out.add(new String[] {l.get(0), l.get(1)}));
    return out;
  }

  /** Channel → number of bins, channels sorted. */
  public static Map<String, Integer> channelNbins(JsonNode ws) {
    Map<String, Integer> m = new TreeMap<>();
    ws.get("channels").forEach(c -> m.put(c.get("name").asText(), c.get("samples").get(0).get("data").size()));
    return m;
  }

  /**
   * The constraint of a modifier type as pyhf's inspect names it (the paramset class):
   * {@code unconstrained}, {@code constrained_by_normal} or {@code constrained_by_poisson}.
   */
  public static String constraint(String modifierType) {
    io.sumbin.histmodel.modifier.ModifierKind kind = io.sumbin.histmodel.modifier.ModifierRegistry.get(modifierType);
    io.sumbin.histmodel.modifier.Constraint c =
        kind == null ? io.sumbin.histmodel.modifier.Constraint.NORMAL : kind.constraint();
    return switch (c) {
      case NONE -> "unconstrained";
      case POISSON -> "constrained_by_poisson";
      case NORMAL -> "constrained_by_normal";
    };
  }

  /**
   * The JSON pyhf's {@code inspect --output-file} writes: {@code samples}, {@code channels}
   * ([name, nbins]), {@code modifiers} ({name: type}), {@code parameters} ([name, constraint]),
   * {@code systematics} ([name, constraint, [types]]) and {@code measurements} ([name, poi,
   * [parameter names]]).
   */
  public static ObjectNode inspect(JsonNode ws) {
    ObjectNode r = F.objectNode();
    ArrayNode samples = r.putArray("samples");
    samples(ws).forEach(samples::add);
    ArrayNode chans = r.putArray("channels");
    channelNbins(ws).forEach((c, n) -> chans.addArray().add(c).add(n));
    ObjectNode mods = r.putObject("modifiers");
    List<String[]> pairs = modifiers(ws);
    for (String[] p : pairs) {
      mods.put(p[0], p[1]); // dict(list of pairs): the last type of a name wins, as in Python
    }
    ArrayNode pars = r.putArray("parameters");
    ArrayNode syst = r.putArray("systematics");
    TreeMap<String, String> sortedPars = new TreeMap<>();
    mods.fieldNames().forEachRemaining(n -> sortedPars.put(n, constraint(mods.get(n).asText())));
    sortedPars.forEach((n, c) -> {
      pars.addArray().add(n).add(c);
      ArrayNode s = syst.addArray().add(n).add(c);
      ArrayNode types = s.addArray();
      for (String[] p : pairs) {
        if (p[0].equals(n)) {
          types.add(p[1]);
        }
      }
    });
    ArrayNode meas = r.putArray("measurements");
    for (JsonNode m : ws.path("measurements")) {
      ArrayNode a = meas.addArray().add(m.get("name").asText()).add(m.get("config").get("poi").asText());
      ArrayNode names = a.addArray();
      m.get("config").get("parameters").forEach(p -> names.add(p.get("name").asText()));
    }
    return r;
  }

  // ------------------------------------------------------------------ prune and rename

  /** Names to remove ({@code pyhf prune}); empty lists remove nothing. */
  public record Prune(List<String> channels, List<String> samples, List<String> modifiers, List<String> modifierTypes,
      List<String> measurements) {
    public Prune {
      channels = List.copyOf(channels);
      samples = List.copyOf(samples);
      modifiers = List.copyOf(modifiers);
      modifierTypes = List.copyOf(modifierTypes);
      measurements = List.copyOf(measurements);
    }
  }

  /** Old → new names ({@code pyhf rename}). */
  public record Rename(Map<String, String> channels, Map<String, String> samples, Map<String, String> modifiers,
      Map<String, String> measurements) {
    public Rename {
      channels = Map.copyOf(channels);
      samples = Map.copyOf(samples);
      modifiers = Map.copyOf(modifiers);
      measurements = Map.copyOf(measurements);
    }
  }

  /** {@code Workspace.prune}. @throws InvalidOperation when a named component does not exist */
  public static ObjectNode prune(JsonNode ws, Prune p) {
    return pruneAndRename(ws, p, new Rename(Map.of(), Map.of(), Map.of(), Map.of()));
  }

  /** {@code Workspace.rename}. @throws InvalidOperation when a named component does not exist */
  public static ObjectNode rename(JsonNode ws, Rename r) {
    return pruneAndRename(ws, new Prune(List.of(), List.of(), List.of(), List.of(), List.of()), r);
  }

  private static ObjectNode pruneAndRename(JsonNode ws, Prune p, Rename r) {
    Set<String> types = new LinkedHashSet<>();
    Set<String> modNames = new LinkedHashSet<>();
    for (String[] m : modifiers(ws)) {
      modNames.add(m[0]);
      types.add(m[1]);
    }
    for (String t : p.modifierTypes()) {
      if (!types.contains(t)) {
        throw new InvalidOperation(t + " is not one of the modifier types in this workspace.");
      }
    }
    List<String> modCheck = new ArrayList<>(p.modifiers());
    modCheck.addAll(r.modifiers().keySet());
    for (String n : modCheck) {
      if (!modNames.contains(n)) {
        throw new InvalidOperation(n + " is not one of the modifiers in this workspace.");
      }
    }
    List<String> sampleNames = samples(ws);
    List<String> sCheck = new ArrayList<>(p.samples());
    sCheck.addAll(r.samples().keySet());
    for (String n : sCheck) {
      if (!sampleNames.contains(n)) {
        throw new InvalidOperation(n + " is not one of the samples in this workspace.");
      }
    }
    List<String> chanNames = channels(ws);
    List<String> cCheck = new ArrayList<>(p.channels());
    cCheck.addAll(r.channels().keySet());
    for (String n : cCheck) {
      if (!chanNames.contains(n)) {
        throw new InvalidOperation(n + " is not one of the channels in this workspace.");
      }
    }
    List<String> measNames = new ArrayList<>();
    ws.path("measurements").forEach(m -> measNames.add(m.get("name").asText()));
    List<String> mCheck = new ArrayList<>(p.measurements());
    mCheck.addAll(r.measurements().keySet());
    for (String n : mCheck) {
      if (!measNames.contains(n)) {
        throw new InvalidOperation(n + " is not one of the measurements in this workspace.");
      }
    }
    ObjectNode out = F.objectNode();
    ArrayNode chans = out.putArray("channels");
    for (JsonNode c : ws.get("channels")) {
      String cn = c.get("name").asText();
      if (p.channels().contains(cn)) {
        continue;
      }
      ObjectNode nc = chans.addObject();
      nc.put("name", r.channels().getOrDefault(cn, cn));
      ArrayNode ns = nc.putArray("samples");
      for (JsonNode s : c.get("samples")) {
        String sn = s.get("name").asText();
        if (p.samples().contains(sn)) {
          continue;
        }
        ObjectNode o = ns.addObject();
        o.put("name", r.samples().getOrDefault(sn, sn));
        o.set("data", s.get("data").deepCopy());
        ArrayNode mods = o.putArray("modifiers");
        for (JsonNode m : s.get("modifiers")) {
          String mn = m.get("name").asText();
          if (p.modifiers().contains(mn) || p.modifierTypes().contains(m.get("type").asText())) {
            continue;
          }
          ObjectNode nm = m.deepCopy();
          nm.put("name", r.modifiers().getOrDefault(mn, mn));
          mods.add(nm);
        }
      }
    }
    ArrayNode meas = out.putArray("measurements");
    for (JsonNode m : ws.path("measurements")) {
      String mn = m.get("name").asText();
      if (p.measurements().contains(mn)) {
        continue;
      }
      ObjectNode nm = meas.addObject();
      nm.put("name", r.measurements().getOrDefault(mn, mn));
      ObjectNode cfg = nm.putObject("config");
      ArrayNode pars = cfg.putArray("parameters");
      for (JsonNode par : m.get("config").get("parameters")) {
        String pn = par.get("name").asText();
        if (p.modifiers().contains(pn)) {
          continue;
        }
        ObjectNode np = par.deepCopy();
        np.put("name", r.modifiers().getOrDefault(pn, pn));
        pars.add(np);
      }
      String poi = m.get("config").get("poi").asText();
      cfg.put("poi", r.modifiers().getOrDefault(poi, poi));
    }
    ArrayNode obs = out.putArray("observations");
    for (JsonNode o : ws.get("observations")) {
      String on = o.get("name").asText();
      if (p.channels().contains(on)) {
        continue;
      }
      ObjectNode no = o.deepCopy();
      no.put("name", r.channels().getOrDefault(on, on));
      obs.add(no);
    }
    out.set("version", ws.get("version").deepCopy());
    return out;
  }

  // ------------------------------------------------------------------ combine

  /**
   * {@code Workspace.combine(left, right, join)}: channels, observations and measurements joined
   * by name. {@code none}: any common name is refused; {@code outer}: identical items are kept
   * once, different items of one name refused (measurements of one name and POI are merged, their
   * parameter configurations joined); {@code left outer} / {@code right outer}: the left (right)
   * item wins. With {@code mergeChannels} the samples of common channels are joined (left outer).
   */
  public static ObjectNode combine(JsonNode left, JsonNode right, String join, boolean mergeChannels) {
    if (!JOINS.contains(join)) {
      throw new InvalidOperation("Workspaces must be joined using one of the valid join operations " + JOINS + "; not " + join);
    }
    if (mergeChannels && join.equals("none")) {
      throw new InvalidOperation("You can only merge channels using the 'outer', 'left outer', or 'right outer' join operations; not " + join);
    }
    String lv = left.get("version").asText();
    String rv = right.get("version").asText();
    if (!lv.equals(rv)) {
      throw new InvalidOperation("Workspaces of different versions cannot be combined: " + lv + " != " + rv);
    }
    ArrayNode channels = joinItems(join, left.get("channels"), right.get("channels"), mergeChannels ? "samples" : null);
    checkJoined(join, "channels", "channels", left.get("channels"), right.get("channels"), channels);
    ArrayNode observations = joinItems(join, left.get("observations"), right.get("observations"), null);
    checkJoined(join, "observations", "observations", left.get("observations"), right.get("observations"), observations);
    ArrayNode measurements = joinMeasurements(join, left.path("measurements"), right.path("measurements"));
    ObjectNode out = F.objectNode();
    out.set("channels", channels);
    out.set("measurements", measurements);
    out.set("observations", observations);
    out.put("version", lv);
    return out;
  }

  private static ArrayNode joinItems(String join, JsonNode left, JsonNode right, String deepMergeKey) {
    JsonNode primary = join.equals("right outer") ? right : left;
    JsonNode secondary = join.equals("right outer") ? left : right;
    ArrayNode joined = (ArrayNode) primary.deepCopy();
    List<String> keys = new ArrayList<>();
    joined.forEach(i -> keys.add(i.get("name").asText()));
    for (JsonNode item : secondary) {
      String name = item.get("name").asText();
      int k = keys.indexOf(name);
      if (k >= 0 && deepMergeKey != null) {
        ObjectNode target = (ObjectNode) joined.get(k);
        target.set(deepMergeKey, joinItems("left outer", target.get(deepMergeKey), item.get(deepMergeKey), null));
      } else if (join.equals("none")
          || (join.equals("outer") && !containsEqual(primary, item))
          || ((join.equals("left outer") || join.equals("right outer")) && k < 0)) {
        joined.add(item.deepCopy());
      }
    }
    return joined;
  }

  private static boolean containsEqual(JsonNode list, JsonNode item) {
    for (JsonNode i : list) {
      if (JsonPatch.pythonEquals(i, item)) {
        return true;
      }
    }
    return false;
  }

  private static void checkJoined(String join, String what, String label, JsonNode left, JsonNode right, ArrayNode joined) {
    if (join.equals("none")) {
      Set<String> common = new TreeSet<>();
      Set<String> l = new LinkedHashSet<>();
      left.forEach(i -> l.add(i.get("name").asText()));
      right.forEach(i -> {
        if (l.contains(i.get("name").asText())) {
          common.add(i.get("name").asText());
        }
      });
      if (!common.isEmpty()) {
        throw new InvalidOperation("Workspaces cannot have any " + label + " in common with the same name: " + common
            + ". You can also try a different join operation: " + JOINS + ".");
      }
    } else if (join.equals("outer")) {
      Map<String, Integer> count = new LinkedHashMap<>();
      joined.forEach(i -> count.merge(i.get("name").asText(), 1, Integer::sum));
      List<String> bad = new ArrayList<>();
      count.forEach((n, c) -> {
        if (c > 1) {
          bad.add(n);
        }
      });
      if (!bad.isEmpty()) {
        throw new InvalidOperation("Workspaces cannot have " + what + " in common with incompatible structure: " + bad
            + ". You can also try a different join operation: " + JOINS + ".");
      }
    }
  }

  private static ArrayNode joinMeasurements(String join, JsonNode left, JsonNode right) {
    ArrayNode joined = joinItems(join, left, right, null);
    if (join.equals("none")) {
      checkJoined(join, "measurements", "measurements", left, right, joined);
      return joined;
    }
    if (!join.equals("outer")) {
      return joined;
    }
    Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
    joined.forEach(m -> byName.computeIfAbsent(m.get("name").asText(), k -> new ArrayList<>()).add(m));
    List<String> badPoi = new ArrayList<>();
    byName.forEach((n, ms) -> {
      Set<String> pois = new LinkedHashSet<>();
      ms.forEach(m -> pois.add(m.get("config").get("poi").asText()));
      if (pois.size() > 1) {
        badPoi.add(n);
      }
    });
    if (!badPoi.isEmpty()) {
      throw new InvalidOperation("Workspaces cannot have the same measurements with incompatible POI: " + badPoi + ".");
    }
    ArrayNode out = F.arrayNode();
    byName.forEach((n, ms) -> {
      if (ms.size() == 1) {
        out.add(ms.get(0));
        return;
      }
      ArrayNode pars = F.arrayNode();
      for (JsonNode m : ms) {
        for (JsonNode p : m.get("config").get("parameters")) {
          if (!containsEqual(pars, p)) {
            pars.add(p.deepCopy());
          }
        }
      }
      Map<String, Integer> count = new LinkedHashMap<>();
      pars.forEach(p -> count.merge(p.get("name").asText(), 1, Integer::sum));
      List<String> bad = new ArrayList<>();
      count.forEach((pn, c) -> {
        if (c > 1) {
          bad.add(pn);
        }
      });
      if (!bad.isEmpty()) {
        throw new InvalidOperation("Workspaces cannot have a measurement (" + n + ") with incompatible parameter configs: "
            + bad + ". You can also try a different join operation: " + JOINS + ".");
      }
      ObjectNode m = out.addObject();
      m.put("name", n);
      ObjectNode cfg = m.putObject("config");
      cfg.put("poi", ms.get(0).get("config").get("poi").asText());
      cfg.set("parameters", pars);
    });
    return out;
  }

  // ------------------------------------------------------------------ sort

  /**
   * {@code Workspace.sorted}: channels, observations and measurements by name, samples by name,
   * modifiers by (name, type), measurement parameter configs by name (stable sorts, as Python's).
   */
  public static ObjectNode sorted(JsonNode ws) {
    ObjectNode out = ws.deepCopy();
    sortByName((ArrayNode) out.get("channels"));
    for (JsonNode c : out.get("channels")) {
      sortByName((ArrayNode) c.get("samples"));
      for (JsonNode s : c.get("samples")) {
        sortBy((ArrayNode) s.get("modifiers"),
            Comparator.comparing((JsonNode m) -> m.get("name").asText()).thenComparing(m -> m.get("type").asText()));
      }
    }
    if (out.has("measurements")) {
      sortByName((ArrayNode) out.get("measurements"));
      for (JsonNode m : out.get("measurements")) {
        sortByName((ArrayNode) m.get("config").get("parameters"));
      }
    }
    sortByName((ArrayNode) out.get("observations"));
    return out;
  }

  private static void sortByName(ArrayNode a) {
    sortBy(a, Comparator.comparing((JsonNode m) -> m.get("name").asText()));
  }

  private static void sortBy(ArrayNode a, Comparator<JsonNode> c) {
    List<JsonNode> items = new ArrayList<>();
    a.forEach(items::add);
    items.sort(c); // List.sort is stable, as Python's list.sort
    a.removeAll();
    items.forEach(a::add);
  }
}
