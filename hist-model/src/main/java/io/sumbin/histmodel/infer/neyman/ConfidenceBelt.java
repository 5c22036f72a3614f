package io.sumbin.histmodel.infer.neyman;

import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.TestStatDistribution;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The result of a Neyman construction over belt points, ordered by POI value.
 *
 * <p>At each point μ_k the acceptance region is {t ≤ c_k} with c_k the CL quantile of the
 * statistic's distribution at μ_k ({@link TestStatDistribution#criticalValue}); μ_k belongs to the
 * confidence set when the observed statistic t_obs(μ_k) ≤ c_k. The confidence set is the union of
 * accepted grid points: {@link #intervals()} lists its maximal runs of consecutive accepted points
 * as [first, last] (disjoint pieces are reported as such), {@link #interval()} its hull. Edges are
 * known to the grid spacing.
 *
 * @param statistic the ordering statistic (t̃_μ: Feldman–Cousins)
 * @param cl the confidence level
 * @param source {@code "toys"} or {@code "exact"}
 * @param values the POI values μ_k (ascending)
 * @param criticalValues c_k (NaN where no usable toys)
 * @param tObs the observed statistic t_obs(μ_k) (NaN where its fits did not converge)
 * @param accepted whether μ_k is in the confidence set
 * @param intervals the pieces of the confidence set, each {lo, hi}
 * @param sizes toys (or enumerated outcomes) used per point
 * @param failed toys (or outcomes) per point whose fits did not converge (left out)
 * @param converged whether every fit behind the belt converged
 * @param message what did not converge, or "ok"
 * @param distributions the statistic's distribution at each point
 */
public record ConfidenceBelt(
    TestStatistic statistic,
    double cl,
    String source,
    double[] values,
    double[] criticalValues,
    double[] tObs,
    boolean[] accepted,
    List<double[]> intervals,
    int[] sizes,
    int[] failed,
    boolean converged,
    String message,
    List<TestStatDistribution> distributions) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** The hull [lowest accepted, highest accepted] of the confidence set, or [NaN, NaN] when empty. */
  public double[] interval() {
    if (intervals.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {intervals.get(0)[0], intervals.get(intervals.size() - 1)[1]};
  }

  /** Number of grid points. */
  public int size() {
    return values.length;
  }
}
