package io.sumbin.histmodel.family;

import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The family test statistic t(θ′) = −2 ln[L_θ′(θ′, α̂̂) / L_θ′(θ̂, α̂)] at every scan point, each
 * evaluated inside that point's own model, with the regions where t ≤ the Wilks thresholds.
 *
 * @param theta scan points [point][poi]
 * @param t the statistic per point (NaN where a fit failed)
 * @param interval68 1-D families: [lo, hi] where t crosses 1 (linear interpolation; NaN at an end
 *     the grid does not reach); null for 2-D
 * @param interval95 the same at 3.84
 * @param contour68 2-D families: marching-squares segments {x0, y0, x1, y1} of t = 2.30; empty for 1-D
 * @param contour95 the same at t = 5.99
 */
public record FamilyScan(
    List<String> pois,
    int[] shape,
    double[][] theta,
    double[] t,
    FitResult[] free,
    FitResult[] conditional,
    double[] interval68,
    double[] interval95,
    List<double[]> contour68,
    List<double[]> contour95,
    boolean converged,
    String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /**
   * The scan in two lines: the grid, the point with the smallest t and, for one POI, the 68%/95%
   * intervals ({@code nan} for an end the grid does not reach), for two the number of contour segments.
   *
   * <pre>
   * family scan of cHW, 41 points in [-0.04, 0.04]: smallest t = 0 at cHW = 0
   * 68% CL [-0.0105, 0.0105] (t = 1), 95% CL [-0.0207, 0.0206] (t = 3.84)
   * </pre>
   *
   * @return the summary, lines separated by {@code \n}, ending with one
   */
  public String summary() {
    StringBuilder b = new StringBuilder("family scan of ").append(String.join(" × ", pois)).append(", ");
    if (pois.size() == 1 && theta.length > 0) {
      b.append(theta.length).append(" points in [").append(RecordText.num(theta[0][0])).append(", ")
          .append(RecordText.num(theta[theta.length - 1][0])).append("]");
    } else {
      StringBuilder s = new StringBuilder();
      for (int k = 0; k < shape.length; k++) {
        s.append(k > 0 ? "×" : "").append(shape[k]);
      }
      b.append(s).append(" points");
    }
    if (t.length > 0) {
      int k = best();
      b.append(": smallest t = ").append(RecordText.num(t[k])).append(" at ");
      for (int j = 0; j < pois.size(); j++) {
        b.append(j > 0 ? ", " : "").append(pois.get(j)).append(" = ").append(RecordText.num(theta[k][j]));
      }
    }
    b.append('\n');
    if (interval68 != null) {
      b.append("68% CL ").append(RecordText.nums(interval68)).append(" (t = 1), 95% CL ").append(RecordText.nums(interval95))
          .append(" (t = 3.84)\n");
    } else {
      b.append("contours: 68% CL ").append(contour68.size()).append(" segments (t = 2.30), 95% CL ").append(contour95.size())
          .append(" segments (t = 5.99)\n");
    }
    if (!converged) {
      b.append("NOT converged: ").append(message).append('\n');
    }
    return b.toString();
  }

  /** Index of the point with the smallest t. */
  public int best() {
    int k = 0;
    for (int i = 1; i < t.length; i++) {
      if (t[i] < t[k]) {
        k = i;
      }
    }
    return k;
  }
}
