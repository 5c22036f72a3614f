package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPointer;
import com.flipkart.zjsonpatch.JsonPointerEvaluationException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

/**
 * JSON Patch (RFC 6902) with JSON Pointers (RFC 6901), applied with the semantics of Python's
 * {@code jsonpatch} package that pyhf uses (zjsonpatch does the work; sumbin adds per-operation
 * error reporting and Python's numeric equality for {@code test}, where 1 equals 1.0), and a
 * simple patch between two workspaces for exporting patch sets.
 */
public final class JsonPatch {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

  private JsonPatch() {}

  /**
   * A patch operation that cannot be applied (conflict, missing target, failed test, malformed
   * operation). The message names the operation's index, kind and JSON pointer.
   */
  public static final class Failure extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int index;
    private final String pointer;

    Failure(int index, String op, String pointer, String detail) {
      super("operation " + index + (op == null ? "" : " ('" + op + "' at " + (pointer == null ? "?" : "\"" + pointer + "\"") + ")")
          + ": " + detail);
      this.index = index;
      this.pointer = pointer;
    }

    /** Index of the failing operation in the patch array. */
    public int index() {
      return index;
    }

    /** JSON pointer ({@code path}) of the failing operation, or null if it has none. */
    public String pointer() {
      return pointer;
    }
  }

  /**
   * Applies a patch (array of operations) to a copy of {@code doc}, operation by operation as
   * Python's {@code jsonpatch.apply_patch}; the first failing operation throws {@link Failure}.
   */
  public static JsonNode apply(JsonNode doc, JsonNode patch) {
    if (patch == null || !patch.isArray()) {
      throw new Failure(0, null, null, "a JSON patch is an array of operations, got "
          + (patch == null ? "nothing" : patch.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }
    JsonNode root = doc.deepCopy();
    for (int i = 0; i < patch.size(); i++) {
      JsonNode op = patch.get(i);
      if (!op.isObject()) {
        throw new Failure(i, null, null, "an operation is an object with 'op' and 'path'");
      }
      String kind = op.path("op").isTextual() ? op.get("op").asText() : null;
      String path = op.path("path").isTextual() ? op.get("path").asText() : null;
      if (kind == null || !OPS.contains(kind)) {
        throw new Failure(i, kind, path, kind == null ? "no 'op' member" : "unknown operation '" + kind + "'");
      }
      if (path == null) {
        throw new Failure(i, kind, null, "no 'path' member");
      }
      try {
        if (kind.equals("test")) {
          if (!op.has("value")) {
            throw new Failure(i, kind, path, "no 'value' member");
          }
          JsonNode actual = JsonPointer.parse(path).evaluate(root);
          if (!pythonEquals(actual, op.get("value"))) {
            throw new Failure(i, kind, path, "test failed: found " + abbreviate(actual) + ", expected " + abbreviate(op.get("value")));
          }
          continue;
        }
        ArrayNode one = F.arrayNode();
        one.add(op);
        if (path.isEmpty() && (kind.equals("add") || kind.equals("replace"))) {
          if (!op.has("value")) {
            throw new Failure(i, kind, path, "no 'value' member");
          }
          root = op.get("value").deepCopy(); // the whole document
          continue;
        }
        if (kind.equals("move") && op.path("from").isTextual() && path.startsWith(op.get("from").asText() + "/")) {
          throw new Failure(i, kind, path, "cannot move a value into one of its own children (from \"" + op.get("from").asText() + "\")");
        }
        com.flipkart.zjsonpatch.JsonPatch.applyInPlace(one, root, FLAGS);
      } catch (Failure f) {
        throw f;
      } catch (JsonPointerEvaluationException e) {
        throw new Failure(i, kind, path, "no value at " + e.getPath() + " (" + e.getMessage() + ")");
      } catch (RuntimeException e) {
        throw new Failure(i, kind, path, describe(e));
      }
    }
    return root;
  }

  private static String describe(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (m.startsWith("Object operation on array target")) {
      return "an array index must be a non-negative integer without leading zeros, or '-'";
    }
    if (m.startsWith("Invalid JSON Patch payload")) {
      return m.substring("Invalid JSON Patch payload ".length()).replace("(", "").replace(")", "");
    }
    return m;
  }

  private static String abbreviate(JsonNode n) {
    String t = n.toString();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  /**
   * Python's {@code ==} on parsed JSON: numbers by value (1 == 1.0, True == 1), objects by key set
   * and values, arrays element-wise.
   */
  public static boolean pythonEquals(JsonNode a, JsonNode b) {
    if ((a.isNumber() || a.isBoolean()) && (b.isNumber() || b.isBoolean())) {
      if (a.isIntegralNumber() && b.isIntegralNumber()) {
        return a.bigIntegerValue().equals(b.bigIntegerValue());
      }
      double x = a.isBoolean() ? (a.asBoolean() ? 1 : 0) : a.doubleValue();
      double y = b.isBoolean() ? (b.asBoolean() ? 1 : 0) : b.doubleValue();
      return x == y;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!pythonEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!b.has(k) || !pythonEquals(a.get(k), b.get(k))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /**
   * A patch turning workspace {@code from} into {@code to}: per channel, samples added at the end
   * when the rest of the channel is unchanged, otherwise the channel replaced; observations and
   * measurements replaced where they differ; channels added/removed at the end.
   */
  public static ArrayNode diffWorkspaces(JsonNode from, JsonNode to) {
    ArrayNode ops = F.arrayNode();
    JsonNode fc = from.get("channels");
    JsonNode tc = to.get("channels");
    int common = Math.min(fc.size(), tc.size());
    for (int c = 0; c < common; c++) {
      JsonNode a = fc.get(c);
      JsonNode b = tc.get(c);
      if (a.equals(b)) {
        continue;
      }
      if (a.get("name").equals(b.get("name")) && isPrefix(a.get("samples"), b.get("samples"))) {
        for (int s = a.get("samples").size(); s < b.get("samples").size(); s++) {
          ops.add(op("add", "/channels/" + c + "/samples/-", b.get("samples").get(s)));
        }
      } else {
        ops.add(op("replace", "/channels/" + c, b));
      }
    }
    for (int c = fc.size() - 1; c >= common; c--) {
      ObjectNode o = F.objectNode();
      o.put("op", "remove");
      o.put("path", "/channels/" + c);
      ops.add(o);
    }
    for (int c = common; c < tc.size(); c++) {
      ops.add(op("add", "/channels/-", tc.get(c)));
    }
    for (String key : new String[] {"observations", "measurements"}) {
      if (!from.get(key).equals(to.get(key))) {
        ops.add(op("replace", "/" + key, to.get(key)));
      }
    }
    for (Iterator<String> it = to.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!from.has(k)) {
        ops.add(op("add", "/" + escape(k), to.get(k)));
      }
    }
    return ops;
  }

  private static boolean isPrefix(JsonNode a, JsonNode b) {
    if (a.size() > b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static ObjectNode op(String kind, String path, JsonNode value) {
    ObjectNode o = F.objectNode();
    o.put("op", kind);
    o.put("path", path);
    o.set("value", value.deepCopy());
    return o;
  }
}
