package io.sumbin.summaries;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing {@code summary.json} with path-aware errors. */
final class MetaJson {
  static final String FILE = "summary.json";
  static final String FORMAT = "sumbin-summary";
  static final int FORMAT_VERSION = 1;
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetaJson() {}

  /** The fields every model has. */
  static ObjectNode common(String method, List<String> inputs, Standardizer inputScaler, List<String> outputs,
      List<String> parameters, TrainingSettings s, TrainingHistory h) {
    ObjectNode o = F.objectNode();
    o.put("format", FORMAT);
    o.put("format_version", FORMAT_VERSION);
    o.put("method", method);
    o.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    o.set("inputs", strings(inputs));
    if (inputScaler != null) {
      o.set("input_scaler", scaler(inputScaler));
    }
    o.set("outputs", strings(outputs));
    o.set("parameters", strings(parameters));
    if (s != null) {
      o.set("hyperparameters", settings(s));
      o.put("seed", s.seed());
    }
    ObjectNode v = o.putObject("versions");
    Djl.versions().forEach(v::put);
    if (h != null) {
      o.set("history", history(h));
    }
    return o;
  }

  static void annotate(ObjectNode meta, String key, String value) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("annotation key must be non-blank");
    }
    ObjectNode a = meta.has("annotations") && meta.get("annotations").isObject() ? (ObjectNode) meta.get("annotations")
        : meta.putObject("annotations");
    a.put(key, value);
  }

  static ObjectNode network(String file, Mlp m) {
    ObjectNode n = F.objectNode();
    n.put("file", file);
    n.put("inputs", m.inputs());
    n.set("hidden", ints(m.hidden()));
    n.put("outputs", m.outputs());
    n.put("activation", m.activation().name());
    n.put("trainable_parameters", m.parameterCount());
    return n;
  }

  static ObjectNode settings(TrainingSettings s) {
    ObjectNode o = F.objectNode();
    o.set("hidden", ints(s.hidden()));
    o.put("activation", s.activation().name());
    o.put("batch_size", s.batchSize());
    o.put("learning_rate", s.learningRate());
    o.put("learning_rate_decay", s.learningRateDecay());
    o.put("max_epochs", s.maxEpochs());
    o.put("patience", s.patience());
    o.put("validation_fraction", s.validationFraction());
    o.put("inference_batch", s.inferenceBatch());
    o.put("optimizer", "adam");
    o.put("input_encoding", s.encoding().name());
    o.put("encoding_bins", s.encodingBins());
    o.put("label_clip", s.labelClip());
    return o;
  }

  static TrainingSettings readSettings(Path file, JsonNode root) {
    JsonNode o = root.get("hyperparameters");
    if (o == null || o.isNull()) {
      return null;
    }
    try {
      return new TrainingSettings(intArray(file, o, "hyperparameters", "hidden"),
          TrainingSettings.Activation.valueOf(text(file, o, "hyperparameters", "activation")),
          integer(file, o, "hyperparameters", "batch_size"), number(file, o, "hyperparameters", "learning_rate"),
          number(file, o, "hyperparameters", "learning_rate_decay"), integer(file, o, "hyperparameters", "max_epochs"),
          integer(file, o, "hyperparameters", "patience"), number(file, o, "hyperparameters", "validation_fraction"),
          root.path("seed").asLong(), false, integer(file, o, "hyperparameters", "inference_batch"),
          o.has("input_encoding") ? InputEncoding.valueOf(text(file, o, "hyperparameters", "input_encoding")) : InputEncoding.STANDARD,
          o.has("encoding_bins") ? integer(file, o, "hyperparameters", "encoding_bins") : 16,
          o.has("label_clip") ? number(file, o, "hyperparameters", "label_clip") : 0.0);
    } catch (IllegalArgumentException e) {
      throw new SummaryFormatException(file, "hyperparameters", e.getMessage());
    }
  }

  static ObjectNode history(TrainingHistory h) {
    ObjectNode o = F.objectNode();
    o.set("train_loss", doubles(h.trainLoss()));
    o.set("validation_loss", doubles(h.validationLoss()));
    o.put("best_epoch", h.bestEpoch());
    o.put("stopped_early", h.stoppedEarly());
    o.put("diverged", h.diverged());
    o.put("seconds", h.seconds());
    o.put("train_examples", h.trainExamples());
    o.put("validation_examples", h.validationExamples());
    o.set("epoch_seconds", doubles(h.epochSeconds()));
    if (h.selectedOnMetric()) {
      o.set("validation_metric", doubles(h.validationMetric()));
    }
    return o;
  }

  static TrainingHistory readHistory(Path file, JsonNode root) {
    JsonNode o = root.get("history");
    if (o == null || o.isNull()) {
      return null;
    }
    return new TrainingHistory(doubleArray(file, o, "history", "train_loss"),
        doubleArray(file, o, "history", "validation_loss"), integer(file, o, "history", "best_epoch"),
        o.path("stopped_early").asBoolean(), o.path("seconds").asDouble(), o.path("train_examples").asLong(),
        o.path("validation_examples").asLong(), o.path("diverged").asBoolean(),
        o.has("epoch_seconds") ? doubleArray(file, o, "history", "epoch_seconds") : new double[0],
        o.has("validation_metric") ? doubleArray(file, o, "history", "validation_metric") : new double[0]);
  }

  static ObjectNode scaler(Standardizer s) {
    ObjectNode o = F.objectNode();
    o.set("mean", doubles(s.mean()));
    o.set("scale", doubles(s.scale()));
    return o;
  }

  static Standardizer readScaler(Path file, JsonNode root, String key, int size) {
    JsonNode o = root.get(key);
    if (o == null || !o.isObject()) {
      throw new SummaryFormatException(file, key, "missing scaler object");
    }
    double[] m = doubleArray(file, o, key, "mean");
    double[] s = doubleArray(file, o, key, "scale");
    if (m.length != size || s.length != size) {
      throw new SummaryFormatException(file, key, "expected " + size + " means and scales, got " + m.length + " and " + s.length);
    }
    try {
      return new Standardizer(m, s);
    } catch (IllegalArgumentException e) {
      throw new SummaryFormatException(file, key, e.getMessage());
    }
  }

  static ArrayNode strings(List<String> l) {
    ArrayNode a = F.arrayNode();
    l.forEach(a::add);
    return a;
  }

  static ArrayNode ints(int[] v) {
    ArrayNode a = F.arrayNode();
    for (int x : v) {
      a.add(x);
    }
    return a;
  }

  /** Doubles; non-finite values become null (JSON has no NaN) and read back as NaN. */
  static ArrayNode doubles(double[] v) {
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

  static ArrayNode matrix(double[][] v) {
    ArrayNode a = F.arrayNode();
    for (double[] row : v) {
      a.add(doubles(row));
    }
    return a;
  }

  /** Hex SHA-256 of a file's bytes. */
  static String sha256(Path file) {
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
  static void verifyWeights(Path metaFile, String path, Path weights, String expectedSha256) {
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

  static void write(Path dir, ObjectNode meta) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(FILE), MAPPER.writeValueAsString(meta) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  static String text(ObjectNode meta) {
    try {
      return MAPPER.writeValueAsString(meta);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads and checks the header of {@code dir/summary.json}. */
  static ObjectNode read(Path dir) {
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

  static JsonNode required(Path file, JsonNode o, String path, String key) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      throw new SummaryFormatException(file, join(path, key), "missing");
    }
    return v;
  }

  static String text(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    if (!v.isTextual()) {
      throw new SummaryFormatException(file, join(path, key), "expected a string, got " + v);
    }
    return v.asText();
  }

  static int integer(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new SummaryFormatException(file, join(path, key), "expected an integer, got " + v);
    }
    return v.asInt();
  }

  static double number(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    if (!v.isNumber()) {
      throw new SummaryFormatException(file, join(path, key), "expected a number, got " + v);
    }
    return v.asDouble();
  }

  static List<String> stringList(Path file, JsonNode o, String path, String key) {
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

  static double[] doubleArray(Path file, JsonNode o, String path, String key) {
    JsonNode v = required(file, o, path, key);
    return doubleArray(file, v, join(path, key));
  }

  static double[] doubleArray(Path file, JsonNode v, String path) {
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

  static double[][] matrix(Path file, JsonNode o, String path, String key) {
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

  static int[] intArray(Path file, JsonNode o, String path, String key) {
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

  static Map<String, String> versions(JsonNode root) {
    Map<String, String> m = new LinkedHashMap<>();
    root.path("versions").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  static String join(String path, String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }
}
