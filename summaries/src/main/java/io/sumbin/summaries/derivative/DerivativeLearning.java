package io.sumbin.summaries.derivative;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LabelSet;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.ValidationMetric;
import io.sumbin.summaries.nn.Djl;
import io.sumbin.summaries.nn.FeatureEncoding;
import io.sumbin.summaries.nn.Mlp;
import io.sumbin.summaries.nn.ModelJson;
import io.sumbin.summaries.nn.TrainLoop;
import io.sumbin.summaries.nn.WeightedRegression;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Derivative learning (arXiv:2410.07315): one network ĝ(x) regresses all per-event derivative labels
 * R_a, R_ab (see {@link DerivativeLabels}) with the weighted squared loss
 *
 * <pre>
 *   L = Σ_i w_i Σ_k (ĝ_k(x_i) − ρ_k(R_k,i))² / (n · mean|w| · K),      ρ_k(v) = (v − μ_k)/s_k ,
 * </pre>
 *
 * where w_i are the reference-point (SM) weights and every label is standardized with its weighted mean
 * μ_k and width s_k (stored with the model) so that all K outputs count alike. The minimizer is the
 * weighted conditional mean ĝ_k(x) = ρ_k(E_w[R_k | x]), i.e. the derivatives of the density ratio at
 * θ_ref. Optionally the outlier labels of the training events are smeared first ({@link LabelSmearing}).
 *
 * <pre>{@code
 * LabelSet labels = DerivativeLabels.of(weights, new double[5]);      // R_a, R_ab at the SM
 * try (DerivativeSummary s = DerivativeLearning.train(x, weights.weights(new double[5]), labels,
 *         LabelSmearing.DEFAULT, TrainingSettings.DEFAULT.withProgress(true))) {
 *   double[][] r = s.evaluate(x);                                   // [K][n] learned R
 *   s.save(Path.of("model"));
 * }
 * }</pre>
 */
public final class DerivativeLearning {
  static final String METHOD = "derivative";

  private DerivativeLearning() {}

  /**
   * Trains on explicit labels.
   *
   * @param x features (read)
   * @param weights per-event weights at the reference point (read), with Σ|w| &gt; 0
   * @param labels regression targets, one column per output
   * @param smearing outlier smearing of the training labels, or null for none
   */
  public static DerivativeSummary train(FeatureMatrix x, double[] weights, LabelSet labels, LabelSmearing smearing,
      TrainingSettings s) {
    return train(x, weights, labels, smearing, s, null);
  }

  /**
   * Trains on explicit labels and keeps the epoch with the best validation {@code metric} (null: the best
   * validation loss).
   */
  public static DerivativeSummary train(FeatureMatrix x, double[] weights, LabelSet labels, LabelSmearing smearing,
      TrainingSettings s, ValidationMetric metric) {
    return train(x, weights, labels, smearing, s, metric, null);
  }

  /**
   * Trains on explicit labels with the given validation events (e.g. one fold of a cross-validation; null: a
   * seeded random fraction {@link TrainingSettings#validationFraction()} of the events).
   *
   * @param validation indices of the validation events (read), the others train
   */
  public static DerivativeSummary train(FeatureMatrix x, double[] weights, LabelSet labels, LabelSmearing smearing,
      TrainingSettings s, ValidationMetric metric, int[] validation) {
    int n = x.rows();
    if (weights.length != n || labels.events() != n) {
      throw new IllegalArgumentException("derivative learning: " + n + " events but " + weights.length + " weights and "
          + labels.events() + " labelled events");
    }
    if (labels.size() == 0) {
      throw new IllegalArgumentException("derivative learning needs at least one label");
    }
    double sumAbs = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight of event " + i + " is " + weights[i]);
      }
      sumAbs += Math.abs(weights[i]);
    }
    if (!(sumAbs > 0)) {
      throw new IllegalArgumentException("derivative learning: all weights are zero");
    }
    SplittableRandom rng = new SplittableRandom(s.seed());
    int[][] split = validation == null ? TrainLoop.split(n, s.validationFraction(), rng.split())
        : TrainLoop.complement(n, validation);
    FeatureMatrix xt = x.rows(split[0]);
    FeatureMatrix xv = x.rows(split[1]);
    double[] wt = WeightedRegression.pick(weights, split[0]);
    double[] wv = WeightedRegression.pick(weights, split[1]);
    LabelSet lt = labels.rows(split[0]);
    LabelSet lv = labels.rows(split[1]);
    int[] smeared = null;
    if (smearing != null) {
      LabelSmearing.Result r = smearing.apply(xt, wt, lt);
      lt = r.labels();
      smeared = r.outliers();
    }
    double[][] clip = null;
    if (s.labelClip() > 0) {
      clip = clipLimits(lt, wt, s.labelClip());
      lt = clipped(lt, clip);
      lv = clipped(lv, clip);
    }
    FeatureEncoding enc = FeatureEncoding.fit(xt, s.encoding(), s.encodingBins());
    if (enc != null) {
      xt = enc.apply(xt);
      xv = enc.apply(xv);
    }
    Standardizer xs = Standardizer.fit(xt);
    Standardizer ys = Standardizer.fitWeighted(lt.raw(), wt);
    double meanAbs = WeightedRegression.meanAbs(wt);
    NDManager manager = Djl.newManager();
    try {
      Mlp net = Mlp.create(manager, xt.cols(), s.hidden(), labels.size(), s.activation(), rng.split());
      Task task = new Task(net, pack(xt, xs), WeightedRegression.rowMajor(lt, ys), WeightedRegression.norm(wt, meanAbs),
          pack(xv, xs), WeightedRegression.rowMajor(lv, ys), WeightedRegression.norm(wv, meanAbs), xt.cols(), labels.size());
      java.util.function.DoubleSupplier score = null;
      if (metric != null) {
        if (split[1].length == 0) {
          throw new IllegalArgumentException("derivative learning: a validation metric needs validation events (fraction > 0)");
        }
        float[] xvs = pack(xv, xs);
        int[] rows = split[1];
        score = () -> metric.score(rows, unscale(net.predict(manager, xvs, rows.length, s.inferenceBatch()), rows.length,
            labels.size(), ys));
      }
      TrainingHistory h = TrainLoop.run(manager, task, s, rng.split(), METHOD, score);
      ObjectNode meta = ModelJson.common(METHOD, x.names(), xs, labels.names(), List.of(), s, h);
      meta.put("loss", "weighted-mse");
      if (enc != null) {
        meta.set("input_encoding", enc.json());
      }
      if (clip != null) {
        ObjectNode c = meta.putObject("label_clip");
        c.put("fraction", s.labelClip());
        c.set("lower", MetaJson.doubles(clip[0]));
        c.set("upper", MetaJson.doubles(clip[1]));
      }
      meta.set("label_scaler", ModelJson.scaler(ys));
      ObjectNode data = meta.putObject("training_data");
      data.put("events", n);
      data.put("train_events", split[0].length);
      data.put("validation_events", split[1].length);
      if (smearing != null) {
        ObjectNode sm = meta.putObject("smearing");
        sm.put("threshold", smearing.threshold());
        sm.put("fraction", smearing.fraction());
        sm.put("neighbours", smearing.neighbours());
        sm.set("outliers", MetaJson.ints(smeared));
      }
      return new DerivativeSummary(manager, meta, Map.of("main", net), x.names(), xs, labels.names(), ys, s, h);
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Trains on the exact labels of polynomial weights at θ_ref = 0 (the Standard Model), without label
   * smearing.
   *
   * @param x features (read)
   * @param weights the per-event polynomial weights (read)
   * @param s training settings
   * @return the trained summary (close it)
   */
  public static DerivativeSummary train(FeatureMatrix x, PolynomialWeights weights, TrainingSettings s) {
    return train(x, weights, new double[weights.parameterNames().size()], s);
  }

  /**
   * Trains on the exact labels of polynomial weights at {@code thetaRef}, without label smearing.
   *
   * @param x features (read)
   * @param weights the per-event polynomial weights (read)
   * @param thetaRef the reference point (read)
   * @param s training settings
   * @return the trained summary (close it)
   */
  public static DerivativeSummary train(FeatureMatrix x, PolynomialWeights weights, double[] thetaRef,
      TrainingSettings s) {
    return train(x, weights, thetaRef, null, s);
  }

  /**
   * Trains on the exact labels of polynomial weights: R_a, R_ab at {@code thetaRef} with the
   * θ_ref weights ({@link DerivativeLabels#of}).
   */
  public static DerivativeSummary train(FeatureMatrix x, PolynomialWeights weights, double[] thetaRef,
      LabelSmearing smearing, TrainingSettings s) {
    return train(x, weights, thetaRef, smearing, s, null, null);
  }

  /**
   * Trains on the exact labels of polynomial weights with a validation metric and explicit validation events
   * (either may be null; see {@link #train(FeatureMatrix, double[], LabelSet, LabelSmearing, TrainingSettings,
   * ValidationMetric, int[])}).
   */
  public static DerivativeSummary train(FeatureMatrix x, PolynomialWeights weights, double[] thetaRef,
      LabelSmearing smearing, TrainingSettings s, ValidationMetric metric, int[] validation) {
    if (weights.size() != x.rows()) {
      throw new IllegalArgumentException("derivative learning: " + x.rows() + " events but weights for " + weights.size());
    }
    LabelSet labels = DerivativeLabels.of(weights, thetaRef);
    DerivativeSummary d = train(x, weights.weights(thetaRef), labels, smearing, s, metric, validation);
    d.setMetadata("parameters", MetaJson.strings(weights.parameterNames()));
    d.setMetadata("reference_point", MetaJson.doubles(thetaRef));
    return d;
  }

  /**
   * Winsorizing limits per label column: the weighted (|w|) quantiles at {@code fraction} and 1 − fraction.
   *
   * @return {lower[k], upper[k]}
   */
  public static double[][] clipLimits(LabelSet l, double[] w, double fraction) {
    int k = l.size();
    double[][] out = new double[2][k];
    int n = l.events();
    for (int j = 0; j < k; j++) {
      double[] c = l.column(j);
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      java.util.Arrays.sort(idx, (a, b) -> Double.compare(c[a], c[b]));
      double total = 0;
      for (double v : w) {
        total += Math.abs(v);
      }
      double acc = 0;
      out[0][j] = c[idx[0]];
      out[1][j] = c[idx[n - 1]];
      boolean lowSet = false;
      for (int r = 0; r < n; r++) {
        acc += Math.abs(w[idx[r]]);
        if (!lowSet && acc >= fraction * total) {
          out[0][j] = c[idx[r]];
          lowSet = true;
        }
        if (acc >= (1 - fraction) * total) {
          out[1][j] = c[idx[r]];
          break;
        }
      }
    }
    return out;
  }

  /** The labels clamped to the limits of {@link #clipLimits}. */
  public static LabelSet clipped(LabelSet l, double[][] lim) {
    double[][] c = l.columns();
    for (int j = 0; j < c.length; j++) {
      for (int i = 0; i < c[j].length; i++) {
        c[j][i] = Math.max(lim[0][j], Math.min(lim[1][j], c[j][i]));
      }
    }
    return new LabelSet(l.names(), c);
  }

  /** Row-major standardized outputs → label units, {@code [output][row]}. */
  private static double[][] unscale(float[] out, int n, int k, Standardizer ys) {
    double[][] c = new double[k][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        c[j][i] = ys.invert(j, out[i * k + j]);
      }
    }
    return c;
  }

  static float[] pack(FeatureMatrix x, Standardizer s) {
    float[] a = x.raw().clone();
    s.applyInPlace(a, 0, x.rows());
    return a;
  }

  /** Weighted MSE on standardized labels. */
  private static final class Task extends WeightedRegression {
    private final Mlp net;

    Task(Mlp net, float[] xt, float[] yt, float[] wt, float[] xv, float[] yv, float[] wv, int d, int k) {
      super(xt, yt, wt, xv, yv, wv, d, k);
      this.net = net;
    }

    @Override
    public NDArray loss(NDManager bm, boolean validation, int[] order, int from, int to) {
      Batch b = batch(bm, validation, order, from, to);
      NDArray diff = net.forward(b.x(), !validation).sub(b.y());
      return diff.square().mul(b.w()).sum().div((float) b.size() * k);
    }

    @Override
    public List<Mlp> networks() {
      return List.of(net);
    }
  }
}
