package io.sumbin.summaries.derivative;

import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LabelSet;
import io.sumbin.summaries.Standardizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Fractional smearing of outlier labels for derivative learning, after the idea of arXiv:2410.07315
 * (rare events with huge joint-ratio labels dominate a squared loss; spreading part of their label
 * over their phase-space neighbours reduces the variance while keeping the regression target).
 *
 * <p>Our definition, per label column: with the median m and the robust width s = 1.4826·MAD of the
 * labels, an event i is an outlier if |R_i − m| &gt; {@code threshold}·s. Let N(i) be its {@code neighbours}
 * nearest events in standardized feature space and R̄_i the mean of their labels. A fraction f of the
 * excess, δ_i = f·(R_i − R̄_i), is taken from the outlier and given to its neighbours in proportion to
 * their |weights|:
 *
 * <pre>
 *   R_i ← R_i − δ_i ,     R_j ← R_j + δ_i · w_i · sign(w_j) / Σ_{j'∈N(i)} |w_j'|   (j ∈ N(i)).
 * </pre>
 *
 * This conserves Σ_i w_i R_i exactly (so every histogram of the weighted labels with bins larger than
 * the neighbourhoods is unchanged) and shrinks outliers by the factor (1 − f). All excesses are
 * computed from the original labels, so the result does not depend on the event order.
 *
 * @param threshold outlier threshold in robust widths (&gt; 0)
 * @param fraction fraction f of the excess that is moved, in (0, 1]
 * @param neighbours size of the neighbourhood (≥ 1)
 */
public record LabelSmearing(double threshold, double fraction, int neighbours) {

  /** 5 robust widths, half the excess, 16 neighbours. */
  public static final LabelSmearing DEFAULT = new LabelSmearing(5, 0.5, 16);

  public LabelSmearing {
    if (!(threshold > 0) || !Double.isFinite(threshold)) {
      throw new io.sumbin.histmodel.BadInputException("smearing threshold must be positive, got " + threshold);
    }
    if (!(fraction > 0 && fraction <= 1)) {
      throw new io.sumbin.histmodel.BadInputException("smearing fraction must be in (0, 1], got " + fraction);
    }
    if (neighbours < 1) {
      throw new io.sumbin.histmodel.BadInputException("smearing needs >= 1 neighbour, got " + neighbours);
    }
  }

  /**
   * The smeared labels and the number of outliers found per label.
   *
   * @param labels smeared labels
   * @param outliers per label column, the number of events that were smeared
   */
  public record Result(LabelSet labels, int[] outliers) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Result {
      outliers = outliers.clone();
    }

    @Override
    public int[] outliers() {
      return outliers.clone();
    }
  }

  /**
   * Smears the outliers of every label column.
   *
   * @param x event features (read), used for the neighbourhoods after standardization
   * @param weights event weights (read)
   */
  public Result apply(FeatureMatrix x, double[] weights, LabelSet labels) {
    int n = x.rows();
    if (weights.length != n || labels.events() != n) {
      throw new io.sumbin.histmodel.BadInputException("smearing: " + n + " events, " + weights.length + " weights, "
          + labels.events() + " labelled events");
    }
    if (n <= neighbours) {
      throw new io.sumbin.histmodel.BadInputException("smearing with " + neighbours + " neighbours needs more than " + neighbours
          + " events, got " + n);
    }
    float[] z = x.raw().clone();
    Standardizer.fit(x).applyInPlace(z, 0, n);
    int d = x.cols();
    double[][] cols = labels.raw();
    double[][] out = labels.columns();
    int[] counts = new int[cols.length];
    Map<Integer, int[]> cache = new HashMap<>();
    for (int k = 0; k < cols.length; k++) {
      double[] r = cols[k];
      double med = median(r);
      double[] dev = new double[n];
      for (int i = 0; i < n; i++) {
        dev[i] = Math.abs(r[i] - med);
      }
      double s = 1.4826 * median(dev);
      if (!(s > 0)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        if (dev[i] <= threshold * s) {
          continue;
        }
        int[] nb = cache.computeIfAbsent(i, e -> nearest(z, n, d, e, neighbours));
        double mean = 0;
        double sumAbs = 0;
        for (int j : nb) {
          mean += r[j];
          sumAbs += Math.abs(weights[j]);
        }
        mean /= nb.length;
        double delta = fraction * (r[i] - mean);
        if (sumAbs == 0 || weights[i] == 0) {
          continue;
        }
        counts[k]++;
        out[k][i] -= delta;
        for (int j : nb) {
          out[k][j] += delta * weights[i] * Math.signum(weights[j]) / sumAbs;
        }
      }
    }
    return new Result(new LabelSet(labels.names(), out), counts);
  }

  /** Indices of the m nearest events to event e (excluding e), by Euclidean distance. */
  private static int[] nearest(float[] z, int n, int d, int e, int m) {
    PriorityQueue<double[]> heap = new PriorityQueue<>(m + 1, (a, b) -> Double.compare(b[0], a[0]));
    for (int j = 0; j < n; j++) {
      if (j == e) {
        continue;
      }
      double s = 0;
      for (int c = 0; c < d; c++) {
        double t = z[j * d + c] - z[e * d + c];
        s += t * t;
      }
      if (heap.size() < m) {
        heap.add(new double[] {s, j});
      } else if (s < heap.peek()[0]) {
        heap.poll();
        heap.add(new double[] {s, j});
      }
    }
    int[] out = new int[heap.size()];
    int k = 0;
    for (double[] h : heap) {
      out[k++] = (int) h[1];
    }
    Arrays.sort(out);
    return out;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
