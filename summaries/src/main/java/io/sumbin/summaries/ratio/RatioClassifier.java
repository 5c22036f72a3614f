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
import io.sumbin.summaries.weights.ParametrizedWeights;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Parametrized likelihood-ratio classifiers r̂(x|θ, θ₀) (Cranmer, Pavez, Louppe arXiv:1506.02169;
 * MadMiner arXiv:1805.00020, 1805.12244): one network takes (x, θ) and returns the logit
 * ℓ(x, θ) = log r̂(x|θ, θ₀) against a fixed reference θ₀. Every epoch each training event is paired with
 * a fresh θ from the prior; the loss is {@link RatioLoss#CARL} (hard labels, independent class samples)
 * or {@link RatioLoss#ALICE} (soft labels from the joint weight ratio). At the optimum
 * ℓ = log p(x|θ)/p(x|θ₀) for every θ in the prior's support.
 *
 * <pre>{@code
 * ParameterPrior prior = ParameterPrior.uniform(List.of("theta"), new double[] {0.1}, new double[] {0.9});
 * try (ParametrizedRatio r = RatioClassifier.train(x, weights, prior, new double[] {0.5}, RatioLoss.ALICE,
 *         TrainingSettings.DEFAULT)) {
 *   double[] logr = r.logRatio(x, new double[] {0.3});
 * }
 * }</pre>
 */
public final class RatioClassifier {
  private RatioClassifier() {}

  /**
   * Trains a parametrized classifier.
   *
   * @param x event features (read)
   * @param weights w_i(θ) of the same events
   * @param prior proposal of θ during training
   * @param theta0 reference point θ₀ (read), with σ(θ₀) &gt; 0
   */
  public static ParametrizedRatio train(FeatureMatrix x, ParametrizedWeights weights, ParameterPrior prior,
      double[] theta0, RatioLoss loss, TrainingSettings s) {
    RatioTraining.check(x, weights, prior, theta0);
    SplittableRandom rng = new SplittableRandom(s.seed());
    int[][] split = TrainLoop.split(x.rows(), s.validationFraction(), rng.split());
    Standardizer xs = Standardizer.fit(x.rows(split[0]));
    Standardizer ts = new Standardizer(prior.mean(), prior.std());
    int d = x.cols();
    int p = prior.dimension();
    NDManager manager = Djl.newManager();
    try {
      Mlp net = Mlp.create(manager, d + p, s.hidden(), 1, s.activation(), rng.split());
      RatioTraining.Logit logit = new Logit(net, d, ts);
      RatioTraining.ExampleSet train = new RatioTraining.ExampleSet(RatioTraining.features(x, split[0], xs), d,
          weights.subset(split[0]), prior, theta0);
      RatioTraining.ExampleSet val = split[1].length == 0 ? null : new RatioTraining.ExampleSet(
          RatioTraining.features(x, split[1], xs), d, weights.subset(split[1]), prior, theta0);
      RatioTraining.Task task = new RatioTraining.Task(logit, loss, train, val, rng.split());
      TrainingHistory h = TrainLoop.run(manager, task, s, rng.split(), loss.tag());
      ObjectNode meta = ModelJson.common(loss.tag(), x.names(), xs, List.of(), weights.parameterNames(), s, h);
      meta.put("loss", loss.tag());
      meta.set("reference_point", MetaJson.doubles(theta0));
      meta.set("parameter_scaler", ModelJson.scaler(ts));
      meta.set("prior", priorJson(prior));
      ObjectNode data = meta.putObject("training_data");
      data.put("events", x.rows());
      data.put("train_events", split[0].length);
      data.put("validation_events", split[1].length);
      return new ParametrizedRatio(manager, meta, Map.of("main", net), x.names(), xs, weights.parameterNames(),
          theta0, ts, s, h);
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  public static ObjectNode priorJson(ParameterPrior prior) {
    ObjectNode o = MetaJson.F.objectNode();
    if (prior.isNormal()) {
      o.put("type", "normal");
      o.set("mean", MetaJson.doubles(prior.mean()));
      o.set("width", MetaJson.doubles(prior.std()));
    } else if (prior.isBox()) {
      o.put("type", "uniform");
      o.set("lower", MetaJson.doubles(prior.lower()));
      o.set("upper", MetaJson.doubles(prior.upper()));
    } else {
      o.put("type", "points");
      o.set("points", MetaJson.matrix(prior.pointList()));
    }
    return o;
  }

  /** ℓ = net(x ⊕ θ). */
  static final class Logit implements RatioTraining.Logit {
    private final Mlp net;
    private final int d;
    private final Standardizer ts;

    Logit(Mlp net, int d, Standardizer ts) {
      this.net = net;
      this.d = d;
      this.ts = ts;
    }

    @Override
    public NDArray logit(NDManager bm, float[] x, double[] theta1, double[] theta0, int rows, boolean training) {
      return net.forward(bm.create(FloatBuffer.wrap(inputs(x, theta1, rows, d, ts)), new Shape(rows, d + ts.size())),
          training).reshape(rows);
    }

    @Override
    public List<Mlp> networks() {
      return List.of(net);
    }
  }

  /** Rows x ⊕ θ_std. */
  static float[] inputs(float[] x, double[] theta, int rows, int d, Standardizer ts) {
    int p = ts.size();
    float[] in = new float[rows * (d + p)];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(x, r * d, in, r * (d + p), d);
      for (int a = 0; a < p; a++) {
        in[r * (d + p) + d + a] = (float) ts.apply(a, theta[r * p + a]);
      }
    }
    return in;
  }
}
