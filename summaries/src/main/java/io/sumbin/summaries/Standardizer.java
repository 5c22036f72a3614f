package io.sumbin.summaries;

import java.util.Arrays;

/**
 * Affine standardization z_j = (v_j − m_j)/s_j of network inputs (or regression targets), fitted on the
 * training events and stored with the model so that inference applies exactly the same map. Columns
 * with zero spread get s_j = 1. Immutable.
 *
 * @param mean m_j
 * @param scale s_j &gt; 0
 */
public record Standardizer(double[] mean, double[] scale) {

  public Standardizer {
    mean = mean.clone();
    scale = scale.clone();
    if (mean.length != scale.length) {
      throw new IllegalArgumentException("standardizer: " + mean.length + " means but " + scale.length + " scales");
    }
    for (int j = 0; j < scale.length; j++) {
      if (!(scale[j] > 0) || !Double.isFinite(scale[j]) || !Double.isFinite(mean[j])) {
        throw new IllegalArgumentException("standardizer column " + j + ": need finite mean and positive scale, got "
            + mean[j] + ", " + scale[j]);
      }
    }
  }

  /** The identity map for d columns. */
  public static Standardizer identity(int d) {
    double[] s = new double[d];
    Arrays.fill(s, 1);
    return new Standardizer(new double[d], s);
  }

  /** Unweighted mean and standard deviation of the features. */
  public static Standardizer fit(FeatureMatrix x) {
    int d = x.cols();
    int n = x.rows();
    double[] m = new double[d];
    double[] s = new double[d];
    float[] a = x.raw();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        m[j] += a[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      m[j] = n > 0 ? m[j] / n : 0;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double t = a[i * d + j] - m[j];
        s[j] += t * t;
      }
    }
    for (int j = 0; j < d; j++) {
      double v = n > 1 ? Math.sqrt(s[j] / (n - 1)) : 0;
      s[j] = v > 1e-12 * Math.max(1, Math.abs(m[j])) ? v : 1;
    }
    return new Standardizer(m, s);
  }

  /**
   * Weighted mean and standard deviation of columns (|w| as weights, so that negative-weight events
   * do not produce a negative variance).
   *
   * @param columns {@code [d][n]} (read)
   * @param weights n weights (read)
   */
  public static Standardizer fitWeighted(double[][] columns, double[] weights) {
    int d = columns.length;
    double[] m = new double[d];
    double[] s = new double[d];
    for (int j = 0; j < d; j++) {
      double sw = 0;
      double swx = 0;
      for (int i = 0; i < weights.length; i++) {
        double w = Math.abs(weights[i]);
        sw += w;
        swx += w * columns[j][i];
      }
      m[j] = sw > 0 ? swx / sw : 0;
      double v = 0;
      for (int i = 0; i < weights.length; i++) {
        double t = columns[j][i] - m[j];
        v += Math.abs(weights[i]) * t * t;
      }
      v = sw > 0 ? Math.sqrt(v / sw) : 0;
      s[j] = v > 1e-12 * Math.max(1, Math.abs(m[j])) ? v : 1;
    }
    return new Standardizer(m, s);
  }

  /** Number of columns. */
  public int size() {
    return mean.length;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  /**
   * Standardizes a row-major block in place.
   *
   * @param rowMajor rows × size() values (read and written)
   */
  public void applyInPlace(float[] rowMajor, int offset, int rows) {
    int d = mean.length;
    for (int i = 0; i < rows; i++) {
      int o = offset + i * d;
      for (int j = 0; j < d; j++) {
        rowMajor[o + j] = (float) ((rowMajor[o + j] - mean[j]) / scale[j]);
      }
    }
  }

  /** v = m + s·z for one column. */
  public double invert(int column, double z) {
    return mean[column] + scale[column] * z;
  }

  /** z = (v − m)/s for one column. */
  public double apply(int column, double v) {
    return (v - mean[column]) / scale[column];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardizer s && Arrays.equals(s.mean, mean) && Arrays.equals(s.scale, scale);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(mean) * 31 + Arrays.hashCode(scale);
  }

  @Override
  public String toString() {
    return "Standardizer[mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "]";
  }
}
