package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON Patch (RFC 6902) with JSON Pointers (RFC 6901): applying patches and producing a simple one
 * between two workspaces.
 */
public final class JsonPatch {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonPatch() {}

  /** Applies a patch (array of operations) to a copy of {@code doc}. */
  public static JsonNode apply(JsonNode doc, JsonNode patch) {
    JsonNode root = doc.deepCopy();
    if (!patch.isArray()) {
      throw new IllegalArgumentException("a JSON patch is an array of operations");
    }
    for (int i = 0; i < patch.size(); i++) {
      JsonNode op = patch.get(i);
      String kind = op.path("op").asText();
      String path = op.path("path").asText(null);
      if (path == null) {
        throw new IllegalArgumentException("operation " + i + " has no path");
      }
      switch (kind) {
        case "add" -> root = add(root, path, op.get("value").deepCopy());
        case "remove" -> root = remove(root, path);
        case "replace" -> {
          get(root, path, i);
          root = path.isEmpty() ? op.get("value").deepCopy() : add(remove(root, path), path, op.get("value").deepCopy());
        }
        case "test" -> {
          if (!get(root, path, i).equals(op.get("value"))) {
            throw new IllegalArgumentException("operation " + i + ": test failed at " + path);
          }
        }
        case "move" -> {
          JsonNode v = get(root, op.get("from").asText(), i);
          root = add(remove(root, op.get("from").asText()), path, v);
        }
        case "copy" -> root = add(root, path, get(root, op.get("from").asText(), i).deepCopy());
        default -> throw new IllegalArgumentException("operation " + i + ": unknown op '" + kind + "'");
      }
    }
    return root;
  }

  static List<String> tokens(String pointer) {
    List<String> t = new ArrayList<>();
    if (pointer.isEmpty()) {
      return t;
    }
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("JSON pointer must start with '/': " + pointer);
    }
    for (String s : pointer.substring(1).split("/", -1)) {
      t.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return t;
  }

  static JsonNode get(JsonNode root, String pointer, int opIndex) {
    JsonNode n = root;
    for (String tok : tokens(pointer)) {
      n = n.isArray() ? n.get(Integer.parseInt(tok)) : n.get(tok);
      if (n == null) {
        throw new IllegalArgumentException("operation " + opIndex + ": no value at " + pointer);
      }
    }
    return n;
  }

  private static JsonNode parentOf(JsonNode root, List<String> toks) {
    JsonNode n = root;
    for (int i = 0; i < toks.size() - 1; i++) {
      String tok = toks.get(i);
      n = n.isArray() ? n.get(Integer.parseInt(tok)) : n.get(tok);
      if (n == null) {
        throw new IllegalArgumentException("missing parent for /" + String.join("/", toks));
      }
    }
    return n;
  }

  private static JsonNode add(JsonNode root, String pointer, JsonNode value) {
    List<String> toks = tokens(pointer);
    if (toks.isEmpty()) {
      return value;
    }
    JsonNode parent = parentOf(root, toks);
    String last = toks.get(toks.size() - 1);
    if (parent.isArray()) {
      ArrayNode a = (ArrayNode) parent;
      if (last.equals("-")) {
        a.add(value);
      } else {
        a.insert(Integer.parseInt(last), value);
      }
    } else {
      ((ObjectNode) parent).set(last, value);
    }
    return root;
  }

  private static JsonNode remove(JsonNode root, String pointer) {
    List<String> toks = tokens(pointer);
    JsonNode parent = parentOf(root, toks);
    String last = toks.get(toks.size() - 1);
    if (parent.isArray()) {
      ((ArrayNode) parent).remove(Integer.parseInt(last));
    } else {
      ((ObjectNode) parent).remove(last);
    }
    return root;
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
