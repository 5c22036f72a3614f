package io.sumbin.eft.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.sumbin.pyhf.InputException;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validation of study files against the bundled JSON schema ({@link StudyDefinition#SCHEMA_RESOURCE},
 * draft 7, validated by networknt's json-schema-validator through {@link Schemas}, so no network), with
 * the validator's findings rewritten as one line {@code FILE: <json path>: <what>}: {@code missing
 * (required)}, {@code unknown field (allowed: ...)} or {@code must be <what the schema asks>, got <value>},
 * the expectation read from the failing keyword's schema object (type, bounds, enum, const, items, and
 * the {@code description} of a pattern). Of several findings the most specific (deepest path) is reported;
 * at one depth unknown fields come first (a misspelt field also leaves a required one missing).
 */
public final class StudySchema {
  private StudySchema() {}

  /** The schema documents themselves by resource, for the expectations in messages. */
  private static final Map<String, JsonNode> DOCUMENTS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The bundled schema (cached by {@link Schemas}). */
  static JsonSchema schema() {
    return schema(StudyDefinition.SCHEMA_RESOURCE);
  }

  private static JsonSchema schema(String resource) {
    return Schemas.schema("classpath:" + resource.substring(1));
  }

  private static JsonNode document(String resource) {
    return DOCUMENTS.computeIfAbsent(resource, r -> {
      try (InputStream in = StudySchema.class.getResourceAsStream(r)) {
        if (in == null) {
          throw new IllegalStateException("no bundled resource " + r);
        }
        return Json.MAPPER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled " + r, e);
      }
    });
  }

  /** A finding: JSON path and text. */
  record Problem(String path, String message, int depth, int rank) {}

  /**
   * Validates a study's JSON.
   *
   * @throws InputException naming the file, the JSON path and what is wrong, for the first problem
   */
  static void validate(JsonNode root, String file) {
    validate(root, file, StudyDefinition.SCHEMA_RESOURCE);
  }

  /**
   * Validates JSON against another bundled draft-7 schema (an absolute classpath resource such as
   * {@code /io/sumbin/eft/analysis/analysis.schema.json}) with the same one-line messages.
   *
   * @throws InputException naming the file, the JSON path and what is wrong, for the first problem
   */
  public static void validate(JsonNode root, String file, String resource) {
    List<Problem> problems = problems(root, resource);
    if (!problems.isEmpty()) {
      Problem p = problems.get(0);
      throw new InputException(file, p.path().isEmpty() ? "$" : p.path(), p.message());
    }
  }

  /** All findings, most specific first. */
  static List<Problem> problems(JsonNode root) {
    return problems(root, StudyDefinition.SCHEMA_RESOURCE);
  }

  private static List<Problem> problems(JsonNode root, String resource) {
    List<Problem> out = new ArrayList<>();
    JsonNode doc = document(resource);
    for (ValidationMessage m : schema(resource).validate(root)) {
      out.add(problem(m, doc));
    }
    out.sort(Comparator.comparingInt((Problem p) -> -p.depth()).thenComparingInt(Problem::rank).thenComparing(Problem::path)
        .thenComparing(Problem::message));
    return out;
  }

  private static Problem problem(ValidationMessage m, JsonNode doc) {
    List<Object> path = elements(m.getInstanceLocation());
    JsonNode parent = schemaObject(m, doc);
    switch (m.getType()) {
      case "required" -> {
        path.add(m.getProperty());
        return new Problem(format(path), "missing (required)", path.size(), 2);
      }
      case "additionalProperties" -> {
        path.add(m.getProperty());
        List<String> allowed = new ArrayList<>();
        for (Iterator<String> it = parent.path("properties").fieldNames(); it.hasNext(); ) {
          allowed.add(it.next());
        }
        return new Problem(format(path), "unknown field (allowed: " + String.join(", ", allowed) + ")", path.size(), 0);
      }
      default -> {
        return new Problem(format(path), "must be " + expectation(parent) + ", got " + describe(m.getInstanceNode()), path.size(), 1);
      }
    }
  }

  /** The schema object that holds the failing keyword (its location minus the keyword). */
  private static JsonNode schemaObject(ValidationMessage m, JsonNode doc) {
    JsonNodePath fragment = m.getSchemaLocation().getFragment();
    JsonNode n = doc;
    for (int i = 0; i + 1 < fragment.getNameCount(); i++) {
      Object e = fragment.getElement(i);
      n = e instanceof Integer k ? n.path(k) : n.path((String) e);
    }
    return n;
  }

  private static List<Object> elements(JsonNodePath p) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < p.getNameCount(); i++) {
      out.add(p.getElement(i));
    }
    return out;
  }

  /** {@code grid.bins[1]}; "" for the root. */
  static String format(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object e : path) {
      if (e instanceof Integer k) {
        sb.append('[').append(k).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(e);
      }
    }
    return sb.toString();
  }

  /** What a schema object asks for, in words: {@code an integer in 1..10000}, {@code > 0}, {@code one of "a", "b"}. */
  static String expectation(JsonNode s) {
    if (s.has("const")) {
      return s.get("const").toString();
    }
    if (s.has("enum")) {
      List<String> v = new ArrayList<>();
      s.get("enum").forEach(x -> v.add(x.toString()));
      return "one of " + String.join(", ", v);
    }
    String type = s.path("type").asText("");
    String bounds = bounds(s);
    switch (type) {
      case "integer" -> {
        if (s.has("minimum") && s.has("maximum")) {
          return "an integer in " + s.get("minimum").asText() + ".." + s.get("maximum").asText();
        }
        return "an integer" + (bounds.isEmpty() ? "" : " " + bounds);
      }
      case "number" -> {
        return bounds.isEmpty() ? "a number" : bounds;
      }
      case "string" -> {
        if (s.has("description") && s.has("pattern")) {
          return s.get("description").asText();
        }
        return s.path("minLength").asInt(0) > 0 ? "a non-empty string" : "a string";
      }
      case "boolean" -> {
        return "true or false";
      }
      case "object" -> {
        return "an object";
      }
      case "array" -> {
        int min = s.path("minItems").asInt(0);
        int max = s.path("maxItems").asInt(-1);
        if (min == 2 && max == 2 && s.path("items").path("type").asText("").equals("number")) {
          return "[lo, hi]";
        }
        if (max < 0) {
          return min > 0 ? "a non-empty array" : "an array";
        }
        return "an array of " + (min == max ? Integer.toString(min) : min + " to " + max) + " items";
      }
      default -> {
        // keywords without a type of their own (minItems of an array given in an if/then)
        if (s.has("minItems") || s.has("maxItems")) {
          int min = s.path("minItems").asInt(0);
          int max = s.path("maxItems").asInt(-1);
          return max < 0 ? "a non-empty array" : "an array of " + min + " to " + max + " items";
        }
        return "valid here";
      }
    }
  }

  private static String bounds(JsonNode s) {
    List<String> b = new ArrayList<>();
    String lo = s.has("exclusiveMinimum") ? "(" + s.get("exclusiveMinimum").asText() : s.has("minimum") ? "[" + s.get("minimum").asText() : null;
    String hi = s.has("exclusiveMaximum") ? s.get("exclusiveMaximum").asText() + ")" : s.has("maximum") ? s.get("maximum").asText() + "]" : null;
    if (lo != null && hi != null) {
      return "in " + lo + ", " + hi;
    }
    for (Map.Entry<String, String> e : Map.of("exclusiveMinimum", "> ", "minimum", ">= ", "exclusiveMaximum", "< ", "maximum", "<= ")
        .entrySet()) {
      if (s.has(e.getKey())) {
        b.add(e.getValue() + s.get(e.getKey()).asText());
      }
    }
    return String.join(" and ", b);
  }

  /** A JSON value for a message: numbers, literals and (quoted) strings as written, containers by kind. */
  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    if (v.isTextual()) {
      return v.toString();
    }
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return v.size() == 0 ? "an empty array" : v.size() <= 4 ? v.toString() : "an array of " + v.size() + " items";
    }
    return v.toString();
  }
}
