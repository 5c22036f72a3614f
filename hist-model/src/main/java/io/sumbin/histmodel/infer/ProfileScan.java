package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.fit.FitResult;

/**
 * A 1-D profile-likelihood scan: Δ(−2 ln L)(x) = −2 ln L(x, θ̂̂(x)) + 2 ln L(x̂, θ̂) on a grid.
 *
 * @param interval68 [lo, hi] where Δ crosses 1 (68.27% CL, Wilks, one parameter); NaN for an end
 *     the scan range does not reach
 * @param interval95 the same for Δ = 3.841 (95% CL)
 * @param best the global fit (x̂)
 * @param fits the conditional fit at each grid value
 */
public record ProfileScan(
    String parameter,
    int index,
    double[] values,
    double[] deltaTwiceNll,
    FitResult best,
    FitResult[] fits,
    double[] interval68,
    double[] interval95,
    boolean converged,
    String message) {}
