package io.sumbin.histmodel.inference;

import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.neyman.CoverageResult;

/**
 * A coverage study: the fraction of pseudo-experiments thrown at the true parameters whose Neyman
 * confidence set contains the true POI value, with its binomial error √(p(1 − p)/n); the true
 * parameters are the fit to the observed data with the POI fixed at its true value.
 *
 * @param truth the fit that gave the true nuisance parameters
 */
public record CoverageRun(CoverageResult result, FitResult truth) {
  /** Whether both the truth fit and the study converged. */
  public boolean converged() {
    return result.converged() && truth.converged();
  }
}
