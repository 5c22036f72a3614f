package io.sumbin.summaries.event2vec;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.RatioEstimator;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.nn.Djl;
import io.sumbin.summaries.nn.Mlp;
import io.sumbin.summaries.nn.ModelJson;
import io.sumbin.summaries.nn.NetworkModel;
import io.sumbin.summaries.nn.RatioTraining;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained event2vec summary (see {@link Event2Vec}): ℓ(x|θ₁, θ₀) = s(x)·(π(θ₁) − π(θ₀)) + normalization. As a {@link LearnedSummary} it gives s(x) per
 * event (for the binwise form the soft-bin memberships, which sum to 1); {@link #embedding} gives π(θ)
 * (and the normalization term), {@link #logRatio(FeatureMatrix, double[], double[])} the log-ratio between
 * any two points, and {@link #summedSummary} the weighted sum Σ_i w_i s(x_i).
 */
public final class Event2VecSummary extends NetworkModel implements LearnedSummary, RatioEstimator {
  private final List<String> parameters;
  private final Standardizer thetaScaler;
  private final int m;
  private final boolean binwise;
  private final double[] theta0;
  private final Mlp sNet;
  private final Mlp piNet;

  Event2VecSummary(NDManager manager, ObjectNode meta, Map<String, Mlp> nets, List<String> inputs, Standardizer xs,
      List<String> parameters, Standardizer ts, int m, boolean binwise, double[] theta0, TrainingSettings s,
      TrainingHistory h) {
    super(manager, meta, nets, inputs, xs, s, h);
    this.parameters = List.copyOf(parameters);
    this.thetaScaler = ts;
    this.m = m;
    this.binwise = binwise;
    this.theta0 = theta0.clone();
    this.sNet = nets.get("s");
    this.piNet = nets.get("pi");
  }

  static Event2VecSummary load(Path dir, ObjectNode root) {
    Path file = dir.resolve(MetaJson.FILE);
    List<String> inputs = MetaJson.stringList(file, root, "", "inputs");
    List<String> params = MetaJson.stringList(file, root, "", "parameters");
    Standardizer xs = ModelJson.readScaler(file, root, "input_scaler", inputWidth(file, root, inputs.size()));
    Standardizer ts = ModelJson.readScaler(file, root, "parameter_scaler", params.size());
    int m = MetaJson.integer(file, root, "", "dimension");
    boolean binwise = Event2Vec.METHOD_BINWISE.equals(root.path("method").asText());
    double[] t0 = MetaJson.doubleArray(file, root, "", "reference_point");
    if (t0.length != params.size()) {
      throw new SummaryFormatException(file, "reference_point", "expected " + params.size() + " values, got " + t0.length);
    }
    NDManager mg = Djl.newManager();
    try {
      Map<String, Mlp> nets = loadNetworks(mg, dir, root, List.of("s", "pi"));
      int width = inputWidth(file, root, inputs.size());
      if (nets.get("s").inputs() != width || nets.get("s").outputs() != m) {
        throw new SummaryFormatException(file, "networks.s", "expected " + width + " → " + m);
      }
      if (nets.get("pi").inputs() != params.size() || nets.get("pi").outputs() != (binwise ? m : m + 1)) {
        throw new SummaryFormatException(file, "networks.pi", "expected " + params.size() + " → " + (binwise ? m : m + 1));
      }
      return new Event2VecSummary(mg, root, nets, inputs, xs, params, ts, m, binwise, t0,
          ModelJson.readSettings(file, root), ModelJson.readHistory(file, root));
    } catch (RuntimeException e) {
      mg.close();
      throw e;
    }
  }

  /** True for the binwise (soft-histogram) form. */
  public boolean binwise() {
    return binwise;
  }

  /** Summary dimension m. */
  public int dimension() {
    return m;
  }

  @Override
  public List<String> outputNames() {
    return Event2Vec.outputNames(m, binwise);
  }

  @Override
  protected List<String> outputsForInfo() {
    return outputNames();
  }

  @Override
  protected List<String> parametersForInfo() {
    return parameters;
  }

  @Override
  public List<String> parameterNames() {
    return parameters;
  }

  @Override
  public double[] referencePoint() {
    return theta0.clone();
  }

  @Override
  public double[][] evaluate(FeatureMatrix x) {
    int n = x.rows();
    return summaries(forward(sNet, standardizedInputs(x), n), n, m, binwise);
  }

  /** Network outputs (row-major n × m) → summaries {@code [m][n]}: softmax bin memberships for the binwise form. */
  static double[][] summaries(float[] raw, int n, int m, boolean binwise) {
    double[][] c = NetworkModel.columns(raw, n, m);
    if (binwise) {
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < m; k++) {
          max = Math.max(max, c[k][i]);
        }
        double z = 0;
        for (int k = 0; k < m; k++) {
          c[k][i] = Math.exp(c[k][i] - max);
          z += c[k][i];
        }
        for (int k = 0; k < m; k++) {
          c[k][i] /= z;
        }
      }
    }
    return c;
  }

  /**
   * The parameter embedding: π(θ) followed by −A(θ) for the vector form (m + 1 values), or the log bin
   * probabilities log softmax π(θ) for the binwise form (m values).
   */
  public double[] embedding(double[] theta) {
    checkTheta(theta, parameters);
    float[] in = RatioTraining.standardizedTheta(theta, 1, thetaScaler);
    float[] out = forward(piNet, in, 1);
    double[] e = new double[out.length];
    for (int k = 0; k < e.length; k++) {
      e[k] = out[k];
    }
    if (binwise) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : e) {
        max = Math.max(max, v);
      }
      double z = 0;
      for (double v : e) {
        z += Math.exp(v - max);
      }
      double lz = max + Math.log(z);
      for (int k = 0; k < e.length; k++) {
        e[k] -= lz;
      }
    }
    return e;
  }

  /** ℓ(x|θ₁, θ₀) for all events. */
  public double[] logRatio(FeatureMatrix x, double[] theta1, double[] theta0) {
    double[] e1 = embedding(theta1);
    double[] e0 = embedding(theta0);
    double[][] s = evaluate(x);
    double[] out = new double[x.rows()];
    for (int i = 0; i < out.length; i++) {
      double v = binwise ? 0 : e1[m] - e0[m];
      for (int k = 0; k < m; k++) {
        v += s[k][i] * (e1[k] - e0[k]);
      }
      out[i] = v;
    }
    return out;
  }

  /** ℓ(x|θ, θ_ref) against the stored reference point. */
  @Override
  public double[] logRatio(FeatureMatrix x, double[] theta) {
    return logRatio(x, theta, theta0);
  }

  /**
   * Σ_i w_i s(x_i): the summed summary (a soft-binned histogram for the binwise form).
   *
   * @param weights one weight per event (read)
   */
  public double[] summedSummary(FeatureMatrix x, double[] weights) {
    if (weights.length != x.rows()) {
      throw new IllegalArgumentException(x.rows() + " events but " + weights.length + " weights");
    }
    double[][] s = evaluate(x);
    double[] out = new double[m];
    for (int k = 0; k < m; k++) {
      for (int i = 0; i < weights.length; i++) {
        out[k] += weights[i] * s[k][i];
      }
    }
    return out;
  }
}
