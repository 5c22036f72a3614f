package io.sumbin.summaries;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * event2vec vector summaries: an event network s(x) ∈ ℝ^m and a parameter network π(θ) whose difference
 * gives the log-ratio between any two hypotheses,
 *
 * <pre>
 *   vector:   ℓ(x|θ₁, θ₀) = s(x)·(π(θ₁) − π(θ₀)) − (A(θ₁) − A(θ₀)),
 *   binwise:  ℓ(x|θ₁, θ₀) = softmax(s(x))·(log softmax π(θ₁) − log softmax π(θ₀)).
 * </pre>
 *
 * The vector form is an m-parameter exponential family p(x|θ) ∝ h(x) exp(s(x)·π(θ) − A(θ)) (the
 * normalization A is the extra output of the parameter network): for n events the log-likelihood ratio
 * depends on the data only through the summed summary S = Σ_i s(x_i). In the binwise form the summary is a
 * soft assignment to m bins and π(θ) the log bin probabilities, so Σ_i w_i s(x_i) is a soft-binned
 * histogram with Σ_b = Σ_i w_i, and ℓ becomes the usual per-bin log-ratio as the assignment hardens.
 * Training draws an independent pair (θ₀, θ₁) from the prior for every event and epoch and minimizes
 * {@link RatioLoss#ALICE} (or {@link RatioLoss#CARL}) on ℓ, i.e. ℓ is a parametrized classifier logit
 * (arXiv:1506.02169, 1805.00020) constrained to the exponential-family form. (The event2vec construction is
 * the one specified in sumbin's DESIGN.md §5; we could not verify an arXiv reference for it offline.)
 *
 * <pre>{@code
 * try (Event2VecSummary e = Event2Vec.train(x, weights, prior, Event2Vec.Options.binwise(8), RatioLoss.ALICE,
 *         TrainingSettings.DEFAULT)) {
 *   double[] hist = e.summedSummary(x, weights.weights(theta));   // soft histogram at θ
 * }
 * }</pre>
 */
public final class Event2Vec {
  static final String METHOD = "event2vec";
  static final String METHOD_BINWISE = "event2vec-binwise";

  private Event2Vec() {}

  /**
   * Summary dimension and form.
   *
   * @param dimension m ≥ 1 (number of soft bins for the binwise form, which needs m ≥ 2)
   * @param binwise softmax summary and log-softmax embedding
   * @param referencePoint θ₀ used by {@link Event2VecSummary#logRatio(FeatureMatrix, double[])} (null: the
   *     prior's mean)
   */
  public record Options(int dimension, boolean binwise, double[] referencePoint) {
    public Options {
      if (dimension < 1 || (binwise && dimension < 2)) {
        throw new IllegalArgumentException("event2vec dimension must be >= " + (binwise ? 2 : 1) + ", got " + dimension);
      }
      referencePoint = referencePoint == null ? null : referencePoint.clone();
    }

    /** Vector summary of dimension m. */
    public static Options vector(int m) {
      return new Options(m, false, null);
    }

    /** Binwise summary with m soft bins. */
    public static Options binwise(int m) {
      return new Options(m, true, null);
    }

    public Options withReferencePoint(double[] theta0) {
      return new Options(dimension, binwise, theta0);
    }

    @Override
    public double[] referencePoint() {
      return referencePoint == null ? null : referencePoint.clone();
    }
  }

  /** Trains an event2vec summary on pairs (θ₀, θ₁) drawn from the prior. */
  public static Event2VecSummary train(FeatureMatrix x, ParametrizedWeights weights, ParameterPrior prior, Options o,
      RatioLoss loss, TrainingSettings s) {
    return train(x, weights, prior, o, loss, s, null);
  }

  /**
   * Trains an event2vec summary and keeps the epoch with the best validation {@code metric} of the summaries
   * s(x) of the validation events ({@code outputs[j][row]}: soft-bin memberships for the binwise form), e.g.
   * the Fisher information of the summed summary; null selects on the validation loss.
   */
  public static Event2VecSummary train(FeatureMatrix x, ParametrizedWeights weights, ParameterPrior prior, Options o,
      RatioLoss loss, TrainingSettings s, ValidationMetric metric) {
    double[] ref = o.referencePoint() != null ? o.referencePoint() : prior.mean();
    RatioTraining.check(x, weights, prior, ref);
    SplittableRandom rng = new SplittableRandom(s.seed());
    int[][] split = TrainLoop.split(x.rows(), s.validationFraction(), rng.split());
    FeatureEncoding enc = FeatureEncoding.fit(x.rows(split[0]), s.encoding(), s.encodingBins());
    FeatureMatrix xraw = x;
    if (enc != null) {
      x = enc.apply(x);
    }
    Standardizer xs = Standardizer.fit(x.rows(split[0]));
    Standardizer ts = new Standardizer(prior.mean(), prior.std());
    int d = x.cols();
    int p = prior.dimension();
    int m = o.dimension();
    String method = o.binwise() ? METHOD_BINWISE : METHOD;
    NDManager manager = Djl.newManager();
    try {
      Mlp sNet = Mlp.create(manager, d, s.hidden(), m, s.activation(), rng.split());
      Mlp piNet = Mlp.create(manager, p, s.hidden(), o.binwise() ? m : m + 1, s.activation(), rng.split());
      Logit logit = new Logit(sNet, piNet, d, ts, m, o.binwise());
      RatioTraining.ExampleSet train = new RatioTraining.ExampleSet(RatioTraining.features(x, split[0], xs), d,
          weights.subset(split[0]), prior, null);
      RatioTraining.ExampleSet val = split[1].length == 0 ? null : new RatioTraining.ExampleSet(
          RatioTraining.features(x, split[1], xs), d, weights.subset(split[1]), prior, null);
      java.util.function.DoubleSupplier score = null;
      if (metric != null) {
        if (val == null) {
          throw new IllegalArgumentException("event2vec: a validation metric needs validation events (fraction > 0)");
        }
        float[] xv = RatioTraining.features(x, split[1], xs);
        int[] rows = split[1];
        boolean bw = o.binwise();
        score = () -> metric.score(rows, Event2VecSummary.summaries(sNet.predict(manager, xv, rows.length, s.inferenceBatch()),
            rows.length, m, bw));
      }
      TrainingHistory h = TrainLoop.run(manager, new RatioTraining.Task(logit, loss, train, val, rng.split()), s,
          rng.split(), method + "-" + loss.tag(), score);
      ObjectNode meta = MetaJson.common(method, xraw.names(), xs, outputNames(m, o.binwise()), weights.parameterNames(), s, h);
      if (enc != null) {
        meta.set("input_encoding", enc.json());
      }
      meta.put("loss", loss.tag());
      meta.put("dimension", m);
      meta.put("binwise", o.binwise());
      meta.set("reference_point", MetaJson.doubles(ref));
      meta.set("parameter_scaler", MetaJson.scaler(ts));
      meta.set("prior", RatioClassifier.priorJson(prior));
      ObjectNode data = meta.putObject("training_data");
      data.put("events", x.rows());
      data.put("train_events", split[0].length);
      data.put("validation_events", split[1].length);
      return new Event2VecSummary(manager, meta, Map.of("s", sNet, "pi", piNet), xraw.names(), xs,
          weights.parameterNames(), ts, m, o.binwise(), ref, s, h);
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  static List<String> outputNames(int m, boolean binwise) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      out.add((binwise ? "bin_" : "s_") + k);
    }
    return out;
  }

  /** The two-network logit. */
  static final class Logit implements RatioTraining.Logit {
    private final Mlp sNet;
    private final Mlp piNet;
    private final int d;
    private final Standardizer ts;
    private final int m;
    private final boolean binwise;

    Logit(Mlp sNet, Mlp piNet, int d, Standardizer ts, int m, boolean binwise) {
      this.sNet = sNet;
      this.piNet = piNet;
      this.d = d;
      this.ts = ts;
      this.m = m;
      this.binwise = binwise;
    }

    @Override
    public NDArray logit(NDManager bm, float[] x, double[] theta1, double[] theta0, int rows, boolean training) {
      int p = ts.size();
      NDArray s = sNet.forward(bm.create(FloatBuffer.wrap(x, 0, rows * d), new Shape(rows, d)), training);
      NDArray t1 = bm.create(FloatBuffer.wrap(RatioTraining.standardizedTheta(theta1, rows, ts)), new Shape(rows, p));
      NDArray t0 = bm.create(FloatBuffer.wrap(RatioTraining.standardizedTheta(theta0, rows, ts)), new Shape(rows, p));
      NDArray p1 = piNet.forward(t1, training);
      NDArray p0 = piNet.forward(t0, training);
      if (binwise) {
        NDArray diff = p1.logSoftmax(1).sub(p0.logSoftmax(1));
        return s.softmax(1).mul(diff).sum(new int[] {1});
      }
      NDArray diff = p1.sub(p0);
      NDArray dpi = diff.get(new NDIndex(":, 0:" + m));
      NDArray dA = diff.get(new NDIndex(":, " + m)).reshape(rows);
      return s.mul(dpi).sum(new int[] {1}).add(dA);
    }

    @Override
    public List<Mlp> networks() {
      return List.of(sNet, piNet);
    }
  }
}
