package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.diagnostics.SaturatedGof;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code gof --json} object (issue 21): the saturated-model statistic, its toy p-value with the
 * binomial error, the number of toys and of main bins, the asymptotic χ² references (with the number
 * of bins, and with dof = bins + constraint terms − free parameters) and the same per channel.
 */
public record GofReport(
    @JsonProperty("q_saturated") double qSaturated,
    @JsonProperty("p_value") double pValue,
    @JsonProperty("p_value_error") double pValueError,
    int ntoys,
    @JsonProperty("failed_toys") int failedToys,
    int bins,
    int dof,
    @JsonProperty("p_value_chi2_bins") double pValueChi2Bins,
    @JsonProperty("p_value_chi2_dof") double pValueChi2Dof,
    List<Channel> channels,
    boolean converged,
    String message) {

  /** One channel's part. */
  public record Channel(String name, @JsonProperty("q_saturated") double q, @JsonProperty("p_value") double pValue,
      @JsonProperty("p_value_error") double pValueError) {}

  public static GofReport of(SaturatedGof g) {
    List<Channel> cs = new ArrayList<>();
    for (int c = 0; c < g.channels().size(); c++) {
      cs.add(new Channel(g.channels().get(c), g.qChannels()[c], g.channelPValues()[c], g.channelPValueErrors()[c]));
    }
    return new GofReport(g.q(), g.pValue(), g.pValueError(), g.ntoys(), g.failedToys(), g.bins(), g.dof(), g.pChi2Bins(),
        g.pChi2Dof(), cs, g.converged(), g.message());
  }
}
