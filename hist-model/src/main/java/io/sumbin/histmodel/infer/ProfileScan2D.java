package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * A 2-D profile-likelihood scan on a grid (x_i, y_j) with its confidence contours
 * (Δ(−2 ln L) = 2.30 for 68.27% and 5.99 for 95% CL, two parameters).
 *
 * @param delta Δ(−2 ln L)[i][j] at (xValues[i], yValues[j])
 * @param contour68 polyline segments {x0, y0, x1, y1} of the 68% contour (marching squares)
 * @param contour95 the same at 95%
 */
public record ProfileScan2D(
    String xParameter,
    String yParameter,
    double[] xValues,
    double[] yValues,
    double[][] delta,
    FitResult best,
    List<double[]> contour68,
    List<double[]> contour95,
    boolean converged,
    String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }
}
