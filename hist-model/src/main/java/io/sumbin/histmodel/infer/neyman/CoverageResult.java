package io.sumbin.histmodel.infer.neyman;

/**
 * Coverage of a confidence-set construction at a true POI value.
 *
 * @param poiValue the true μ
 * @param cl the nominal confidence level
 * @param n pseudo-experiments whose verdict is defined (fits converged, usable inner toys)
 * @param covered how many of them accept μ_true
 * @param fraction covered / n
 * @param uncertainty the binomial standard error √(f(1 − f)/n) of the fraction
 * @param failed pseudo-experiments left out because their fits did not converge
 * @param innerToys toys per pseudo-experiment for its critical value
 * @param innerFailed inner toys left out (non-converged) over all pseudo-experiments
 * @param converged whether nothing was left out
 * @param message what was left out, or "ok"
 */
public record CoverageResult(double poiValue, double cl, int n, int covered, double fraction, double uncertainty,
    int failed, int innerToys, long innerFailed, boolean converged, String message) {

  /** (fraction − cl) / σ with σ = √(cl(1 − cl)/n), the binomial spread expected under exact coverage. */
  public double pull() {
    return (fraction - cl) / Math.sqrt(cl * (1 - cl) / n);
  }
}
