package io.sumbin.summaries.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A calibration map ℓ ↦ ℓ_cal of a classifier's logit ℓ(x) ≈ log p_1(x)/p_0(x), fitted on held-out
 * events of both classes with class-balanced weights (each class normalised to total weight 1):
 *
 * <ul>
 *   <li>{@code none}: ℓ_cal = ℓ;</li>
 *   <li>{@code platt}: ℓ_cal = a + bℓ, (a, b) minimising the weighted cross-entropy
 *       Σ_1 ω softplus(−ℓ_cal) + Σ_0 ω softplus(ℓ_cal) (Newton's method; convex for positive weights);</li>
 *   <li>{@code histogram}: ℓ_cal = log p̂_1(ℓ)/p̂_0(ℓ) from weighted histograms of ℓ in bins of equal pooled
 *       population (CARL, arXiv:1506.02169 §3), nodes at the bins' mean ℓ, linear interpolation between
 *       nodes and constant beyond the outer ones; bins with non-positive content in either class are merged
 *       with their neighbour.</li>
 * </ul>
 *
 * @param kind {@code none}, {@code platt} or {@code histogram}
 * @param a Platt offset (0 otherwise)
 * @param b Platt slope (1 otherwise)
 * @param nodes histogram nodes in ℓ, ascending (empty otherwise)
 * @param values calibrated logits at the nodes (empty otherwise)
 */
public record LogitCalibration(String kind, double a, double b, double[] nodes, double[] values) {
  /** The identity map. */
  public static final LogitCalibration NONE = new LogitCalibration("none", 0, 1, new double[0], new double[0]);

  public LogitCalibration {
    nodes = nodes.clone();
    values = values.clone();
    if (!List.of("none", "platt", "histogram").contains(kind)) {
      throw new IllegalArgumentException("unknown calibration kind '" + kind + "' (none, platt, histogram)");
    }
    if (nodes.length != values.length) {
      throw new IllegalArgumentException("calibration: " + nodes.length + " nodes but " + values.length + " values");
    }
    if (kind.equals("histogram") && nodes.length < 1) {
      throw new IllegalArgumentException("histogram calibration needs at least one node");
    }
    for (int k = 1; k < nodes.length; k++) {
      if (!(nodes[k] > nodes[k - 1])) {
        throw new IllegalArgumentException("calibration nodes must be strictly ascending, got " + Arrays.toString(nodes));
      }
    }
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("calibration: a and b must be finite, got " + a + ", " + b);
    }
  }

  @Override
  public double[] nodes() {
    return nodes.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The calibrated logit. */
  public double apply(double l) {
    switch (kind) {
      case "platt":
        return a + b * l;
      case "histogram": {
        int n = nodes.length;
        if (l <= nodes[0]) {
          return values[0];
        }
        if (l >= nodes[n - 1]) {
          return values[n - 1];
        }
        int k = Arrays.binarySearch(nodes, l);
        if (k >= 0) {
          return values[k];
        }
        int hi = -k - 1;
        int lo = hi - 1;
        double t = (l - nodes[lo]) / (nodes[hi] - nodes[lo]);
        return values[lo] + t * (values[hi] - values[lo]);
      }
      default:
        return l;
    }
  }

  /**
   * Platt scaling fitted on held-out logits.
   *
   * @param l1 logits of class-1 events (read); w1 their weights (read)
   * @param l0 logits of class-0 events (read); w0 their weights (read)
   * @throws IllegalArgumentException if a class has non-positive total weight
   */
  public static LogitCalibration platt(double[] l1, double[] w1, double[] l0, double[] w0) {
    double[] o1 = normalised(w1, "class 1");
    double[] o0 = normalised(w0, "class 0");
    double a = 0;
    double b = 1;
    double f = platObjective(a, b, l1, o1, l0, o0);
    for (int it = 0; it < 100; it++) {
      double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
      for (int pass = 0; pass < 2; pass++) {
        double[] l = pass == 0 ? l1 : l0;
        double[] o = pass == 0 ? o1 : o0;
        for (int i = 0; i < l.length; i++) {
          double z = a + b * l[i];
          double s = sigmoid(z);
          double g = pass == 0 ? s - 1 : s;
          double h = s * (1 - s);
          ga += o[i] * g;
          gb += o[i] * g * l[i];
          haa += o[i] * h;
          hab += o[i] * h * l[i];
          hbb += o[i] * h * l[i] * l[i];
        }
      }
      double det = haa * hbb - hab * hab;
      double da;
      double db;
      if (det > 1e-300 && haa > 0) {
        da = -(hbb * ga - hab * gb) / det;
        db = -(-hab * ga + haa * gb) / det;
      } else {
        da = -ga;
        db = -gb;
      }
      double step = 1;
      double fn = Double.NaN;
      while (step > 1e-8) {
        fn = platObjective(a + step * da, b + step * db, l1, o1, l0, o0);
        if (fn <= f) {
          break;
        }
        step *= 0.5;
      }
      if (!(fn <= f)) {
        break;
      }
      a += step * da;
      b += step * db;
      boolean done = Math.abs(f - fn) < 1e-15 && Math.abs(step * da) + Math.abs(step * db) < 1e-10;
      f = fn;
      if (done) {
        break;
      }
    }
    return new LogitCalibration("platt", a, b, new double[0], new double[0]);
  }

  private static double platObjective(double a, double b, double[] l1, double[] o1, double[] l0, double[] o0) {
    double f = 0;
    for (int i = 0; i < l1.length; i++) {
      f += o1[i] * softplus(-(a + b * l1[i]));
    }
    for (int i = 0; i < l0.length; i++) {
      f += o0[i] * softplus(a + b * l0[i]);
    }
    return f;
  }

  /**
   * Histogram calibration fitted on held-out logits (see the class comment).
   *
   * @param bins number of equal-population bins of the pooled held-out logits (≥ 2)
   */
  public static LogitCalibration histogram(double[] l1, double[] w1, double[] l0, double[] w0, int bins) {
    if (bins < 2) {
      throw new IllegalArgumentException("histogram calibration needs >= 2 bins, got " + bins);
    }
    double[] o1 = normalised(w1, "class 1");
    double[] o0 = normalised(w0, "class 0");
    int n = l1.length + l0.length;
    double[] l = new double[n];
    double[] c1 = new double[n];
    double[] c0 = new double[n];
    for (int i = 0; i < l1.length; i++) {
      l[i] = l1[i];
      c1[i] = o1[i];
    }
    for (int i = 0; i < l0.length; i++) {
      l[l1.length + i] = l0[i];
      c0[l1.length + i] = o0[i];
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (p, q) -> Double.compare(l[p], l[q]));
    List<double[]> out = new ArrayList<>(); // {mean ℓ, W1, W0}
    double sl = 0, s1 = 0, s0 = 0;
    int cnt = 0;
    int per = Math.max(1, n / bins);
    for (int k = 0; k < n; k++) {
      int i = idx[k];
      sl += l[i];
      s1 += c1[i];
      s0 += c0[i];
      cnt++;
      boolean boundary = cnt >= per && (k + 1 == n || l[idx[k + 1]] > l[i]);
      if ((boundary && s1 > 0 && s0 > 0) || k + 1 == n) {
        if (s1 > 0 && s0 > 0) {
          out.add(new double[] {sl / cnt, s1, s0});
        } else if (!out.isEmpty()) {
          // merge an unusable last bin into the previous one
          double[] p = out.get(out.size() - 1);
          p[1] += s1;
          p[2] += s0;
        }
        sl = 0;
        s1 = 0;
        s0 = 0;
        cnt = 0;
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("histogram calibration: no bin has positive weight in both classes");
    }
    double[] nodes = new double[out.size()];
    double[] vals = new double[out.size()];
    int m = 0;
    for (double[] p : out) {
      if (m > 0 && !(p[0] > nodes[m - 1])) {
        continue; // identical node (ties): keep the first
      }
      nodes[m] = p[0];
      vals[m] = Math.log(p[1] / p[2]);
      m++;
    }
    return new LogitCalibration("histogram", 0, 1, Arrays.copyOf(nodes, m), Arrays.copyOf(vals, m));
  }

  static double[] normalised(double[] w, String what) {
    double s = 0;
    for (double x : w) {
      s += x;
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException("calibration: " + what + " has total weight " + s + " (must be positive)");
    }
    double[] o = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      o[i] = w[i] / s;
    }
    return o;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  static double softplus(double z) {
    return z > 30 ? z : z < -30 ? Math.exp(z) : Math.log1p(Math.exp(z));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogitCalibration c && c.kind.equals(kind) && c.a == a && c.b == b && Arrays.equals(c.nodes, nodes)
        && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return kind.equals("platt") ? "platt[a=" + a + ", b=" + b + "]" : kind.equals("histogram") ? "histogram[" + nodes.length
        + " nodes]" : "none";
  }
}
