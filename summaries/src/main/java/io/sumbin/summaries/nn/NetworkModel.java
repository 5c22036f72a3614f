package io.sumbin.summaries.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.ModelInfo;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared state and plumbing of the DJL-backed models: networks, input scaler, metadata, batched inference. */
public abstract class NetworkModel implements SavedModel {
  protected final NDManager manager;
  protected final ObjectNode meta;
  protected final Map<String, Mlp> nets;
  protected final List<String> inputs;
  protected final Standardizer inputScaler;
  /** Non-affine input map applied before {@link #inputScaler} (null: none), from {@code input_encoding}. */
  protected final FeatureEncoding encoding;
  protected final TrainingSettings settings;
  protected final TrainingHistory history;
  protected final int inferenceBatch;
  private boolean closed;

  protected NetworkModel(NDManager manager, ObjectNode meta, Map<String, Mlp> nets, List<String> inputs, Standardizer inputScaler,
      TrainingSettings settings, TrainingHistory history) {
    this.manager = manager;
    this.meta = meta;
    this.nets = new LinkedHashMap<>(nets);
    this.inputs = List.copyOf(inputs);
    this.inputScaler = inputScaler;
    this.encoding = FeatureEncoding.read(Path.of(MetaJson.FILE), meta, this.inputs.size());
    this.settings = settings;
    this.history = history;
    this.inferenceBatch = settings != null ? settings.inferenceBatch() : TrainingSettings.DEFAULT.inferenceBatch();
    ObjectNode n = meta.putObject("networks");
    nets.forEach((name, m) -> n.set(name, ModelJson.network(fileOf(name), m)));
  }

  /** Network input width of a saved model: its encoded width, or its number of features. */
  protected static int inputWidth(Path file, JsonNode root, int features) {
    return FeatureEncoding.width(FeatureEncoding.read(file, root, features), features);
  }

  protected static String fileOf(String network) {
    return "network-" + network + ".params";
  }

  /** Loads the networks listed under {@code networks} in the metadata. */
  protected static Map<String, Mlp> loadNetworks(NDManager manager, Path dir, JsonNode root, List<String> names) {
    Path file = dir.resolve(MetaJson.FILE);
    JsonNode ns = MetaJson.required(file, root, "", "networks");
    Map<String, Mlp> out = new LinkedHashMap<>();
    for (String name : names) {
      JsonNode n = MetaJson.required(file, ns, "networks", name);
      String path = "networks." + name;
      String f = MetaJson.text(file, n, path, "file");
      TrainingSettings.Activation act;
      try {
        act = TrainingSettings.Activation.valueOf(MetaJson.text(file, n, path, "activation"));
      } catch (IllegalArgumentException e) {
        throw new SummaryFormatException(file, path + ".activation", "unknown activation " + n.get("activation"));
      }
      int in = MetaJson.integer(file, n, path, "inputs");
      int o = MetaJson.integer(file, n, path, "outputs");
      int[] hidden = MetaJson.intArray(file, n, path, "hidden");
      MetaJson.verifyWeights(file, path, dir.resolve(f), n.path("sha256").asText(null));
      out.put(name, Mlp.load(manager, dir.resolve(f), in, hidden, o, act));
    }
    return out;
  }

  @Override
  public String method() {
    return meta.path("method").asText();
  }

  @Override
  public List<String> inputNames() {
    return inputs;
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(method(), inputs, outputsForInfo(), parametersForInfo(), settings, history,
        MetaJson.versions(meta), meta.path("created").asText(), MetaJson.text(meta));
  }

  protected List<String> outputsForInfo() {
    return List.of();
  }

  protected List<String> parametersForInfo() {
    return List.of();
  }

  /** Training history (null for a model without one). */
  public TrainingHistory history() {
    return history;
  }

  @Override
  public synchronized void annotate(String key, String value) {
    MetaJson.annotate(meta, key, value);
  }

  @Override
  public synchronized void save(Path dir) {
    checkOpen();
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    // weights first, then the metadata with their SHA-256 checksums (verified on load)
    ObjectNode ns = (ObjectNode) meta.get("networks");
    nets.forEach((name, m) -> {
      Path f = dir.resolve(fileOf(name));
      m.save(f);
      ((ObjectNode) ns.get(name)).put("sha256", MetaJson.sha256(f));
    });
    MetaJson.write(dir, meta);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }

  protected void checkOpen() {
    if (closed) {
      throw new IllegalStateException(method() + " model is closed");
    }
  }

  /** The model's input features of x, standardized, row-major (a new array). */
  protected float[] standardizedInputs(FeatureMatrix x) {
    FeatureMatrix sel = x.select(inputs);
    if (encoding != null) {
      sel = encoding.apply(sel);
    }
    float[] a = sel.raw().clone();
    inputScaler.applyInPlace(a, 0, sel.rows());
    return a;
  }

  /**
   * Runs a network over rows of a row-major input in batches (grad mode off, one sub-manager per batch).
   *
   * @param in rows × net.inputs() values (read)
   * @return rows × net.outputs() values
   */
  protected synchronized float[] forward(Mlp net, float[] in, int rows) {
    checkOpen();
    return net.predict(manager, in, rows, inferenceBatch);
  }

  protected static void checkTheta(double[] theta, List<String> names) {
    if (theta.length != names.size()) {
      throw new IllegalArgumentException("θ has " + theta.length + " values, the model's parameters are " + names);
    }
    for (double t : theta) {
      if (!Double.isFinite(t)) {
        throw new IllegalArgumentException("θ must be finite, got " + java.util.Arrays.toString(theta));
      }
    }
  }

  /** Columns [m][n] from a row-major n × m block. */
  public static double[][] columns(float[] rowMajor, int rows, int m) {
    double[][] c = new double[m][rows];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < m; k++) {
        c[k][i] = rowMajor[i * m + k];
      }
    }
    return c;
  }
}
