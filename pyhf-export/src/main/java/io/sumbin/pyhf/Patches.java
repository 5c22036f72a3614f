package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Patches in, with pyhf's semantics: HEPData's RFC 6902 patch files ({@code pyhf cls BKG.json -p
 * patch.json}) and pyhf patch sets ({@code pyhf patchset apply}).
 *
 * <ul>
 *   <li>A plain patch is applied as {@code Workspace.model(patches=[...])} does: to the model
 *       specification {@code {"channels": ..., "parameters": <the measurement's parameter
 *       configs>}}, not to the whole workspace; the observations stay the workspace's.
 *   <li>A patch set's patch is applied to the whole workspace after the set's digests have been
 *       verified against it ({@code PatchSet.apply}: a patch set made for another background-only
 *       workspace is refused).
 * </ul>
 *
 * Every failure is an {@link InputException} naming the patch file and the failing operation's
 * index and JSON pointer.
 */
public final class Patches {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Patches() {}

  /** Whether a parsed document is a pyhf patch set (an object with metadata and patches). */
  public static boolean isPatchSet(JsonNode doc) {
    return doc.isObject() && doc.has("patches") && doc.has("metadata");
  }

  /**
   * Applies a plain RFC 6902 patch as pyhf's {@code Workspace.model(patches=...)}: to
   * {@code {"channels", "parameters"}} of measurement {@code measurement} (the first when null),
   * the result written back into a copy of the workspace.
   *
   * @param workspace the workspace document (read)
   * @param patch array of operations (read)
   * @param patchSource the patch file's name, for messages
   */
  public static ObjectNode applyToModel(JsonNode workspace, JsonNode patch, String measurement, String patchSource) {
    int mi = measurementIndex(workspace, measurement, patchSource);
    ObjectNode spec = F.objectNode();
    spec.set("channels", workspace.path("channels"));
    JsonNode params = mi >= 0 ? workspace.get("measurements").get(mi).path("config").path("parameters") : F.arrayNode();
    spec.set("parameters", params);
    JsonNode out;
    try {
      out = JsonPatch.apply(spec, patch);
    } catch (JsonPatch.Failure f) {
      throw new InputException(patchSource, "", f.getMessage() + " (applied, as pyhf does, to the model specification"
          + " {channels, parameters})");
    }
    if (!out.isObject()) {
      throw new InputException(patchSource, "", "the patch replaces the whole model specification with a "
          + out.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    for (Iterator<String> it = out.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("channels") && !k.equals("parameters")) {
        throw new InputException(patchSource, "", "the patch adds '/" + k + "'; a model specification has only"
            + " /channels and /parameters (pyhf applies -p patches to the model, not the workspace)");
      }
    }
    ObjectNode ws = workspace.deepCopy();
    ws.set("channels", out.path("channels").deepCopy());
    if (mi >= 0) {
      ((ObjectNode) ws.get("measurements").get(mi).get("config")).set("parameters", out.path("parameters").deepCopy());
    }
    return ws;
  }

  private static int measurementIndex(JsonNode ws, String name, String source) {
    JsonNode ms = ws.path("measurements");
    if (!ms.isArray() || ms.isEmpty()) {
      return -1; // the workspace reader reports it
    }
    if (name == null) {
      return 0;
    }
    for (int i = 0; i < ms.size(); i++) {
      if (name.equals(ms.get(i).path("name").asText(null))) {
        return i;
      }
    }
    return -1;
  }

  /** One patch of a patch set. */
  public record Patch(int index, String name, double[] values, JsonNode metadata, JsonNode operations) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    /** The values formatted as in pyhf ({@code (1400, 600)} → {@code 1400,600}). */
    public String valuesText() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        double v = values[i];
        sb.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
      }
      return sb.toString();
    }
  }

  /**
   * A pyhf patch set: metadata (description, digests, labels, references), the patches, and
   * look-up by name or by values.
   */
  public record PatchSet(String source, JsonNode json, List<String> labels, Map<String, String> digests, List<Patch> patches) {

    /** Parses and validates (pyhf schema, unique names and values, one value per label). */
    public static PatchSet parse(JsonNode doc, String source) {
      List<Schemas.Problem> problems = Schemas.validate(Schemas.pyhfPatchset(), doc);
      if (!problems.isEmpty()) {
        Schemas.Problem p = problems.get(0);
        throw new InputException(source, p.path(), "not a pyhf patch set: " + p.message());
      }
      JsonNode md = doc.get("metadata");
      List<String> labels = new ArrayList<>();
      md.get("labels").forEach(l -> labels.add(l.asText()));
      Map<String, String> digests = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = md.get("digests").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        digests.put(e.getKey(), e.getValue().asText());
      }
      List<Patch> patches = new ArrayList<>();
      Map<String, Integer> byName = new LinkedHashMap<>();
      Map<String, Integer> byValues = new LinkedHashMap<>();
      JsonNode ps = doc.get("patches");
      for (int i = 0; i < ps.size(); i++) {
        JsonNode p = ps.get(i);
        String name = p.get("metadata").get("name").asText();
        JsonNode vs = p.get("metadata").get("values");
        double[] values = new double[vs.size()];
        for (int k = 0; k < values.length; k++) {
          values[k] = vs.get(k).asDouble();
        }
        String where = "patches[" + i + "].metadata";
        if (values.length != labels.size()) {
          throw new InputException(source, where + ".values", "patch '" + name + "' has " + values.length
              + " values, the patch set has " + labels.size() + " labels " + labels);
        }
        Integer prev = byName.put(name, i);
        if (prev != null) {
          throw new InputException(source, where + ".name", "patch name '" + name + "' is also used by patches[" + prev + "]");
        }
        Patch patch = new Patch(i, name, values, p.get("metadata"), p.get("patch"));
        prev = byValues.put(key(values), i);
        if (prev != null) {
          throw new InputException(source, where + ".values", "patch values (" + patch.valuesText()
              + ") are also those of patches[" + prev + "]");
        }
        patches.add(patch);
      }
      return new PatchSet(source, doc, List.copyOf(labels), Map.copyOf(digests), List.copyOf(patches));
    }

    private static String key(double[] v) {
      return Arrays.toString(v);
    }

    /** The patch called {@code name}. @throws InputException when there is none */
    public Patch byName(String name) {
      for (Patch p : patches) {
        if (p.name().equals(name)) {
          return p;
        }
      }
      throw new InputException(source, "patches", "no patch named '" + name + "' (" + patches.size()
          + " patches, e.g. " + examples() + ")");
    }

    /** The patch with these values (compared as numbers, 350 = 350.0). @throws InputException when there is none */
    public Patch byValues(double[] values) {
      if (values.length != labels.size()) {
        throw new InputException(source, "metadata.labels", values.length + " values given, the patch set has "
            + labels.size() + " labels " + labels);
      }
      for (Patch p : patches) {
        if (Arrays.equals(p.values(), values)) {
          return p;
        }
      }
      throw new InputException(source, "patches", "no patch with values " + Arrays.toString(values) + " for "
          + labels + " (" + patches.size() + " patches, e.g. " + examples() + ")");
    }

    private String examples() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < Math.min(3, patches.size()); i++) {
        sb.append(i > 0 ? ", " : "").append(patches.get(i).name()).append(" (").append(patches.get(i).valuesText()).append(')');
      }
      return sb.toString();
    }

    /**
     * pyhf's {@code PatchSet.verify}: every digest of the patch set must equal the workspace's.
     *
     * @throws InputException naming both digests when one differs
     */
    public void verify(JsonNode workspace, String workspaceSource) {
      for (Map.Entry<String, String> e : digests.entrySet()) {
        String actual;
        try {
          actual = PyhfDigest.digest(workspace, e.getKey());
        } catch (io.sumbin.histmodel.BadInputException ex) {
          throw new InputException(source, "metadata.digests." + e.getKey(), ex.getMessage());
        }
        if (!actual.equals(e.getValue())) {
          throw new InputException(source, "metadata.digests." + e.getKey(), "the patch set was made for another"
              + " background-only workspace: expected " + e.getValue() + ", " + workspaceSource + " has " + actual);
        }
      }
    }

    /** pyhf's {@code PatchSet.apply}: verifies the digests, then applies the patch to the whole workspace. */
    public ObjectNode apply(JsonNode workspace, String workspaceSource, Patch patch) {
      verify(workspace, workspaceSource);
      return applyVerified(workspace, patch);
    }

    /** Applies a patch to a workspace already {@link #verify verified} (many points of one set). */
    public ObjectNode applyVerified(JsonNode workspace, Patch patch) {
      JsonNode out;
      try {
        out = JsonPatch.apply(workspace, patch.operations());
      } catch (JsonPatch.Failure f) {
        throw new InputException(source, "patches[" + patch.index() + "].patch", "patch '" + patch.name() + "': " + f.getMessage());
      }
      if (!out.isObject()) {
        throw new InputException(source, "patches[" + patch.index() + "].patch", "patch '" + patch.name()
            + "' does not leave a workspace object");
      }
      return (ObjectNode) out;
    }

    /** {@code pyhf patchset extract --with-metadata}: the patch with its metadata merged with the set's. */
    public ObjectNode extractWithMetadata(Patch p) {
      ObjectNode o = F.objectNode();
      ObjectNode md = p.metadata().deepCopy();
      md.setAll((ObjectNode) json.get("metadata").deepCopy());
      o.set("metadata", md);
      o.set("patch", p.operations().deepCopy());
      return o;
    }
  }

  /** A patch set file's patch operations as a bare RFC 6902 array (copy). */
  public static ArrayNode operations(Patch p) {
    return (ArrayNode) p.operations().deepCopy();
  }
}
