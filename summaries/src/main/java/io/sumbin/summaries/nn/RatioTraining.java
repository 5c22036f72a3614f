package io.sumbin.summaries.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.weights.ParametrizedWeights;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training task shared by the likelihood-ratio methods (parametrized classifier, morphing-aware
 * ratio, event2vec): per epoch every event gets a fresh θ (and, for event2vec, a fresh θ₀) from the
 * prior; the loss is {@link RatioLoss} on the logit ℓ that the method computes from its networks.
 */
public final class RatioTraining {
  private RatioTraining() {}

  /** How a method turns a batch into logits ℓ = log r̂(x|θ₁, θ₀). */
  public interface Logit {
    /**
     * @param x rows × d standardized features (read)
     * @param theta1 rows × p raw parameter values of the numerator hypothesis (read)
     * @param theta0 rows × p raw reference values (read)
     * @return logits, shape (rows)
     */
    NDArray logit(NDManager bm, float[] x, double[] theta1, double[] theta0, int rows, boolean training);

    List<Mlp> networks();
  }

  /** The events of one split with their per-epoch examples. */
  public static final class ExampleSet {
    final float[] x;
    final int n;
    final int d;
    final int p;
    final ThetaSource source;
    final double[] theta0Fixed;
    final double total0Fixed;
    final double[] theta1;
    final double[] theta0;
    final double[] a;
    final double[] b;
    final int[] partner;

    public ExampleSet(float[] x, int d, ParametrizedWeights w, ParameterPrior prior, double[] theta0Fixed) {
      this.x = x;
      this.n = w.size();
      this.d = d;
      this.p = prior.dimension();
      this.source = new ThetaSource(w, prior);
      this.theta0Fixed = theta0Fixed == null ? null : theta0Fixed.clone();
      this.total0Fixed = theta0Fixed == null ? Double.NaN : w.total(theta0Fixed);
      if (theta0Fixed != null && !(total0Fixed > 0)) {
        throw new IllegalArgumentException("σ(θ₀) = " + total0Fixed + " at the reference point must be positive");
      }
      theta1 = new double[n * p];
      theta0 = new double[n * p];
      a = new double[n];
      b = new double[n];
      partner = new int[n];
    }

    /** Draws θ (θ₀), the partners of an independent-events loss (CARL) and the normalized weights. */
    void draw(SplittableRandom rng, RatioLoss loss) {
      double[] tot1 = new double[n];
      source.draw(n, rng, theta1, tot1);
      double[] tot0 = new double[n];
      if (theta0Fixed == null) {
        source.draw(n, rng, theta0, tot0);
      } else {
        for (int k = 0; k < n; k++) {
          System.arraycopy(theta0Fixed, 0, theta0, k * p, p);
          tot0[k] = total0Fixed;
        }
      }
      for (int k = 0; k < n; k++) {
        partner[k] = k;
      }
      if (loss.pairing() == RatioLoss.Pairing.INDEPENDENT_EVENTS) {
        TrainLoop.shuffle(partner, rng);
      }
      double[] w0Fixed = theta0Fixed == null ? null : source.weightsAt(theta0Fixed);
      for (int k = 0; k < n; k++) {
        if (!(tot1[k] > 0) || !(tot0[k] > 0)) {
          throw new IllegalArgumentException("σ(θ) = " + (tot1[k] > 0 ? tot0[k] : tot1[k]) + " is not positive at a prior point");
        }
        a[k] = source.weight(k, theta1, k * p) * n / tot1[k];
        b[k] = (w0Fixed != null ? w0Fixed[partner[k]] : source.weight(partner[k], theta0, k * p)) * n / tot0[k];
      }
    }
  }

  /** The loop task for one method. */
  public static final class Task implements TrainLoop.Task {
    private final Logit logit;
    private final RatioLoss loss;
    private final ExampleSet train;
    private final ExampleSet val;

    public Task(Logit logit, RatioLoss loss, ExampleSet train, ExampleSet val, SplittableRandom valRng) {
      this.logit = logit;
      this.loss = loss;
      this.train = train;
      this.val = val;
      if (val != null && val.n > 0) {
        val.draw(valRng, loss);
      }
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
    public void newEpoch(SplittableRandom rng) {
      train.draw(rng, loss);
    }

    @Override
    public NDArray loss(NDManager bm, boolean validation, int[] order, int from, int to) {
      ExampleSet s = validation ? val : train;
      int bsz = to - from;
      boolean independent = loss.pairing() == RatioLoss.Pairing.INDEPENDENT_EVENTS;
      int rows = independent ? 2 * bsz : bsz;
      int d = s.d;
      int p = s.p;
      float[] x = new float[rows * d];
      double[] t1 = new double[rows * p];
      double[] t0 = new double[rows * p];
      float[] ca = new float[rows];
      float[] cb = new float[rows];
      for (int r = 0; r < bsz; r++) {
        int k = order[from + r];
        System.arraycopy(s.x, k * d, x, r * d, d);
        System.arraycopy(s.theta1, k * p, t1, r * p, p);
        System.arraycopy(s.theta0, k * p, t0, r * p, p);
        if (independent) {
          int j = s.partner[k];
          System.arraycopy(s.x, j * d, x, (bsz + r) * d, d);
          System.arraycopy(s.theta1, k * p, t1, (bsz + r) * p, p);
          System.arraycopy(s.theta0, k * p, t0, (bsz + r) * p, p);
          ca[r] = (float) s.a[k];
          cb[bsz + r] = (float) s.b[k];
        } else {
          ca[r] = (float) s.a[k];
          cb[r] = (float) s.b[k];
        }
      }
      NDArray l = logit.logit(bm, x, t1, t0, rows, !validation);
      NDArray wa = bm.create(FloatBuffer.wrap(ca), new Shape(rows));
      NDArray wb = bm.create(FloatBuffer.wrap(cb), new Shape(rows));
      NDArray per = loss.perExample(l, wa, wb, NdOps.INSTANCE);
      return per.sum().div((float) bsz);
    }

    @Override
    public List<Mlp> networks() {
      return logit.networks();
    }
  }

  /** Copies selected events' standardized features. */
  public static float[] features(FeatureMatrix x, int[] idx, Standardizer s) {
    FeatureMatrix sub = x.rows(idx);
    float[] a = sub.raw().clone();
    s.applyInPlace(a, 0, sub.rows());
    return a;
  }

  /** θ standardized with the prior's mean and width, as float rows. */
  public static float[] standardizedTheta(double[] theta, int rows, Standardizer ts) {
    int p = ts.size();
    float[] out = new float[rows * p];
    for (int r = 0; r < rows; r++) {
      for (int a = 0; a < p; a++) {
        out[r * p + a] = (float) ts.apply(a, theta[r * p + a]);
      }
    }
    return out;
  }

  /** Checks the common inputs of the ratio methods. */
  public static void check(FeatureMatrix x, ParametrizedWeights w, ParameterPrior prior, double[] theta0) {
    if (w.size() != x.rows()) {
      throw new IllegalArgumentException(x.rows() + " events but weights for " + w.size());
    }
    if (!w.parameterNames().equals(prior.names())) {
      throw new IllegalArgumentException("prior parameters " + prior.names() + " differ from the weights' parameters "
          + w.parameterNames());
    }
    if (theta0 != null) {
      if (theta0.length != prior.dimension()) {
        throw new IllegalArgumentException("θ₀ has " + theta0.length + " values, the parameters are " + prior.names());
      }
      for (double t : theta0) {
        if (!Double.isFinite(t)) {
          throw new IllegalArgumentException("θ₀ must be finite, got " + java.util.Arrays.toString(theta0));
        }
      }
    }
    if (x.rows() < 2) {
      throw new IllegalArgumentException("need at least 2 events, got " + x.rows());
    }
  }
}
