package io.sumbin.summaries.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.InputEncoding;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.nn.Djl;
import io.sumbin.summaries.nn.Mlp;
import io.sumbin.summaries.nn.ModelJson;
import io.sumbin.summaries.nn.NetworkModel;
import io.sumbin.summaries.nn.TrainLoop;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Classifiers of weighted samples against one common reference sample, one network per sample
 * (the CARL density-ratio trick, Cranmer, Pavez, Louppe arXiv:1506.02169): network k is trained with
 * the class-balanced weighted cross-entropy
 *
 * <pre>
 *   L_k = Σ_{i ∈ k} ω_i softplus(−ℓ_k(x_i)) + Σ_{j ∈ ref} ω_j softplus(ℓ_k(x_j)),
 *   ω = w · (n/2)/Σw  per class (n = events of both classes),
 * </pre>
 *
 * whose minimum is ℓ_k(x) = log p_k(x)/p_ref(x) of the <em>normalised</em> densities, i.e. with the
 * classifier output s = σ(ℓ): p_k/p_ref = s/(1 − s). The rate ratio Σw_k/Σw_ref is not learned; it
 * multiplies the normalised ratio when the unnormalised one is wanted. Negative weights enter the loss
 * linearly.
 *
 * <p>This is the DJL-backed building block of the learned shape-systematic ratios
 * ({@code io.sumbin.summaries.shape}): the caller chooses the held-out events (it calibrates on them),
 * this class trains (seeded, Adam, early stopping on the held-out loss with the best weights kept, see
 * {@link TrainingSettings}) and returns raw logits. The method tag in {@code summary.json} is
 * {@value #METHOD}; the networks are listed under {@code outputs}; callers may store their own JSON
 * sections under {@code extensions} ({@link #putExtension}).
 */
public final class SampleClassifier extends NetworkModel {
  /** Method tag. */
  public static final String METHOD = "sample_classifier";

  /**
   * A weighted sample.
   *
   * @param x event features
   * @param weights one finite weight per event (read; copied)
   */
  public record Sample(FeatureMatrix x, double[] weights) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Sample {
      if (weights.length != x.rows()) {
        throw new IllegalArgumentException("sample: " + x.rows() + " events but " + weights.length + " weights");
      }
      weights = weights.clone();
      for (int i = 0; i < weights.length; i++) {
        if (!Double.isFinite(weights[i])) {
          throw new IllegalArgumentException("sample: weight of event " + i + " is " + weights[i]);
        }
      }
    }

    @Override
    public double[] weights() {
      return weights.clone();
    }

    /** Σ w. */
    public double sumWeights() {
      double s = 0;
      for (double w : weights) {
        s += w;
      }
      return s;
    }

    /** The events with the given indices. */
    public Sample rows(int[] idx) {
      double[] w = new double[idx.length];
      for (int k = 0; k < idx.length; k++) {
        w[k] = weights[idx[k]];
      }
      return new Sample(x.rows(idx), w);
    }

    int size() {
      return weights.length;
    }
  }

  /**
   * Training and held-out events of one class.
   *
   * @param train events the network is fitted on
   * @param validation held-out events for early stopping (may be empty: then no early stopping)
   */
  public record Split(Sample train, Sample validation) {}

  private final List<String> networkNames;
  private final Map<String, TrainingHistory> histories;

  private SampleClassifier(NDManager manager, ObjectNode meta, Map<String, Mlp> nets, List<String> inputs,
      Standardizer xs, TrainingSettings s, Map<String, TrainingHistory> histories) {
    super(manager, meta, nets, inputs, xs, s, histories.isEmpty() ? null : histories.values().iterator().next());
    this.networkNames = List.copyOf(nets.keySet());
    this.histories = Map.copyOf(histories);
  }

  /**
   * Trains one network per entry of {@code samples} against {@code reference}.
   *
   * @param reference the denominator sample p_ref (split into training and held-out events)
   * @param samples numerator samples by network name (iteration order = training order)
   * @param s network and schedule; {@link TrainingSettings#validationFraction()} is not used (the caller
   *     splits); the encoding must be {@link InputEncoding#STANDARD}
   * @throws IllegalArgumentException on mismatched feature names, empty or non-positive classes
   */
  public static SampleClassifier train(Split reference, Map<String, Split> samples, TrainingSettings s) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("sample classifier: no numerator samples");
    }
    if (s.encoding() != InputEncoding.STANDARD) {
      throw new IllegalArgumentException("sample classifier: only the STANDARD input encoding is supported, got " + s.encoding());
    }
    List<String> names = reference.train().x().names();
    checkClass("reference", reference, names);
    samples.forEach((k, v) -> checkClass(k, v, names));
    SplittableRandom rng = new SplittableRandom(s.seed());
    Standardizer xs = Standardizer.fit(reference.train().x());
    NDManager manager = Djl.newManager();
    try {
      Map<String, Mlp> nets = new LinkedHashMap<>();
      Map<String, TrainingHistory> hist = new LinkedHashMap<>();
      int d = names.size();
      for (Map.Entry<String, Split> e : samples.entrySet()) {
        Mlp net = Mlp.create(manager, d, s.hidden(), 1, s.activation(), rng.split());
        Examples train = Examples.of(reference.train(), e.getValue().train(), xs);
        Examples val = reference.validation().size() > 0 && e.getValue().validation().size() > 0
            ? Examples.of(reference.validation(), e.getValue().validation(), xs) : null;
        TrainingHistory h = TrainLoop.run(manager, new Task(net, train, val), s, rng.split(), METHOD + ":" + e.getKey());
        nets.put(e.getKey(), net);
        hist.put(e.getKey(), h);
      }
      ObjectNode meta = ModelJson.common(METHOD, names, xs, new ArrayList<>(nets.keySet()), List.of(), s, null);
      ObjectNode hs = meta.putObject("histories");
      hist.forEach((k, h) -> hs.set(k, ModelJson.history(h)));
      ObjectNode data = meta.putObject("training_data");
      data.put("reference_train_events", reference.train().size());
      data.put("reference_validation_events", reference.validation().size());
      samples.forEach((k, v) -> {
        ObjectNode o = data.putObject(k);
        o.put("train_events", v.train().size());
        o.put("validation_events", v.validation().size());
      });
      return new SampleClassifier(manager, meta, nets, names, xs, s, hist);
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  private static void checkClass(String name, Split sp, List<String> names) {
    if (!sp.train().x().names().equals(names) || !sp.validation().x().names().equals(names)) {
      throw new IllegalArgumentException("sample classifier: class '" + name + "' has features " + sp.train().x().names()
          + " / " + sp.validation().x().names() + ", the reference has " + names);
    }
    if (sp.train().size() < 1) {
      throw new IllegalArgumentException("sample classifier: class '" + name + "' has no training events");
    }
    if (!(sp.train().sumWeights() > 0)) {
      throw new IllegalArgumentException("sample classifier: class '" + name + "' has total training weight "
          + sp.train().sumWeights() + " (must be positive)");
    }
    if (sp.validation().size() > 0 && !(sp.validation().sumWeights() > 0)) {
      throw new IllegalArgumentException("sample classifier: class '" + name + "' has total held-out weight "
          + sp.validation().sumWeights() + " (must be positive)");
    }
  }

  static SampleClassifier load(Path dir, ObjectNode root) {
    Path file = dir.resolve(MetaJson.FILE);
    List<String> inputs = MetaJson.stringList(file, root, "", "inputs");
    List<String> outputs = MetaJson.stringList(file, root, "", "outputs");
    Standardizer xs = ModelJson.readScaler(file, root, "input_scaler", inputs.size());
    Map<String, TrainingHistory> hist = new LinkedHashMap<>();
    JsonNode hs = root.path("histories");
    for (String k : outputs) {
      if (hs.has(k)) {
        ObjectNode wrap = MetaJson.F.objectNode();
        wrap.set("history", hs.get(k));
        hist.put(k, ModelJson.readHistory(file, wrap));
      }
    }
    NDManager m = Djl.newManager();
    try {
      Map<String, Mlp> nets = loadNetworks(m, dir, root, outputs);
      for (Map.Entry<String, Mlp> e : nets.entrySet()) {
        if (e.getValue().inputs() != inputs.size() || e.getValue().outputs() != 1) {
          throw new SummaryFormatException(file, "networks." + e.getKey(), "network is " + e.getValue().inputs() + " → "
              + e.getValue().outputs() + ", expected " + inputs.size() + " → 1");
        }
      }
      return new SampleClassifier(m, root, nets, inputs, xs, ModelJson.readSettings(file, root), hist);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** The network names (one per numerator sample). */
  public List<String> networkNames() {
    return networkNames;
  }

  @Override
  protected List<String> outputsForInfo() {
    return networkNames;
  }

  /** The training history of one network (null for a model saved without one). */
  public TrainingHistory history(String network) {
    return histories.get(network);
  }

  /**
   * The raw logits ℓ_k(x_i) ≈ log p_k(x_i)/p_ref(x_i) (normalised densities) of network {@code network}.
   *
   * @throws IllegalArgumentException for an unknown network or missing features
   */
  public double[] logit(String network, FeatureMatrix x) {
    Mlp net = nets.get(network);
    if (net == null) {
      throw new IllegalArgumentException("no network '" + network + "' (have " + networkNames + ")");
    }
    float[] out = forward(net, standardizedInputs(x), x.rows());
    double[] r = new double[out.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = out[i];
    }
    return r;
  }

  /**
   * Stores a caller's JSON section under {@code extensions.<key>} of {@code summary.json} (written with
   * the next {@link #save}).
   */
  public synchronized void putExtension(String key, JsonNode value) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("extension key must be non-blank");
    }
    JsonNode e = meta.get("extensions");
    ObjectNode ext = e instanceof ObjectNode o ? o : meta.putObject("extensions");
    ext.set(key, value.deepCopy());
  }

  /** The section stored under {@code extensions.<key>} (a copy), or null. */
  public synchronized JsonNode extension(String key) {
    JsonNode v = meta.path("extensions").get(key);
    return v == null ? null : v.deepCopy();
  }

  /** Standardized features of both classes with balanced, normalised weights and labels. */
  static final class Examples {
    final float[] x;
    final float[] label;
    final float[] weight;
    final int n;
    final int d;

    private Examples(float[] x, float[] label, float[] weight, int d) {
      this.x = x;
      this.label = label;
      this.weight = weight;
      this.n = label.length;
      this.d = d;
    }

    static Examples of(Sample ref, Sample num, Standardizer xs) {
      int n0 = ref.size();
      int n1 = num.size();
      int n = n0 + n1;
      int d = ref.x().cols();
      float[] x = new float[n * d];
      System.arraycopy(ref.x().raw(), 0, x, 0, n0 * d);
      System.arraycopy(num.x().raw(), 0, x, n0 * d, n1 * d);
      xs.applyInPlace(x, 0, n);
      float[] label = new float[n];
      float[] w = new float[n];
      double f0 = 0.5 * n / ref.sumWeights();
      double f1 = 0.5 * n / num.sumWeights();
      for (int i = 0; i < n0; i++) {
        w[i] = (float) (ref.weights[i] * f0);
      }
      for (int i = 0; i < n1; i++) {
        label[n0 + i] = 1f;
        w[n0 + i] = (float) (num.weights[i] * f1);
      }
      return new Examples(x, label, w, d);
    }
  }

  /** The loop task of one network: Σ ω [y softplus(−ℓ) + (1 − y) softplus(ℓ)] / batch. */
  private static final class Task implements TrainLoop.Task {
    private final Mlp net;
    private final Examples train;
    private final Examples val;

    Task(Mlp net, Examples train, Examples val) {
      this.net = net;
      this.train = train;
      this.val = val;
    }

    @Override
    public int trainSize() {
      return train.n;
    }

    @Override
    public int validationSize() {
      return val == null ? 0 : val.n;
    }

    @Override
    public void newEpoch(SplittableRandom rng) {}

    @Override
    public NDArray loss(NDManager bm, boolean validation, int[] order, int from, int to) {
      Examples s = validation ? val : train;
      int rows = to - from;
      int d = s.d;
      float[] x = new float[rows * d];
      float[] a = new float[rows];
      float[] b = new float[rows];
      for (int r = 0; r < rows; r++) {
        int k = order[from + r];
        System.arraycopy(s.x, k * d, x, r * d, d);
        a[r] = s.label[k] * s.weight[k];
        b[r] = (1 - s.label[k]) * s.weight[k];
      }
      NDArray l = net.forward(bm.create(FloatBuffer.wrap(x), new Shape(rows, d)), !validation).reshape(rows);
      NDArray wa = bm.create(FloatBuffer.wrap(a), new Shape(rows));
      NDArray wb = bm.create(FloatBuffer.wrap(b), new Shape(rows));
      return Activation.softPlus(l.neg()).mul(wa).add(Activation.softPlus(l).mul(wb)).sum().div((float) rows);
    }

    @Override
    public List<Mlp> networks() {
      return List.of(net);
    }
  }
}
