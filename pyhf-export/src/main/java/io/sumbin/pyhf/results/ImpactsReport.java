package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.diagnostics.Impact;
import io.sumbin.histmodel.infer.diagnostics.Impacts;
import java.util.List;

/**
 * The {@code impacts --json} object (issue 21): the POI and its best fit, and for every nuisance
 * parameter, ranked by post-fit impact, its pull, constraint and the POI shifts Δμ̂ when it is held at
 * θ̂ ± post-fit σ and θ̂ ± pre-fit σ (Combine's definition; null where undefined, e.g. the pre-fit
 * shifts of an unconstrained parameter).
 */
public record ImpactsReport(
    String poi,
    double bestfit,
    @JsonProperty("poi_uncertainty") double poiUncertainty,
    List<Entry> impacts,
    boolean converged,
    String message) {

  /** One parameter's row. */
  public record Entry(
      String parameter,
      String type,
      @JsonProperty("value") double value,
      double pull,
      double constraint,
      @JsonProperty("postfit_up") double postfitUp,
      @JsonProperty("postfit_down") double postfitDown,
      @JsonProperty("prefit_up") double prefitUp,
      @JsonProperty("prefit_down") double prefitDown) {}

  public static ImpactsReport of(Impacts im) {
    List<Entry> e = im.impacts().stream().map((Impact x) -> new Entry(x.parameter(), x.kind(), x.bestfit(), x.pull(),
        x.constraint(), x.postfitUp(), x.postfitDown(), x.prefitUp(), x.prefitDown())).toList();
    return new ImpactsReport(im.poi(), im.best().bestfit()[im.poiIndex()], im.best().uncertainties()[im.poiIndex()], e,
        im.converged(), im.message());
  }
}
