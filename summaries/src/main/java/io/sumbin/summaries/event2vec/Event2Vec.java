package io.sumbin.summaries.event2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LabelSet;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.ValidationMetric;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.nn.Djl;
import io.sumbin.summaries.nn.FeatureEncoding;
import io.sumbin.summaries.nn.Mlp;
import io.sumbin.summaries.nn.ModelJson;
import io.sumbin.summaries.nn.RatioTraining;
import io.sumbin.summaries.nn.TrainLoop;
import io.sumbin.summaries.nn.WeightedRegression;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.ratio.RatioClassifier;
import io.sumbin.summaries.weights.ParametrizedWeights;
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
  public record Options(int dimension, boolean binwise, double[] referencePoint, double[] parameterUnit, boolean localLimit) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Options {
      if (dimension < 1 || (binwise && dimension < 2)) {
        throw new io.sumbin.histmodel.BadInputException("event2vec dimension must be >= " + (binwise ? 2 : 1) + ", got " + dimension);
      }
      referencePoint = referencePoint == null ? null : referencePoint.clone();
      if (parameterUnit != null) {
        for (double u : parameterUnit) {
          if (!(u > 0) || !Double.isFinite(u)) {
            throw new io.sumbin.histmodel.BadInputException("event2vec parameter units must be positive and finite, got "
                + java.util.Arrays.toString(parameterUnit));
          }
        }
        parameterUnit = parameterUnit.clone();
      }
    }

    public Options(int dimension, boolean binwise, double[] referencePoint) {
      this(dimension, binwise, referencePoint, null, false);
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
      return new Options(dimension, binwise, theta0, parameterUnit, localLimit);
    }

    /**
     * The unit in which the parameter network sees θ (θ/unit; default: the prior's width). For a prior much
     * narrower than the scale on which the physics changes, use that scale (e.g. 1/rms of the score), so that
     * π(θ₁) − π(θ₀) starts as small as the true log-ratio instead of O(1): otherwise the first epochs only
     * shrink the embedding and Adam's step-size memory slows everything after.
     */
    public Options withParameterUnit(double... unit) {
      return new Options(dimension, binwise, referencePoint, unit, localLimit);
    }

    /**
     * Trains on the limit of the ratio loss for a prior concentrated at the reference point θ₀ instead of on
     * sampled pairs: for θ₁ → θ₀ the ALICE loss is const + ¼ Δθᵀ E_w[(∂ℓ/∂θ₁ − t(x,z))(…)ᵀ] Δθ + O(Δθ³), with
     * ∂ℓ/∂θ₁ = s(x)·∂π/∂θ (binwise: of log softmax π; vector: minus ∂A/∂θ) and t(x,z) = ∂ log w(x,z|θ)/∂θ the
     * joint score. So the limit regresses the joint score on the summary, weighted by w(θ₀): the summed summary
     * becomes a locally optimal (soft-binned) statistic at θ₀, without the noise of sampled pairs whose
     * log-ratios are tiny. ∂π/∂θ is the central difference of the parameter network over ±0.1 units.
     */
    public Options withLocalLimit(boolean on) {
      return new Options(dimension, binwise, referencePoint, parameterUnit, on);
    }

    @Override
    public double[] parameterUnit() {
      return parameterUnit == null ? null : parameterUnit.clone();
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
    return train(x, weights, prior, o, loss, s, metric, null);
  }

  /**
   * As {@link #train(FeatureMatrix, ParametrizedWeights, ParameterPrior, Options, RatioLoss, TrainingSettings,
   * ValidationMetric)} with the given validation events (null: a seeded random fraction).
   *
   * @param validation indices of the validation events (read)
   */
  public static Event2VecSummary train(FeatureMatrix x, ParametrizedWeights weights, ParameterPrior prior, Options o,
      RatioLoss loss, TrainingSettings s, ValidationMetric metric, int[] validation) {
    double[] ref = o.referencePoint() != null ? o.referencePoint() : prior.mean();
    RatioTraining.check(x, weights, prior, ref);
    SplittableRandom rng = new SplittableRandom(s.seed());
    int[][] split = validation == null ? TrainLoop.split(x.rows(), s.validationFraction(), rng.split())
        : TrainLoop.complement(x.rows(), validation);
    FeatureEncoding enc = FeatureEncoding.fit(x.rows(split[0]), s.encoding(), s.encodingBins());
    FeatureMatrix xraw = x;
    if (enc != null) {
      x = enc.apply(x);
    }
    Standardizer xs = Standardizer.fit(x.rows(split[0]));
    Standardizer ts = new Standardizer(prior.mean(), o.parameterUnit() != null ? o.parameterUnit() : prior.std());
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
          throw new io.sumbin.histmodel.BadInputException("event2vec: a validation metric needs validation events (fraction > 0)");
        }
        float[] xv = RatioTraining.features(x, split[1], xs);
        int[] rows = split[1];
        boolean bw = o.binwise();
        score = () -> metric.score(rows, Event2VecSummary.summaries(sNet.predict(manager, xv, rows.length, s.inferenceBatch()),
            rows.length, m, bw));
      }
      TrainLoop.Task task = o.localLimit()
          ? LocalTask.of(sNet, piNet, ts, ref, m, o.binwise(), x, xs, weights, split, s.labelClip())
          : new RatioTraining.Task(logit, loss, train, val, rng.split());
      TrainingHistory h = TrainLoop.run(manager, task, s, rng.split(), method + "-" + (o.localLimit() ? "local" : loss.tag()),
          score);
      ObjectNode meta = ModelJson.common(method, xraw.names(), xs, outputNames(m, o.binwise()), weights.parameterNames(), s, h);
      if (enc != null) {
        meta.set("input_encoding", enc.json());
      }
      meta.put("loss", o.localLimit() ? "local-score" : loss.tag());
      meta.put("dimension", m);
      meta.put("binwise", o.binwise());
      meta.set("reference_point", MetaJson.doubles(ref));
      meta.set("parameter_scaler", ModelJson.scaler(ts));
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

  /** The local limit of the ratio loss: weighted regression of the joint score on ∂ℓ/∂θ₁ (see {@link Options#withLocalLimit}). */
  static final class LocalTask extends WeightedRegression {
    private final Mlp sNet;
    private final Mlp piNet;
    private final float[] thetaPlus;
    private final float[] thetaMinus;
    private final double[] step;
    private final int m;
    private final boolean binwise;
    private final float[] inv; // 1/σ_a² of the scores

    private LocalTask(Mlp sNet, Mlp piNet, float[] thetaPlus, float[] thetaMinus, double[] step, int m, int p, int d, boolean binwise,
        float[] xt, float[] yt, float[] wt, float[] xv, float[] yv, float[] wv, float[] inv) {
      super(xt, yt, wt, xv, yv, wv, d, p);
      this.sNet = sNet;
      this.piNet = piNet;
      this.thetaPlus = thetaPlus;
      this.thetaMinus = thetaMinus;
      this.step = step;
      this.m = m;
      this.binwise = binwise;
      this.inv = inv;
    }

    static LocalTask of(Mlp sNet, Mlp piNet, Standardizer ts, double[] ref, int m, boolean binwise, FeatureMatrix x,
        Standardizer xs, ParametrizedWeights weights, int[][] split, double labelClip) {
      int p = ref.length;
      int n = weights.size();
      // joint scores t_a = ∂ log w/∂θ_a at θ₀ by central differences (exact for weights quadratic in θ)
      double[] w0 = weights.weights(ref);
      double[][] score = new double[p][n];
      double[] step = new double[p];
      for (int a = 0; a < p; a++) {
        double h = ts.scale()[a];
        double[] tp = ref.clone();
        double[] tm = ref.clone();
        tp[a] += h;
        tm[a] -= h;
        double[] wp = weights.weights(tp);
        double[] wm = weights.weights(tm);
        for (int i = 0; i < n; i++) {
          score[a][i] = w0[i] != 0 ? (wp[i] - wm[i]) / (2 * h * w0[i]) : 0;
        }
        step[a] = 0.1 * ts.scale()[a];
      }
      List<String> names = new ArrayList<>();
      for (int a = 0; a < p; a++) {
        names.add("t" + a);
      }
      LabelSet all = new LabelSet(names, score);
      LabelSet lt = all.rows(split[0]);
      LabelSet lv = all.rows(split[1]);
      double[] wtr = WeightedRegression.pick(w0, split[0]);
      if (labelClip > 0) {
        double[][] lim = DerivativeLearning.clipLimits(lt, wtr, labelClip);
        lt = DerivativeLearning.clipped(lt, lim);
        lv = DerivativeLearning.clipped(lv, lim);
      }
      Standardizer ys = Standardizer.fitWeighted(lt.raw(), wtr);
      float[] inv = new float[p];
      for (int a = 0; a < p; a++) {
        inv[a] = (float) (1 / (ys.scale()[a] * ys.scale()[a]));
      }
      double meanAbs = WeightedRegression.meanAbs(wtr);
      // θ₀ ± step along every parameter, standardized for the parameter network: rows 2a (+) and 2a+1 (−)
      float[] plus = new float[p * p];
      float[] minus = new float[p * p];
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          double t = ref[b] + (a == b ? step[a] : 0);
          double u = ref[b] - (a == b ? step[a] : 0);
          plus[a * p + b] = (float) ts.apply(b, t);
          minus[a * p + b] = (float) ts.apply(b, u);
        }
      }
      return new LocalTask(sNet, piNet, plus, minus, step, m, p, x.cols(), binwise, RatioTraining.features(x, split[0], xs),
          WeightedRegression.rowMajor(lt, null), WeightedRegression.norm(wtr, meanAbs), RatioTraining.features(x, split[1], xs),
          WeightedRegression.rowMajor(lv, null), WeightedRegression.norm(WeightedRegression.pick(w0, split[1]), meanAbs), inv);
    }

    @Override
    public NDArray loss(NDManager bm, boolean validation, int[] order, int from, int to) {
      Batch batch = batch(bm, validation, order, from, to);
      int b = batch.size();
      int p = k;
      NDArray s = sNet.forward(batch.x(), !validation);
      if (binwise) {
        s = s.softmax(1);
      }
      NDArray pp = piNet.forward(bm.create(FloatBuffer.wrap(thetaPlus), new Shape(p, p)), !validation);
      NDArray pm = piNet.forward(bm.create(FloatBuffer.wrap(thetaMinus), new Shape(p, p)), !validation);
      NDArray jac; // (p, m'): ∂ℓ/∂θ_a per summary component (and the normalization column for the vector form)
      if (binwise) {
        jac = pp.logSoftmax(1).sub(pm.logSoftmax(1));
      } else {
        jac = pp.sub(pm);
      }
      float[] inv2 = new float[p];
      for (int a = 0; a < p; a++) {
        inv2[a] = (float) (1 / (2 * step[a]));
      }
      jac = jac.mul(bm.create(inv2, new Shape(p, 1)));
      NDArray pred;
      if (binwise) {
        pred = s.matMul(jac.transpose()); // (b, p)
      } else {
        NDArray jpi = jac.get(new NDIndex(":, 0:" + m));
        NDArray ja = jac.get(new NDIndex(":, " + m)).reshape(1, p);
        pred = s.matMul(jpi.transpose()).add(ja);
      }
      NDArray t = batch.y();
      NDArray wcol = batch.w();
      NDArray diff = pred.sub(t);
      NDArray sq = diff.mul(diff).mul(bm.create(inv, new Shape(1, p)));
      NDArray loss = sq.mul(wcol).sum().div((float) b * p);
      if (binwise) {
        // the soft histogram's own information: 1 − I_soft/I_unbinned per parameter, debiased within the batch,
        // which rewards bins that are hard and ordered by the score (a soft s·J can match the score while its
        // Poisson summed summary carries little)
        NDArray ws = s.mul(wcol); // (b, m)
        NDArray num = ws.transpose().matMul(t); // (m, p)
        NDArray bias = s.mul(s).transpose().matMul(t.mul(t).mul(wcol.mul(wcol))); // (m, p)
        NDArray den = ws.sum(new int[] {0}).reshape(m, 1).add(1e-12f);
        NDArray info = num.mul(num).sub(bias).div(den).sum(new int[] {0}); // (p)
        NDArray total = t.mul(t).mul(wcol).sum(new int[] {0}).add(1e-12f); // (p)
        loss = loss.add(info.div(total).neg().add(1f).sum().div((float) p));
      }
      return loss;
    }

    @Override
    public List<Mlp> networks() {
      return List.of(sNet, piNet);
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
