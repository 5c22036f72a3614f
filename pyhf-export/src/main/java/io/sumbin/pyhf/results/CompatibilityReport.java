package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.diagnostics.ChannelCompatibility;
import java.util.ArrayList;
import java.util.List;

/**
 * The channel-compatibility object (issue 21, Combine's ChannelCompatibilityCheck): the POI fitted per
 * channel and in common, Δ(2NLL) between the two fits and its χ² p-value with (channels − 1) degrees
 * of freedom.
 */
public record CompatibilityReport(
    String poi,
    List<Channel> channels,
    @JsonProperty("common_bestfit") double commonBestfit,
    @JsonProperty("common_uncertainty") double commonUncertainty,
    @JsonProperty("delta_twice_nll") double deltaTwiceNll,
    int dof,
    @JsonProperty("p_value") double pValue,
    boolean converged,
    String message) {

  /** The POI of one channel. */
  public record Channel(String name, double bestfit, double uncertainty) {}

  public static CompatibilityReport of(ChannelCompatibility c) {
    List<Channel> cs = new ArrayList<>();
    for (int k = 0; k < c.channels().size(); k++) {
      cs.add(new Channel(c.channels().get(k), c.muHat()[k], c.muError()[k]));
    }
    return new CompatibilityReport(c.poi(), cs, c.commonMuHat(), c.commonMuError(), c.delta(), c.dof(), c.pValue(),
        c.converged(), c.message());
  }
}
