package io.sumbin.summaries.derivative;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.nn.Djl;
import io.sumbin.summaries.nn.Mlp;
import io.sumbin.summaries.nn.ModelJson;
import io.sumbin.summaries.nn.NetworkModel;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained derivative-learning network (see {@link DerivativeLearning}): per event the learned
 * derivatives R̂_a(x) and R̂_ab(x) of the density ratio at the reference point, in the order of
 * {@link #outputNames()} ({@code R_a} first, then {@code R_a_b} for a ≤ b). The linear terms R̂_a are the
 * locally optimal observables for θ near θ_ref; {@link #crossSectionRatio} evaluates the quadratic
 * expansion 1 + Σ R̂_a Δθ_a + ½ Σ R̂_ab Δθ_a Δθ_b (arXiv:2410.07315; the R̂_a at the SM are the
 * locally sufficient statistics of arXiv:1805.00020, Sec. 3.3).
 */
public final class DerivativeSummary extends NetworkModel implements LearnedSummary {
  private final List<String> outputs;
  private final Standardizer labelScaler;
  private final Mlp net;

  DerivativeSummary(NDManager manager, ObjectNode meta, Map<String, Mlp> nets, List<String> inputs, Standardizer xs,
      List<String> outputs, Standardizer ys, TrainingSettings s, TrainingHistory h) {
    super(manager, meta, nets, inputs, xs, s, h);
    this.outputs = List.copyOf(outputs);
    this.labelScaler = ys;
    this.net = nets.get("main");
  }

  static DerivativeSummary load(Path dir, ObjectNode root) {
    Path file = dir.resolve(MetaJson.FILE);
    List<String> inputs = MetaJson.stringList(file, root, "", "inputs");
    List<String> outputs = MetaJson.stringList(file, root, "", "outputs");
    Standardizer xs = ModelJson.readScaler(file, root, "input_scaler", inputWidth(file, root, inputs.size()));
    Standardizer ys = ModelJson.readScaler(file, root, "label_scaler", outputs.size());
    NDManager m = Djl.newManager();
    try {
      Map<String, Mlp> nets = loadNetworks(m, dir, root, List.of("main"));
      Mlp net = nets.get("main");
      int width = inputWidth(file, root, inputs.size());
      if (net.inputs() != width || net.outputs() != outputs.size()) {
        throw new SummaryFormatException(file, "networks.main", "network is " + net.inputs() + " → " + net.outputs()
            + " but the model has " + width + " (encoded) inputs and " + outputs.size() + " outputs");
      }
      return new DerivativeSummary(m, root, nets, inputs, xs, outputs, ys, ModelJson.readSettings(file, root),
          ModelJson.readHistory(file, root));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  @Override
  public List<String> outputNames() {
    return outputs;
  }

  /** Sets a top-level entry of the metadata (for the trainer in this package). */
  void setMetadata(String key, JsonNode value) {
    meta.set(key, value);
  }

  @Override
  protected List<String> outputsForInfo() {
    return outputs;
  }

  @Override
  protected List<String> parametersForInfo() {
    return parameterNames();
  }

  /** Parameter names (empty when trained on explicit labels without a polynomial). */
  public List<String> parameterNames() {
    if (!meta.has("parameters")) {
      return List.of();
    }
    return MetaJson.stringList(Path.of(MetaJson.FILE), meta, "", "parameters");
  }

  @Override
  public double[][] evaluate(FeatureMatrix x) {
    float[] in = standardizedInputs(x);
    float[] out = forward(net, in, x.rows());
    double[][] c = columns(out, x.rows(), outputs.size());
    for (int k = 0; k < c.length; k++) {
      for (int i = 0; i < c[k].length; i++) {
        c[k][i] = labelScaler.invert(k, c[k][i]);
      }
    }
    return c;
  }

  /**
   * The learned linear terms R̂_a(x) only (the first p outputs), e.g. the per-event optimal observables
   * at the SM for a Fisher-information comparison.
   *
   * @return {@code [p][n]}
   */
  public double[][] linearTerms(FeatureMatrix x) {
    int p = parameterNames().size();
    if (p == 0) {
      throw new IllegalStateException("this model was trained on explicit labels: its outputs " + outputs
          + " have no parameter structure");
    }
    double[][] all = evaluate(x);
    double[][] out = new double[p][];
    System.arraycopy(all, 0, out, 0, p);
    return out;
  }

  /**
   * r̂(x|θ) = 1 + Σ_a R̂_a Δθ_a + ½ Σ_ab R̂_ab Δθ_aΔθ_b with Δθ = θ − θ_ref: the learned quadratic
   * approximation of dσ(x|θ)/dσ(x|θ_ref) (linear when the model was trained on linear weights).
   */
  public double[] crossSectionRatio(FeatureMatrix x, double[] theta) {
    List<String> names = parameterNames();
    if (names.isEmpty()) {
      throw new IllegalStateException("this model was trained on explicit labels: no parameter structure");
    }
    checkTheta(theta, names);
    double[] ref = MetaJson.doubleArray(Path.of(MetaJson.FILE), meta, "", "reference_point");
    int p = names.size();
    double[] dt = new double[p];
    for (int a = 0; a < p; a++) {
      dt[a] = theta[a] - ref[a];
    }
    double[][] r = evaluate(x);
    double[] out = new double[x.rows()];
    for (int i = 0; i < out.length; i++) {
      double v = 1;
      int col = 0;
      for (int a = 0; a < p; a++) {
        v += r[col++][i] * dt[a];
      }
      for (int a = 0; r.length > p && a < p; a++) {
        for (int b = a; b < p; b++) {
          double c = r[col++][i];
          v += (a == b ? 0.5 : 1.0) * c * dt[a] * dt[b];
        }
      }
      out[i] = v;
    }
    return out;
  }
}
