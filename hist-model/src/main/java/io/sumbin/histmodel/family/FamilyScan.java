package io.sumbin.histmodel.family;

import io.sumbin.histmodel.fit.FitResult;
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
