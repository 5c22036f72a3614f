package io.sumbin.summaries.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sumbin.summaries.LabelSet;
import io.sumbin.summaries.Standardizer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * The shared part of the weighted regressions (derivative learning, event2vec's local limit): training and
 * validation events as row-major inputs x (d per event), targets y (k per event) and normalized weights w, and
 * the gathering of a mini-batch into arrays attached to the batch manager. Subclasses compute the loss.
 */
public abstract class WeightedRegression implements TrainLoop.Task {
  protected final float[] xt;
  protected final float[] yt;
  protected final float[] wt;
  protected final float[] xv;
  protected final float[] yv;
  protected final float[] wv;
  protected final int d;
  protected final int k;
  private float[] bx = new float[0];
  private float[] by = new float[0];
  private float[] bw = new float[0];

  public WeightedRegression(float[] xt, float[] yt, float[] wt, float[] xv, float[] yv, float[] wv, int d, int k) {
    this.xt = xt;
    this.yt = yt;
    this.wt = wt;
    this.xv = xv;
    this.yv = yv;
    this.wv = wv;
    this.d = d;
    this.k = k;
  }

  /** A mini-batch: inputs (b, d), targets (b, k), weights (b, 1). */
  public record Batch(NDArray x, NDArray y, NDArray w, int size) {}

  @Override
  public int trainSize() {
    return wt.length;
  }

  @Override
  public int validationSize() {
    return wv.length;
  }

  @Override
  public void newEpoch(SplittableRandom rng) {
    // nothing is resampled: every event keeps its target
  }

  /** Events order[from..to) of the training or validation set as arrays attached to {@code bm}. */
  protected Batch batch(NDManager bm, boolean validation, int[] order, int from, int to) {
    float[] x = validation ? xv : xt;
    float[] y = validation ? yv : yt;
    float[] w = validation ? wv : wt;
    int b = to - from;
    if (bx.length < b * d) {
      bx = new float[b * d];
      by = new float[b * k];
      bw = new float[b];
    }
    for (int r = 0; r < b; r++) {
      int i = order[from + r];
      System.arraycopy(x, i * d, bx, r * d, d);
      System.arraycopy(y, i * k, by, r * k, k);
      bw[r] = w[i];
    }
    return new Batch(bm.create(FloatBuffer.wrap(bx, 0, b * d), new Shape(b, d)),
        bm.create(FloatBuffer.wrap(by, 0, b * k), new Shape(b, k)), bm.create(FloatBuffer.wrap(bw, 0, b), new Shape(b, 1)), b);
  }

  /** The entries of a at the given indices. */
  public static double[] pick(double[] a, int[] idx) {
    double[] o = new double[idx.length];
    for (int j = 0; j < idx.length; j++) {
      o[j] = a[idx[j]];
    }
    return o;
  }

  /** Weights divided by a scale (the mean |w|), as floats. */
  public static float[] norm(double[] w, double scale) {
    float[] o = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      o[i] = (float) (w[i] / scale);
    }
    return o;
  }

  /** Mean |w|. */
  public static double meanAbs(double[] w) {
    double m = 0;
    for (double v : w) {
      m += Math.abs(v) / w.length;
    }
    return m;
  }

  /** Labels as row-major floats, each column mapped by the standardizer (null: as they are). */
  public static float[] rowMajor(LabelSet l, Standardizer s) {
    int kk = l.size();
    int n = l.events();
    double[][] c = l.raw();
    float[] a = new float[n * kk];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < kk; j++) {
        a[i * kk + j] = (float) (s == null ? c[j][i] : s.apply(j, c[j][i]));
      }
    }
    return a;
  }
}
