package io.sumbin.histmodel.infer;

import java.util.List;

/**
 * An upper limit on the POI at confidence level {@code cl} (CLs &lt; 1 − cl excluded).
 *
 * @param observed the observed limit
 * @param expected expected limits [−2σ, −1σ, median, +1σ, +2σ]
 * @param points the hypothesis tests evaluated on the way, sorted by μ (for plots)
 * @param converged whether every fit converged
 */
public record UpperLimit(double cl, double observed, double[] expected, List<HypoTestResult> points, boolean converged, String message) {}
