package io.sumbin.summaries.ratio;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.RatioEstimator;
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
 * A trained parametrized ratio classifier (arXiv:1506.02169, 1805.00020; see {@link RatioClassifier}): log r̂(x|θ, θ₀) for any θ of the
 * training prior. Method tag {@code carl} or {@code alice}.
 */
public final class ParametrizedRatio extends NetworkModel implements RatioEstimator {
  private final List<String> parameters;
  private final double[] theta0;
  private final Standardizer thetaScaler;
  private final Mlp net;

  ParametrizedRatio(NDManager manager, ObjectNode meta, Map<String, Mlp> nets, List<String> inputs, Standardizer xs,
      List<String> parameters, double[] theta0, Standardizer ts, TrainingSettings s, TrainingHistory h) {
    super(manager, meta, nets, inputs, xs, s, h);
    this.parameters = List.copyOf(parameters);
    this.theta0 = theta0.clone();
    this.thetaScaler = ts;
    this.net = nets.get("main");
  }

  static ParametrizedRatio load(Path dir, ObjectNode root) {
    Path file = dir.resolve(MetaJson.FILE);
    List<String> inputs = MetaJson.stringList(file, root, "", "inputs");
    List<String> params = MetaJson.stringList(file, root, "", "parameters");
    Standardizer xs = ModelJson.readScaler(file, root, "input_scaler", inputs.size());
    Standardizer ts = ModelJson.readScaler(file, root, "parameter_scaler", params.size());
    double[] t0 = MetaJson.doubleArray(file, root, "", "reference_point");
    if (t0.length != params.size()) {
      throw new SummaryFormatException(file, "reference_point", "expected " + params.size() + " values, got " + t0.length);
    }
    NDManager m = Djl.newManager();
    try {
      Map<String, Mlp> nets = loadNetworks(m, dir, root, List.of("main"));
      Mlp net = nets.get("main");
      if (net.inputs() != inputs.size() + params.size() || net.outputs() != 1) {
        throw new SummaryFormatException(file, "networks.main", "network is " + net.inputs() + " → " + net.outputs()
            + ", expected " + (inputs.size() + params.size()) + " → 1");
      }
      return new ParametrizedRatio(m, root, nets, inputs, xs, params, t0, ts, ModelJson.readSettings(file, root),
          ModelJson.readHistory(file, root));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  @Override
  public List<String> parameterNames() {
    return parameters;
  }

  @Override
  protected List<String> parametersForInfo() {
    return parameters;
  }

  @Override
  public double[] referencePoint() {
    return theta0.clone();
  }

  @Override
  public double[] logRatio(FeatureMatrix x, double[] theta) {
    checkTheta(theta, parameters);
    float[] xs = standardizedInputs(x);
    int n = x.rows();
    int p = parameters.size();
    double[] th = new double[n * p];
    for (int i = 0; i < n; i++) {
      System.arraycopy(theta, 0, th, i * p, p);
    }
    float[] out = forward(net, RatioClassifier.inputs(xs, th, n, inputs.size(), thetaScaler), n);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = out[i];
    }
    return r;
  }
}
