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
 *
 * <p>The events are copied to the engine once; at the first batch of every pass (an epoch or a validation)
 * they are gathered in the pass's order into contiguous arrays, of which each mini-batch is a slice: one
 * gather per pass and three views per batch instead of three arrays built from Java memory per batch.
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
  /** Engine copies of the events and of the current pass's gathered order ({@code [validation ? 1 : 0]}). */
  private NDManager data;
  private final NDArray[][] all = new NDArray[2][];
  private final NDArray[][] pass = new NDArray[2][];

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

  /**
   * Events order[from..to) of the training or validation set as arrays attached to {@code bm}. The batches of a
   * pass must come in turn from {@code from = 0} (as {@link TrainLoop} asks for them): the first one gathers the
   * whole order.
   */
  protected Batch batch(NDManager bm, boolean validation, int[] order, int from, int to) {
    int v = validation ? 1 : 0;
    if (from == 0 || pass[v] == null) {
      if (data == null) {
        data = bm.getParentManager().newSubManager();
      }
      if (all[v] == null) {
        float[] x = validation ? xv : xt;
        float[] y = validation ? yv : yt;
        float[] w = validation ? wv : wt;
        int n = w.length;
        all[v] = new NDArray[] {data.create(FloatBuffer.wrap(x, 0, n * d), new Shape(n, d)),
            data.create(FloatBuffer.wrap(y, 0, n * k), new Shape(n, k)), data.create(FloatBuffer.wrap(w, 0, n), new Shape(n, 1))};
      }
      if (pass[v] != null) {
        for (NDArray a : pass[v]) {
          a.close();
        }
      }
      long[] idx = new long[order.length];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = order[i];
      }
      try (NDArray ia = data.create(idx)) {
        pass[v] = new NDArray[] {all[v][0].get(ia), all[v][1].get(ia), all[v][2].get(ia)};
      }
    }
    return new Batch(Djl.rows(pass[v][0], from, to, bm), Djl.rows(pass[v][1], from, to, bm), Djl.rows(pass[v][2], from, to, bm),
        to - from);
  }

  @Override
  public void finish() {
    if (data != null) {
      data.close();
      data = null;
    }
    all[0] = all[1] = pass[0] = pass[1] = null;
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
