package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.fit.FitResult;
import java.util.List;

/**
 * The fit object of DESIGN.md §6: best-fit values and uncertainties in parameter order, twice the
 * negative log-likelihood at the minimum, and the fit's health.
 *
 * @param poi the measurement's POI, absent when it has none
 */
public record FitReport(
    @JsonProperty("par_names") List<String> parNames,
    double[] bestfit,
    double[] uncertainties,
    @JsonProperty("twice_nll") double twiceNll,
    boolean converged,
    @JsonProperty("hessian_ok") boolean hessianOk,
    String measurement,
    @JsonInclude(JsonInclude.Include.NON_NULL) String poi,
    int iterations,
    String message) {

  /** The report of a fit of one measurement. */
  public static FitReport of(FitResult r, String measurement, String poi) {
    return new FitReport(r.parNames(), r.bestfit(), r.uncertainties(), r.twiceNll(), r.converged(), r.hessianOk(),
        measurement, poi, r.iterations(), r.message());
  }
}
