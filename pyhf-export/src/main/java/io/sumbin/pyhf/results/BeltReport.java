package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.neyman.ConfidenceBelt;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The confidence-belt object ({@code sumbin belt}, {@code family belt}): per grid value the critical
 * value of the ordering statistic, the observed statistic and whether the value is accepted; the
 * confidence set as one interval and as its pieces; toys used and failed per value.
 */
public record BeltReport(
    String poi,
    @JsonProperty("test_stat") String testStat,
    double cl,
    String source,
    double[] values,
    @JsonProperty("critical_values") double[] criticalValues,
    @JsonProperty("t_obs") double[] tObs,
    boolean[] accepted,
    double[] interval,
    List<double[]> intervals,
    int[] ntoys,
    @JsonProperty("n_failed") int[] nFailed,
    boolean converged,
    String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** The report of a belt over parameter {@code poi}. */
  public static BeltReport of(ConfidenceBelt b, String poi) {
    return new BeltReport(poi, b.statistic().pyhfName(), b.cl(), b.source(), b.values(), b.criticalValues(), b.tObs(),
        b.accepted(), b.interval(), b.intervals(), b.sizes(), b.failed(), b.converged(), b.message());
  }
}
