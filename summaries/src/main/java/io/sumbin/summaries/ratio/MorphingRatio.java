package io.sumbin.summaries.ratio;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
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
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import io.sumbin.summaries.weights.Morphing;
import io.sumbin.summaries.weights.PolynomialBasis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained morphing-aware ratio estimator (arXiv:1805.00013; see {@link MorphingAwareRatio}). As a
 * {@link RatioEstimator} it gives log r̂(x|θ, θ₀) = log max(Σ_c w_c(θ)(σ_c/σ(θ)) r̂_c(x), r_min) for any
 * θ; as a {@link LearnedSummary} its outputs are the component log-ratios log r̂_c(x) =
 * log p(x|θ_c)/p(x|θ₀), one per basis point.
 */
public final class MorphingRatio extends NetworkModel implements RatioEstimator, LearnedSummary {
  private final Morphing morphing;
  private final double[] sigma;
  private final double[] theta0;
  private final Mlp net;

  MorphingRatio(NDManager manager, ObjectNode meta, Map<String, Mlp> nets, List<String> inputs, Standardizer xs,
      Morphing morphing, double[] sigma, double[] theta0, TrainingSettings s, TrainingHistory h) {
    super(manager, meta, nets, inputs, xs, s, h);
    this.morphing = morphing;
    this.sigma = sigma.clone();
    this.theta0 = theta0.clone();
    this.net = nets.get("main");
  }

  static MorphingRatio load(Path dir, ObjectNode root) {
    Path file = dir.resolve(MetaJson.FILE);
    List<String> inputs = MetaJson.stringList(file, root, "", "inputs");
    List<String> params = MetaJson.stringList(file, root, "", "parameters");
    Standardizer xs = ModelJson.readScaler(file, root, "input_scaler", inputs.size());
    double[] t0 = MetaJson.doubleArray(file, root, "", "reference_point");
    JsonNode mo = MetaJson.required(file, root, "", "morphing");
    int degree = MetaJson.integer(file, mo, "morphing", "degree");
    double[][] pts = MetaJson.matrix(file, mo, "morphing", "basis_points");
    double[] sigma = MetaJson.doubleArray(file, mo, "morphing", "basis_totals");
    Morphing morphing;
    try {
      morphing = new Morphing(new PolynomialBasis(params, degree), pts);
    } catch (IllegalArgumentException | io.sumbin.histmodel.BadInputException e) {
      throw new SummaryFormatException(file, "morphing", e.getMessage());
    }
    if (sigma.length != morphing.size() || t0.length != params.size()) {
      throw new SummaryFormatException(file, "morphing.basis_totals", "expected " + morphing.size() + " totals and "
          + params.size() + " reference values");
    }
    NDManager m = Djl.newManager();
    try {
      Map<String, Mlp> nets = loadNetworks(m, dir, root, List.of("main"));
      Mlp net = nets.get("main");
      if (net.inputs() != inputs.size() || net.outputs() != morphing.size()) {
        throw new SummaryFormatException(file, "networks.main", "network is " + net.inputs() + " → " + net.outputs()
            + ", expected " + inputs.size() + " → " + morphing.size());
      }
      return new MorphingRatio(m, root, nets, inputs, xs, morphing, sigma, t0, ModelJson.readSettings(file, root),
          ModelJson.readHistory(file, root));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** The morphing (basis points and matrix). */
  public Morphing morphing() {
    return morphing;
  }

  @Override
  public List<String> parameterNames() {
    return morphing.parameterNames();
  }

  @Override
  protected List<String> parametersForInfo() {
    return parameterNames();
  }

  @Override
  protected List<String> outputsForInfo() {
    return outputNames();
  }

  @Override
  public double[] referencePoint() {
    return theta0.clone();
  }

  @Override
  public List<String> outputNames() {
    return MorphingAwareRatio.componentNames(morphing.size());
  }

  @Override
  public double[][] evaluate(FeatureMatrix x) {
    float[] o = forward(net, standardizedInputs(x), x.rows());
    return columns(o, x.rows(), morphing.size());
  }

  @Override
  public double[] logRatio(FeatureMatrix x, double[] theta) {
    checkTheta(theta, parameterNames());
    int n = x.rows();
    int k = morphing.size();
    float[] o = forward(net, standardizedInputs(x), n);
    float[] a = MorphingAwareRatio.coefficients(morphing, sigma, theta, 1);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double r = 0;
      for (int c = 0; c < k; c++) {
        double oc = Math.max(-MorphingAwareRatio.MAX_LOG_COMPONENT, Math.min(MorphingAwareRatio.MAX_LOG_COMPONENT, o[i * k + c]));
        r += a[c] * Math.exp(oc);
      }
      out[i] = Math.log(Math.max(r, MorphingAwareRatio.MIN_RATIO));
    }
    return out;
  }
}
