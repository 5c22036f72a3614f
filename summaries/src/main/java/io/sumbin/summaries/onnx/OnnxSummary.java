package io.sumbin.summaries.onnx;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.ModelInfo;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.Summaries;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.nn.Djl;
import io.sumbin.summaries.nn.ModelJson;
import io.sumbin.summaries.nn.NetworkModel;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An externally trained summary imported from ONNX and run with DJL's ONNX Runtime engine. The network
 * must take one float32 input of shape (N, d) — the standardized features, in the order of
 * {@link #inputNames()} — and return one float32 output of shape (N, m) (or (N) for m = 1). The
 * standardization that the external training used can be given as a {@link Standardizer}; it is applied
 * before the network, exactly as for native models.
 *
 * <p>{@link #save} writes a regular sumbin model directory ({@code summary.json} with method
 * {@code onnx} and the file {@code model.onnx}), so that {@link Summaries#load} and the
 * {@code sumbin summarize} command read imported and native summaries alike.
 */
public final class OnnxSummary implements LearnedSummary {
  static final String METHOD = "onnx";
  static final String FILE = "model.onnx";

  private final byte[] bytes;
  private final List<String> inputs;
  private final List<String> outputs;
  private final Standardizer scaler;
  private final Model model;
  private final Predictor<NDList, NDList> predictor;
  private final ObjectNode meta;
  private final int batch;
  private boolean closed;

  private OnnxSummary(byte[] bytes, String source, List<String> inputs, Standardizer scaler, List<String> outputs,
      int batch) {
    this.bytes = bytes;
    this.inputs = List.copyOf(inputs);
    this.scaler = scaler != null ? scaler : Standardizer.identity(inputs.size());
    this.batch = batch;
    if (this.scaler.size() != inputs.size()) {
      throw new IllegalArgumentException("input scaler has " + this.scaler.size() + " columns, the model has "
          + inputs.size() + " inputs " + inputs);
    }
    Djl.configure();
    this.model = Model.newInstance("sumbin-onnx", Device.cpu(), Djl.ONNX);
    try {
      model.load(new ByteArrayInputStream(bytes), Map.of("intraOpNumThreads", "1", "interOpNumThreads", "1"));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new SummaryFormatException(Path.of(source), "", "not a loadable ONNX model: " + rootMessage(e));
    }
    this.predictor = model.newPredictor(new NoopTranslator());
    int m;
    try {
      m = run(new float[inputs.size()], 1).length;
    } catch (RuntimeException e) {
      close();
      throw new SummaryFormatException(Path.of(source), "", "the ONNX model does not accept a float32 input of shape (N, "
          + inputs.size() + "): " + rootMessage(e));
    }
    if (outputs == null) {
      List<String> gen = new ArrayList<>();
      for (int k = 0; k < m; k++) {
        gen.add("s_" + k);
      }
      outputs = gen;
    } else if (outputs.size() != m) {
      close();
      throw new IllegalArgumentException("the ONNX model has " + m + " outputs per event, but " + outputs.size()
          + " output names were given " + outputs);
    }
    this.outputs = List.copyOf(outputs);
    this.meta = ModelJson.common(METHOD, this.inputs, this.scaler, this.outputs, List.of(), null, null);
    meta.put("onnx_file", FILE);
    meta.put("onnx_sha256", sha256(bytes));
    meta.put("imported_from", source);
    meta.put("inference_batch", batch);
  }

  /**
   * Imports an ONNX file.
   *
   * @param file the {@code .onnx} model
   * @param inputNames feature names in the order of the network's input columns
   * @param inputScaler standardization applied before the network, or null for none
   * @param outputNames names of the m outputs, or null for {@code s_0..s_{m-1}}
   * @throws SummaryFormatException if the file is missing, not ONNX, or does not take (N, d) float input
   */
  public static OnnxSummary load(Path file, List<String> inputNames, Standardizer inputScaler, List<String> outputNames) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SummaryFormatException(file, "", "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (inputNames.isEmpty()) {
      throw new IllegalArgumentException("an ONNX summary needs at least one input name");
    }
    return new OnnxSummary(b, file.toString(), inputNames, inputScaler, outputNames,
        TrainingSettings.DEFAULT.inferenceBatch());
  }

  static OnnxSummary load(Path dir, ObjectNode root) {
    Path file = dir.resolve(MetaJson.FILE);
    List<String> inputs = MetaJson.stringList(file, root, "", "inputs");
    List<String> outputs = MetaJson.stringList(file, root, "", "outputs");
    Standardizer s = ModelJson.readScaler(file, root, "input_scaler", inputs.size());
    String name = MetaJson.text(file, root, "", "onnx_file");
    Path onnx = dir.resolve(name).normalize();
    if (!onnx.startsWith(dir.normalize())) {
      throw new SummaryFormatException(file, "onnx_file", "'" + name + "' is outside the model directory");
    }
    byte[] b;
    try {
      b = Files.readAllBytes(onnx);
    } catch (NoSuchFileException e) {
      throw new SummaryFormatException(onnx, "", "missing (named by " + file + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + onnx + ": " + e.getMessage(), e);
    }
    String want = root.path("onnx_sha256").asText("");
    if (!want.isEmpty() && !want.equals(sha256(b))) {
      throw new SummaryFormatException(onnx, "", "checksum differs from onnx_sha256 in " + file);
    }
    int batch = root.path("inference_batch").asInt(TrainingSettings.DEFAULT.inferenceBatch());
    OnnxSummary o = new OnnxSummary(b, onnx.toString(), inputs, s, outputs, Math.max(1, batch));
    o.meta.put("imported_from", root.path("imported_from").asText(onnx.toString()));
    return o;
  }

  private synchronized float[] run(float[] rowMajor, int rows) {
    if (closed) {
      throw new IllegalStateException("ONNX summary is closed");
    }
    int d = inputs.size();
    float[] out = null;
    int m = -1;
    for (int from = 0; from < rows; from += batch) {
      int to = Math.min(rows, from + batch);
      try (NDManager bm = model.getNDManager().newSubManager()) {
        NDArray x = bm.create(FloatBuffer.wrap(rowMajor, from * d, (to - from) * d), new Shape(to - from, d));
        NDList res = predictor.predict(new NDList(x));
        if (res.isEmpty()) {
          throw new IllegalStateException("the ONNX model returned no output");
        }
        NDArray y = res.get(0);
        float[] v = y.toFloatArray();
        if (v.length % (to - from) != 0) {
          throw new IllegalStateException("ONNX output of shape " + y.getShape() + " for " + (to - from) + " events");
        }
        int mm = v.length / (to - from);
        if (out == null) {
          m = mm;
          out = new float[rows * m];
        } else if (mm != m) {
          throw new IllegalStateException("ONNX output width changed from " + m + " to " + mm);
        }
        System.arraycopy(v, 0, out, from * m, v.length);
        res.close();
      } catch (TranslateException e) {
        throw new IllegalStateException(rootMessage(e), e);
      }
    }
    return out == null ? new float[0] : out;
  }

  @Override
  public double[][] evaluate(FeatureMatrix x) {
    FeatureMatrix sel = x.select(inputs);
    float[] a = sel.raw().clone();
    scaler.applyInPlace(a, 0, sel.rows());
    float[] out = run(a, sel.rows());
    return NetworkModel.columns(out, sel.rows(), outputs.size());
  }

  @Override
  public List<String> outputNames() {
    return outputs;
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public List<String> inputNames() {
    return inputs;
  }

  @Override
  public ModelInfo info() {
    return ModelInfo.imported(METHOD, inputs, outputs, MetaJson.versions(meta), meta.path("created").asText(),
        MetaJson.text(meta));
  }

  @Override
  public synchronized void annotate(String key, String value) {
    MetaJson.annotate(meta, key, value);
  }

  @Override
  public synchronized void save(Path dir) {
    MetaJson.write(dir, meta);
    try {
      Files.write(dir.resolve(FILE), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      predictor.close();
      model.close();
    }
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return (m == null ? c.getClass().getSimpleName() : m).replace('\n', ' ');
  }
}
