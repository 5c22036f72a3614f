package io.sumbin.histmodel.inference;

import io.sumbin.histmodel.infer.UpperLimit;

/**
 * An upper limit: the POI value where CLs(μ) = 1 − CL, observed and for the ±1σ/±2σ expected band
 * (arXiv:1007.1727), and, when asked for, the CLs curve on a grid for a Brazil plot.
 *
 * @param curve the limit with its CLs points on the curve grid (for a scan: the limit itself); null when not asked for
 */
public record LimitRun(UpperLimit limit, UpperLimit curve) {
  /**
   * The limit's {@link UpperLimit#summary()}.
   *
   * @return the summary, lines separated by {@code \n}
   */
  public String summary() {
    return limit.summary();
  }
}
