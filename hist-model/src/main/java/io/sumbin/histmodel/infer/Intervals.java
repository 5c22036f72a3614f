package io.sumbin.histmodel.infer;

/**
 * The one extractor of 1-D confidence intervals from a test statistic on a grid — t(θ) of a profile
 * scan ({@link ProfileLikelihood}) or of a model family ({@link io.sumbin.histmodel.family.ModelFamily}):
 * the region around the smallest t where t ≤ level (Wilks: 1 for 68.27%, 3.84 for 95%; Cowan, Cranmer,
 * Gross, Vitells, arXiv:1007.1727), each edge solved on the parabola through the two grid points that
 * bracket the crossing and the next point inwards — exact when t is a parabola, as it is
 * asymptotically — and linearly interpolated where that parabola does not cross the level inside the
 * bracket. Hand-written: a three-point local model needs no library, and a spline through all points
 * would let distant points move an edge.
 */
public final class Intervals {
  private Intervals() {}

  /**
   * The interval around the smallest t: NaN for an edge the grid does not reach, both NaN when even
   * the smallest t exceeds the level (or every t is NaN).
   *
   * @param x ascending grid (read)
   * @param t statistic per grid point, NaN where unknown (read)
   */
  public static double[] around(double[] x, double[] t, double level) {
    int k = -1;
    for (int i = 0; i < t.length; i++) {
      if (!Double.isNaN(t[i]) && (k < 0 || t[i] < t[k])) {
        k = i;
      }
    }
    if (k < 0 || t[k] > level) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double lo = Double.NaN;
    for (int i = k; i > 0; i--) {
      if (t[i - 1] > level) {
        lo = crossing(x, t, i - 1, i, i + 1 < t.length ? i + 1 : -1, level);
        break;
      }
    }
    double hi = Double.NaN;
    for (int i = k; i < t.length - 1; i++) {
      if (t[i + 1] > level) {
        hi = crossing(x, t, i + 1, i, i - 1 >= 0 ? i - 1 : -1, level);
        break;
      }
    }
    return new double[] {lo, hi};
  }

  /**
   * {@link #around} of a profile-likelihood curve Δ(x) with its best-fit point inserted (Δ = 0 at
   * {@code xBest}, which need not be a grid point).
   *
   * @param x ascending grid (read)
   * @param delta Δ(−2 ln L) per grid point (read)
   */
  public static double[] aroundBest(double[] x, double[] delta, double level, double xBest) {
    int n = x.length;
    int k = 0;
    while (k < n && x[k] < xBest) {
      k++;
    }
    double[] xs = new double[n + 1];
    double[] ds = new double[n + 1];
    for (int i = 0, j = 0; i <= n; i++) {
      if (i == k) {
        xs[i] = xBest;
        ds[i] = 0;
      } else {
        xs[i] = x[j];
        ds[i] = delta[j];
        j++;
      }
    }
    return around(xs, ds, level);
  }

  /**
   * Where t = level between the outside point {@code out} (t &gt; level) and the inside point
   * {@code in} (t ≤ level), using the parabola through them and {@code inner} (−1: none).
   */
  static double crossing(double[] x, double[] t, int out, int in, int inner, double level) {
    double linear = x[in] + (level - t[in]) * (x[out] - x[in]) / (t[out] - t[in]);
    if (inner < 0 || Double.isNaN(t[inner]) || x[inner] == x[in]) {
      return linear;
    }
    // Newton form around x_in: q(s) = t_in + d1 s + d2 s (s − h), s = x − x_in, h = x_out − x_in
    double h = x[out] - x[in];
    double g = x[inner] - x[in];
    double d1 = (t[out] - t[in]) / h;
    double d1b = (t[inner] - t[in]) / g;
    double d2 = (d1b - d1) / (g - h);
    // d2 s² + (d1 − d2 h) s + (t_in − level) = 0
    double a = d2;
    double b = d1 - d2 * h;
    double c = t[in] - level;
    double lo = Math.min(0, h);
    double hi = Math.max(0, h);
    double s;
    if (Math.abs(a) * h * h < 1e-12 * Math.abs(b * h)) {
      s = -c / b;
    } else {
      double disc = b * b - 4 * a * c;
      if (disc < 0) {
        return linear;
      }
      double qq = -0.5 * (b + Math.copySign(Math.sqrt(disc), b));
      double s1 = qq / a;
      double s2 = qq != 0 ? c / qq : s1;
      boolean in1 = s1 >= lo && s1 <= hi;
      boolean in2 = s2 >= lo && s2 <= hi;
      if (in1 == in2) {
        return linear;
      }
      s = in1 ? s1 : s2;
    }
    if (!(s >= lo && s <= hi)) {
      return linear;
    }
    return x[in] + s;
  }
}
