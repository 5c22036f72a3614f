package io.sumbin.summaries.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.nn.Djl;
import io.sumbin.summaries.nn.Mlp;
import io.sumbin.summaries.nn.ModelJson;
import io.sumbin.summaries.nn.RatioTraining;
import io.sumbin.summaries.nn.TrainLoop;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.weights.Morphing;
import io.sumbin.summaries.weights.ParametrizedWeights;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Morphing-aware likelihood-ratio estimation (arXiv:1805.00013, Sec. 4.3.3; arXiv:2410.07315). When
 * dσ(x|θ) = Σ_c w_c(θ) dσ(x|θ_c) exactly ({@link Morphing}), the ratio against θ₀ is
 *
 * <pre>
 *   r(x|θ, θ₀) = Σ_c w_c(θ) (σ_c / σ(θ)) r_c(x),    r_c(x) = p(x|θ_c)/p(x|θ₀),   σ(θ) = Σ_c w_c(θ) σ_c .
 * </pre>
 *
 * The network has one output per basis point, r̂_c(x) = exp(o_c(x)), and the θ-dependence is analytic;
 * the combined logit ℓ = log max(r̂, {@link #MIN_RATIO}) is trained with {@link RatioLoss#CARL} or
 * {@link RatioLoss#ALICE} on θ drawn from the prior. σ_c are the training sample's totals at the basis
 * points, stored with the model.
 */
public final class MorphingAwareRatio {
  static final String METHOD = "morphing";
  /** Floor of the combined ratio before the logarithm (the morphing weights may cancel). */
  public static final double MIN_RATIO = 1e-6;
  /** Network outputs are clipped to ±this before exponentiation. */
  static final float MAX_LOG_COMPONENT = 40f;

  private MorphingAwareRatio() {}

  /**
   * Trains a morphing-aware estimator.
   *
   * @param morphing basis points and morphing matrix (parameters as in {@code weights})
   * @param theta0 reference point θ₀ (read)
   */
  public static MorphingRatio train(FeatureMatrix x, ParametrizedWeights weights, Morphing morphing, ParameterPrior prior,
      double[] theta0, RatioLoss loss, TrainingSettings s) {
    RatioTraining.check(x, weights, prior, theta0);
    if (!morphing.parameterNames().equals(weights.parameterNames())) {
      throw new IllegalArgumentException("morphing parameters " + morphing.parameterNames() + " differ from the weights' "
          + weights.parameterNames());
    }
    int k = morphing.size();
    double[] sigma = new double[k];
    for (int c = 0; c < k; c++) {
      sigma[c] = weights.total(morphing.basisPoint(c));
    }
    SplittableRandom rng = new SplittableRandom(s.seed());
    int[][] split = TrainLoop.split(x.rows(), s.validationFraction(), rng.split());
    Standardizer xs = Standardizer.fit(x.rows(split[0]));
    int d = x.cols();
    NDManager manager = Djl.newManager();
    try {
      Mlp net = Mlp.create(manager, d, s.hidden(), k, s.activation(), rng.split());
      Logit logit = new Logit(net, d, morphing, sigma);
      RatioTraining.ExampleSet train = new RatioTraining.ExampleSet(RatioTraining.features(x, split[0], xs), d,
          weights.subset(split[0]), prior, theta0);
      RatioTraining.ExampleSet val = split[1].length == 0 ? null : new RatioTraining.ExampleSet(
          RatioTraining.features(x, split[1], xs), d, weights.subset(split[1]), prior, theta0);
      TrainingHistory h = TrainLoop.run(manager, new RatioTraining.Task(logit, loss, train, val, rng.split()), s,
          rng.split(), METHOD + "-" + loss.tag());
      List<String> outputs = componentNames(k);
      ObjectNode meta = ModelJson.common(METHOD, x.names(), xs, outputs, weights.parameterNames(), s, h);
      meta.put("loss", loss.tag());
      meta.set("reference_point", MetaJson.doubles(theta0));
      meta.set("prior", RatioClassifier.priorJson(prior));
      ObjectNode mo = meta.putObject("morphing");
      mo.put("degree", morphing.basis().degree());
      mo.set("basis_points", MetaJson.matrix(morphing.basisPoints()));
      mo.set("basis_totals", MetaJson.doubles(sigma));
      ObjectNode data = meta.putObject("training_data");
      data.put("events", x.rows());
      data.put("train_events", split[0].length);
      data.put("validation_events", split[1].length);
      return new MorphingRatio(manager, meta, Map.of("main", net), x.names(), xs, morphing, sigma, theta0, s, h);
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  static List<String> componentNames(int k) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      out.add("log_r_" + c);
    }
    return out;
  }

  /** a_c(θ) = w_c(θ) σ_c / σ(θ) for rows of θ. */
  static float[] coefficients(Morphing m, double[] sigma, double[] theta, int rows) {
    int p = m.basis().nParameters();
    int k = m.size();
    float[] out = new float[rows * k];
    double[] t = new double[p];
    double[] w = new double[k];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(theta, r * p, t, 0, p);
      m.weights(t, w);
      double tot = 0;
      for (int c = 0; c < k; c++) {
        tot += w[c] * sigma[c];
      }
      for (int c = 0; c < k; c++) {
        out[r * k + c] = (float) (w[c] * sigma[c] / tot);
      }
    }
    return out;
  }

  /** ℓ = log max(Σ_c a_c(θ) exp(o_c(x)), r_min). */
  static final class Logit implements RatioTraining.Logit {
    private final Mlp net;
    private final int d;
    private final Morphing morphing;
    private final double[] sigma;

    Logit(Mlp net, int d, Morphing morphing, double[] sigma) {
      this.net = net;
      this.d = d;
      this.morphing = morphing;
      this.sigma = sigma;
    }

    @Override
    public NDArray logit(NDManager bm, float[] x, double[] theta1, double[] theta0, int rows, boolean training) {
      int k = morphing.size();
      NDArray o = net.forward(bm.create(FloatBuffer.wrap(x, 0, rows * d), new Shape(rows, d)), training);
      NDArray a = bm.create(FloatBuffer.wrap(coefficients(morphing, sigma, theta1, rows)), new Shape(rows, k));
      return o.clip(-MAX_LOG_COMPONENT, MAX_LOG_COMPONENT).exp().mul(a).sum(new int[] {1}).maximum((float) MIN_RATIO).log();
    }

    @Override
    public List<Mlp> networks() {
      return List.of(net);
    }
  }
}
