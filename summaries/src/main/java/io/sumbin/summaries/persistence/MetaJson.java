package io.sumbin.summaries.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing {@code summary.json} with path-aware errors: every reader names the file and the JSON
 * path of the offending value ({@link SummaryFormatException}). A helper of the model formats of this module,
 * public only so that the method packages can share it.
 */
public final class MetaJson {
  public static final String FILE = "summary.json";
  public static final String FORMAT = "sumbin-summary";
  public static final int FORMAT_VERSION = 1;
  public static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetaJson() {}

  public static void annotate(ObjectNode meta, String key, String value) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("annotation key must be non-blank");
    }
    ObjectNode a = meta.has("annotations") && meta.get("annotations").isObject() ? (ObjectNode) meta.get("annotations")
        : meta.putObject("annotations");
    a.put(key, value);
  }

  public static ArrayNode strings(List<String> l) {
    ArrayNode a = F.arrayNode();
    l.forEach(a::add);
    return a;
  }

  public static ArrayNode ints(int[] v) {
    ArrayNode a = F.arrayNode();
    for (int x : v) {
      a.add(x);
    }
    return a;
  }

  /** Doubles; non-finite values become null (JSON has no NaN) and read back as NaN. */
  public static ArrayNode doubles(double[] v) {
    ArrayNode a = F.arrayNode();
    for (double x : v) {
      if (Double.isFinite(x)) {
        a.add(x);
      } else {
        a.addNull();
      }
    }
    return a;
  }

  public static ArrayNode matrix(double[][] v) {
    ArrayNode a = F.arrayNode();
    for (double[] row : v) {
      a.add(doubles(row));
    }
    return a;
  }

  /** Hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      try (java.io.InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int k; (k = in.read(buf)) > 0; ) {
          md.update(buf, 0, k);
        }
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks a weights file listed in {@code summary.json}: it must exist, and when the metadata
   * records a {@code sha256} (every model saved since issue 12) the file's checksum must equal it.
   *
   * @throws SummaryFormatException naming the file and what is wrong
   */
  public static void verifyWeights(Path metaFile, String path, Path weights, String expectedSha256) {
    if (!Files.isRegularFile(weights)) {
      throw new SummaryFormatException(metaFile, path + ".file", "the weights file " + weights.getFileName()
          + " is missing from " + (weights.getParent() == null ? "." : weights.getParent()));
    }
    if (expectedSha256 != null && !expectedSha256.isEmpty()) {
      String actual = sha256(weights);
      if (!actual.equalsIgnoreCase(expectedSha256)) {
        throw new SummaryFormatException(weights, "", "the weights file is corrupted or was replaced: its SHA-256 is "
            + actual + ", " + metaFile.getFileName() + " records " + expectedSha256 + " (" + path + ".sha256)");
      }
    }
  }

  public static void write(Path dir, ObjectNode meta) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(FILE), MAPPER.writeValueAsString(meta) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  public static String text(ObjectNode meta) {
    try {
      return MAPPER.writeValueAsString(meta);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads and checks the header of {@code dir/summary.json}. */
  public static ObjectNode read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isDirectory(dir)) {
      throw new SummaryFormatException(dir, "", "not a model directory (expected a directory containing " + FILE + ")");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new SummaryFormatException(file, "", "missing (not a saved sumbin model directory)");
    } catch (JsonProcessingException e) {
      throw new SummaryFormatException(file, "", "invalid JSON at line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new SummaryFormatException(file, "", "expected a JSON object");
    }
    if (!FORMAT.equals(n.path("format").asText())) {
      throw new SummaryFormatException(file, "format", "expected \"" + FORMAT + "\", got " + n.get("format"));
    }
    int v = n.path("format_version").asInt(-1);
    if (v != FORMAT_VERSION) {
      throw new SummaryFormatException(file, "format_version", "unsupported version " + n.get("format_version")
          + " (this sumbin reads " + FORMAT_VERSION + ")");
    }
    return (ObjectNode) n;
  }

  public static JsonNode required(Path file, JsonNode o, String path, String key) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      throw new SummaryFormatException(file, join(path, key), "missing");
    }
    return v;
  }

  public static String text(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    if (!v.isTextual()) {
      throw new SummaryFormatException(file, join(path, key), "expected a string, got " + v);
    }
    return v.asText();
  }

  public static int integer(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new SummaryFormatException(file, join(path, key), "expected an integer, got " + v);
    }
    return v.asInt();
  }

  public static double number(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    if (!v.isNumber()) {
      throw new SummaryFormatException(file, join(path, key), "expected a number, got " + v);
    }
    return v.asDouble();
  }

  public static List<String> stringList(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    if (!v.isArray()) {
      throw new SummaryFormatException(file, join(path, key), "expected an array of strings, got " + v);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new SummaryFormatException(file, join(path, key) + "[" + i + "]", "expected a string, got " + v.get(i));
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  public static double[] doubleArray(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    return doubleArray(file, v, join(path, key));
  }

  public static double[] doubleArray(Path file, JsonNode v, String path) {
    if (!v.isArray()) {
      throw new SummaryFormatException(file, path, "expected an array of numbers, got " + v);
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = v.get(i);
      if (e.isNull()) {
        out[i] = Double.NaN;
      } else if (e.isNumber()) {
        out[i] = e.asDouble();
      } else {
        throw new SummaryFormatException(file, path + "[" + i + "]", "expected a number, got " + e);
      }
    }
    return out;
  }

  public static double[][] matrix(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    if (!v.isArray()) {
      throw new SummaryFormatException(file, join(path, key), "expected an array of arrays, got " + v);
    }
    double[][] out = new double[v.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubleArray(file, v.get(i), join(path, key) + "[" + i + "]");
    }
    return out;
  }

  public static int[] intArray(Path file, JsonNode o, String path, String key) {
    double[] d = doubleArray(file, o, path, key);
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      if (d[i] != Math.rint(d[i])) {
        throw new SummaryFormatException(file, join(path, key) + "[" + i + "]", "expected an integer, got " + d[i]);
      }
      out[i] = (int) d[i];
    }
    return out;
  }

  public static Map<String, String> versions(JsonNode root) {
    Map<String, String> m = new LinkedHashMap<>();
    root.path("versions").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  public static String join(String path, String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }
}
