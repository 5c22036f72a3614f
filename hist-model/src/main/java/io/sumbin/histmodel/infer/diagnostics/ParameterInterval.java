package io.sumbin.histmodel.infer.diagnostics;

import java.util.Arrays;
import java.util.Locale;

/**
 * Profile-likelihood intervals of one parameter: where Δ(−2 ln L) crosses 1 (68.27 %) and 3.84
 * (95 %), each end NaN when the parameter's bounds are reached first.
 *
 * @param best θ̂ of the unconditional fit
 * @param hesseError its Hessian uncertainty (for comparison)
 * @param interval68 [lo, hi] at Δ = 1
 * @param interval95 [lo, hi] at Δ = 3.841
 */
public record ParameterInterval(String parameter, int index, double best, double hesseError, double[] interval68,
    double[] interval95, boolean converged, String message) {
  public ParameterInterval {
    interval68 = interval68.clone();
    interval95 = interval95.clone();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ParameterInterval[%s = %.6g, 68%% %s, 95%% %s]", parameter, best,
        Arrays.toString(interval68), Arrays.toString(interval95));
  }
}
