package io.sumbin.histmodel.fit;

import io.sumbin.histmodel.util.RecordText;

/**
 * Outcome of a minimisation.
 *
 * @param x the minimum found (fixed variables at their given values)
 * @param value f(x)
 * @param converged whether the EDM criterion was met
 * @param edm estimated distance to minimum at x (NaN if the free-space Hessian was not positive definite)
 * @param iterations Newton iterations
 * @param evaluations objective evaluations
 * @param message why it stopped
 */
public record MinimizerResult(
    double[] x, double value, boolean converged, double edm, int iterations, int evaluations, String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }
}
