package io.sumbin.summaries.nn;

import static io.sumbin.summaries.persistence.MetaJson.F;
import static io.sumbin.summaries.persistence.MetaJson.FORMAT;
import static io.sumbin.summaries.persistence.MetaJson.FORMAT_VERSION;
import static io.sumbin.summaries.persistence.MetaJson.doubleArray;
import static io.sumbin.summaries.persistence.MetaJson.doubles;
import static io.sumbin.summaries.persistence.MetaJson.intArray;
import static io.sumbin.summaries.persistence.MetaJson.integer;
import static io.sumbin.summaries.persistence.MetaJson.ints;
import static io.sumbin.summaries.persistence.MetaJson.number;
import static io.sumbin.summaries.persistence.MetaJson.strings;
import static io.sumbin.summaries.persistence.MetaJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.InputEncoding;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The parts of {@code summary.json} that describe a trained network: the common header (method, inputs,
 * scaler, hyperparameters, library versions, loss history), network entries, scalers. Internal; the generic
 * path-aware JSON reading and writing is {@link io.sumbin.summaries.persistence.MetaJson}.
 */
public final class ModelJson {
  private ModelJson() {}

  /** The fields every model has. */
  public static ObjectNode common(String method, List<String> inputs, Standardizer inputScaler, List<String> outputs,
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

  public static ObjectNode network(String file, Mlp m) {
    ObjectNode n = F.objectNode();
    n.put("file", file);
    n.put("inputs", m.inputs());
    n.set("hidden", ints(m.hidden()));
    n.put("outputs", m.outputs());
    n.put("activation", m.activation().name());
    n.put("trainable_parameters", m.parameterCount());
    return n;
  }

  public static ObjectNode settings(TrainingSettings s) {
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

  public static TrainingSettings readSettings(Path file, JsonNode root) {
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

  public static ObjectNode history(TrainingHistory h) {
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

  public static TrainingHistory readHistory(Path file, JsonNode root) {
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

  public static ObjectNode scaler(Standardizer s) {
    ObjectNode o = F.objectNode();
    o.set("mean", doubles(s.mean()));
    o.set("scale", doubles(s.scale()));
    return o;
  }

  public static Standardizer readScaler(Path file, JsonNode root, String key, int size) {
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
}
