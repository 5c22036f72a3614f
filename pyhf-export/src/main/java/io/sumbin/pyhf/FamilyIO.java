package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Measurement;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.Observation;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.histmodel.spec.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model families on disk: a JSON manifest listing the POIs, the reference hypothesis and, per scan
 * point, its values and the path (relative to the manifest) of its sumbin workspace:
 *
 * <pre>{
 *   "sumbin_family": "1.0.0",
 *   "pois": ["theta"],
 *   "reference": [0.0],
 *   "points": [ {"values": [-0.5], "workspace": "point_000.json"}, ... ]
 * }</pre>
 *
 * Points may be listed in any order; they must fill a 1-D grid or a complete 2-D grid. Each
 * workspace's first measurement and its observations define the point's model and data.
 *
 * <p>Export to pyhf ({@link #exportPyhf}): per point a pyhf workspace of the point's
 * {@link io.sumbin.histmodel.family.HypothesisPair} model (POI μ: μ = 0 is the reference
 * hypothesis, μ = 1 the point's), plus the whole grid as a pyhf patch set: {@code bkgonly.json}
 * (the first point's model without its signal-difference samples) and {@code patchset.json} with one
 * RFC-6902 patch per point ({@code metadata.values} = θ′) and pyhf's SHA-256 digest of bkgonly.
 */
public final class FamilyIO {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  public static final String FORMAT = "1.0.0";

  private FamilyIO() {}

  /** Reads a manifest and every point workspace. @throws InputException on any problem */
  public static ModelFamily read(Path manifest) {
    JsonNode root = Json.read(manifest);
    String src = manifest.toString();
    if (!root.isObject()) {
      throw new InputException(src, "", "a family manifest is a JSON object");
    }
    if (!root.path("sumbin_family").isTextual()) {
      throw new InputException(src, "sumbin_family", "missing format marker \"sumbin_family\": \"" + FORMAT + "\"");
    }
    String version = root.get("sumbin_family").asText();
    // the same major.minor as this reader's (a patch release changes no field); a newer format is refused, not misread
    String readable = FORMAT.substring(0, FORMAT.lastIndexOf('.') + 1);
    if (!version.matches("\\d+\\.\\d+\\.\\d+") || !version.startsWith(readable)) {
      throw new InputException(src, "sumbin_family", "format version '" + version + "' is not one this sumbin reads ("
          + readable + "x; written by a " + (version.compareTo(FORMAT) > 0 ? "newer" : "different") + " sumbin?)");
    }
    JsonNode poisNode = root.path("pois");
    if (!poisNode.isArray() || poisNode.isEmpty() || poisNode.size() > 2) {
      throw new InputException(src, "pois", "expected an array of 1 or 2 parameter names");
    }
    List<String> pois = new ArrayList<>();
    for (int k = 0; k < poisNode.size(); k++) {
      if (!poisNode.get(k).isTextual()) {
        throw new InputException(src, "pois[" + k + "]", "expected a string");
      }
      pois.add(poisNode.get(k).asText());
    }
    double[] reference = new double[pois.size()];
    if (root.has("reference")) {
      reference = numbers(root.get("reference"), pois.size(), src, "reference");
    }
    JsonNode pts = root.path("points");
    if (!pts.isArray() || pts.isEmpty()) {
      throw new InputException(src, "points", "expected a non-empty array of points");
    }
    Path dir = manifest.toAbsolutePath().getParent();
    List<double[]> values = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < pts.size(); i++) {
      JsonNode p = pts.get(i);
      String path = "points[" + i + "]";
      if (!p.path("workspace").isTextual()) {
        throw new InputException(src, path + ".workspace", "expected the path of the point's workspace");
      }
      values.add(numbers(p.path("values"), pois.size(), src, path + ".values"));
      files.add(dir.resolve(p.get("workspace").asText()));
    }
    // grid: sort points, check completeness
    Integer[] order = new Integer[values.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(values.get(a)[0], values.get(b)[0]);
      return c != 0 || pois.size() == 1 ? c : Double.compare(values.get(a)[1], values.get(b)[1]);
    });
    int[] shape;
    if (pois.size() == 1) {
      shape = new int[] {values.size()};
      for (int i = 1; i < order.length; i++) {
        if (values.get(order[i])[0] == values.get(order[i - 1])[0]) {
          throw new InputException(src, "points[" + order[i] + "].values", "duplicate scan point " + values.get(order[i])[0]);
        }
      }
    } else {
      TreeMap<Double, Integer> xs = new TreeMap<>();
      TreeMap<Double, Integer> ys = new TreeMap<>();
      for (double[] v : values) {
        xs.put(v[0], 0);
        ys.put(v[1], 0);
      }
      shape = new int[] {xs.size(), ys.size()};
      if (xs.size() * ys.size() != values.size()) {
        throw new InputException(src, "points", "2-D points must fill a complete grid: " + xs.size() + " × " + ys.size()
            + " values but " + values.size() + " points");
      }
      for (int i = 1; i < order.length; i++) {
        if (Arrays.equals(values.get(order[i]), values.get(order[i - 1]))) {
          throw new InputException(src, "points[" + order[i] + "].values", "duplicate scan point " + Arrays.toString(values.get(order[i])));
        }
      }
    }
    List<FamilyPoint> points = new ArrayList<>();
    for (Integer i : order) {
      Path f = files.get(i);
      Workspace ws = WorkspaceIO.read(f);
      try {
        ModelSpec spec = ws.model(null);
        CompiledModel m = Models.compile(ws, null);
        points.add(new FamilyPoint(values.get(i), spec, m, Models.observedData(ws, m)));
      } catch (SpecException e) {
        throw new InputException(f.toString(), e.path(), e.getMessage());
      }
    }
    try {
      return new ModelFamily(pois, shape, points, reference).withSource(src);
    } catch (IllegalArgumentException e) {
      throw new InputException(src, "points", e.getMessage());
    }
  }

  private static double[] numbers(JsonNode n, int expected, String src, String path) {
    if (!n.isArray() || n.size() != expected) {
      throw new InputException(src, path, "expected an array of " + expected + " number(s)");
    }
    double[] v = new double[expected];
    for (int k = 0; k < expected; k++) {
      if (!n.get(k).isNumber() || !Double.isFinite(n.get(k).doubleValue())) {
        throw new InputException(src, path + "[" + k + "]", "expected a finite number");
      }
      v[k] = n.get(k).doubleValue();
    }
    return v;
  }

  /** The workspace of a point: its spec, its main data as observations, one measurement. */
  public static Workspace workspace(ModelSpec spec, CompiledModel model, double[] data, String measurementName) {
    Map<String, double[]> byChannel = new TreeMap<>();
    List<String> names = model.channelNames();
    for (int c = 0; c < names.size(); c++) {
      byChannel.put(names.get(c), Arrays.copyOfRange(data, model.channelOffset(c), model.channelOffset(c) + model.channelNbins(c)));
    }
    List<Observation> obs = new ArrayList<>();
    for (ChannelSpec ch : spec.channels()) {
      obs.add(new Observation(ch.name(), byChannel.get(ch.name())));
    }
    Measurement m = new Measurement(measurementName, spec.poi() == null ? "" : spec.poi(), spec.parameters());
    return new Workspace(spec.channels(), obs, List.of(m), "1.0.0");
  }

  static String pointName(int i) {
    return String.format(Locale.ROOT, "point_%03d", i);
  }

  /** Writes the family (native workspaces + manifest) into {@code dir}; returns the manifest path. */
  public static Path write(ModelFamily family, Path dir) {
    try {
      Files.createDirectories(dir);
      ObjectNode root = F.objectNode();
      root.put("sumbin_family", FORMAT);
      ArrayNode pois = root.putArray("pois");
      family.pois().forEach(pois::add);
      ArrayNode ref = root.putArray("reference");
      for (double v : family.reference()) {
        ref.add(v);
      }
      ArrayNode pts = root.putArray("points");
      for (int i = 0; i < family.size(); i++) {
        FamilyPoint p = family.point(i);
        String file = pointName(i) + ".json";
        WorkspaceIO.write(workspace(p.spec(), p.model(), p.data(), "family_point"), dir.resolve(file));
        ObjectNode po = pts.addObject();
        ArrayNode v = po.putArray("values");
        for (double t : p.theta()) {
          v.add(t);
        }
        po.put("workspace", file);
      }
      Path manifest = dir.resolve("family.json");
      Json.writeAtomically(manifest, Json.pretty(root));
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write family into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Files written by {@link #exportPyhf}. */
  public record Export(List<Path> pointWorkspaces, Path bkgonly, Path patchset) {}

  /**
   * Exports the family for pyhf into {@code dir}: point workspaces, bkgonly.json and
   * patchset.json, all validated against pyhf's schemas before writing.
   *
   * @param hepdata a HEPData record id for the patch set's required {@code references}
   *     ({@code insNNNNNNN}; pyhf's schema demands one — {@code ins0000000} marks "none")
   */
  public static Export exportPyhf(ModelFamily family, Path dir, String hepdata) {
    if (!hepdata.matches("^ins[0-9]{7}$")) {
      throw new io.sumbin.histmodel.BadInputException("HEPData reference must look like ins1234567, got '" + hepdata + "'");
    }
    try {
      Files.createDirectories(dir);
      List<Path> files = new ArrayList<>();
      List<ObjectNode> jsons = new ArrayList<>();
      for (int i = 0; i < family.size(); i++) {
        FamilyPoint p = family.point(i);
        ModelSpec pair = family.pairSpec(i);
        for (var ch : pair.channels()) {
          for (var smp : ch.samples()) {
            if (smp.hasTerms()) {
              java.util.Set<String> ps = new java.util.TreeSet<>();
              smp.terms().forEach(t -> ps.addAll(t.coefficient().parameters()));
              throw new io.sumbin.histmodel.BadInputException("point " + i + ", channel '" + ch.name() + "', sample '" + smp.name()
                  + "': the yields depend on the profiled parameters " + ps + ", which pyhf cannot express;"
                  + " export a family without profiled coefficients, or keep it in sumbin's format (FamilyIO.write)");
            }
          }
        }
        CompiledModel pm = io.sumbin.histmodel.compile.ModelCompiler.compile(pair);
        double[] main = Arrays.copyOf(p.data(), p.model().nMain());
        Workspace ws = workspace(pair, pm, pm.withAuxdata(main), "hypothesis_" + pointName(i));
        ObjectNode j = WorkspaceIO.toJson(ws);
        requireValid(Schemas.pyhfWorkspace(), j, "point workspace " + i);
        Path f = dir.resolve(pointName(i) + ".json");
        Json.writeAtomically(f, Json.pretty(j));
        files.add(f);
        jsons.add(j);
      }
      // background only: the first point without its delta samples
      ObjectNode bkg = jsons.get(0).deepCopy();
      for (JsonNode ch : bkg.get("channels")) {
        ArrayNode samples = (ArrayNode) ch.get("samples");
        for (int s = samples.size() - 1; s >= 0; s--) {
          if (samples.get(s).get("name").asText().endsWith("_delta")) {
            samples.remove(s);
          }
        }
      }
      requireValid(Schemas.pyhfWorkspace(), bkg, "bkgonly workspace");
      ObjectNode ps = F.objectNode();
      ObjectNode meta = ps.putObject("metadata");
      meta.put("description", "sumbin model family: per scan point, the simple hypothesis theta' (mu = 1) against the reference "
          + Arrays.toString(family.reference()) + " (mu = 0)");
      meta.putObject("digests").put("sha256", PyhfDigest.sha256(bkg));
      ArrayNode labels = meta.putArray("labels");
      family.pois().forEach(labels::add);
      meta.putObject("references").put("hepdata", hepdata);
      ArrayNode patches = ps.putArray("patches");
      for (int i = 0; i < family.size(); i++) {
        ObjectNode pe = patches.addObject();
        ObjectNode pm = pe.putObject("metadata");
        pm.put("name", pointName(i));
        ArrayNode vals = pm.putArray("values");
        for (double t : family.point(i).theta()) {
          vals.add(t);
        }
        pe.set("patch", JsonPatch.diffWorkspaces(bkg, jsons.get(i)));
      }
      ps.put("version", "1.0.0");
      requireValid(Schemas.pyhfPatchset(), ps, "patch set");
      Path b = dir.resolve("bkgonly.json");
      Path p = dir.resolve("patchset.json");
      Json.writeAtomically(b, Json.pretty(bkg));
      Json.writeAtomically(p, Json.pretty(ps));
      return new Export(files, b, p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void requireValid(com.networknt.schema.JsonSchema schema, JsonNode node, String what) {
    List<Schemas.Problem> problems = Schemas.validate(schema, node);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(what + " does not validate: " + problems.get(0));
    }
  }
}
