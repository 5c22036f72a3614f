package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.fit.FitResult;

/**
 * A test-statistic value with the two fits behind it.
 *
 * @param value the statistic (≥ 0)
 * @param mu the tested POI value
 * @param free the unconditional fit (μ̂, θ̂)
 * @param conditional the fit with μ fixed (θ̂̂)
 */
public record TestStatResult(double value, double mu, FitResult free, FitResult conditional) {
  /** μ̂ of the free fit. */
  public double muHat(int poi) {
    return free.bestfit()[poi];
  }

  /** Whether both fits converged. */
  public boolean converged() {
    return free.converged() && conditional.converged();
  }
}
