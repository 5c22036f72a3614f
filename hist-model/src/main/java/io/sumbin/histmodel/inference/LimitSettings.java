package io.sumbin.histmodel.inference;

import io.sumbin.histmodel.util.RecordText;

/**
 * How an upper limit is found: at confidence level {@code cl}, by root finding of CLs(μ) − (1 − CL)
 * over the POI's bounds (Brent, relative tolerance {@code infer.UpperLimits.REL_TOL}), or on a grid
 * with linear interpolation between the two grid points that bracket the crossing (pyhf's
 * {@code upper_limit} with a scan). Optionally also the CLs curve for a plot.
 *
 * @param grid null: root finding; else the scan grid (POI values, increasing, within the bounds)
 * @param curvePoints 0: no curve; else the number of points of the CLs curve from max(lower, 0) to
 *     1.5 × the larger of the observed and the +2σ expected limit (root finding only; a scan is its own curve)
 */
public record LimitSettings(double cl, double[] grid, int curvePoints) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public LimitSettings {
    if (!(cl > 0 && cl < 1)) {
      throw new IllegalArgumentException("cl must be in (0, 1), got " + cl);
    }
  }

  /** Root finding at confidence level cl. */
  public static LimitSettings rootFinding(double cl) {
    return new LimitSettings(cl, null, 0);
  }

  /** A scan over {@code grid} at confidence level cl. */
  public static LimitSettings scan(double cl, double[] grid) {
    return new LimitSettings(cl, grid, 0);
  }

  /** The same with a CLs curve of n points. */
  public LimitSettings withCurve(int n) {
    return new LimitSettings(cl, grid, n);
  }

  /** Whether the limit comes from a scan. */
  public boolean isScan() {
    return grid != null;
  }
}
