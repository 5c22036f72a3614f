package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.neyman.CoverageResult;
import io.sumbin.histmodel.util.RecordText;

/**
 * The coverage object ({@code sumbin coverage}): the covered fraction with its binomial uncertainty
 * and pull from the nominal level, the counts behind it, and the true parameters the pseudo-experiments
 * were drawn from.
 *
 * @param truePars the fit with the POI fixed at {@code poi_value} that gave the nuisance parameters
 */
public record CoverageReport(
    @JsonProperty("covered_fraction") double coveredFraction,
    double uncertainty,
    int n,
    int covered,
    @JsonProperty("n_failed") int nFailed,
    double cl,
    @JsonProperty("poi_value") double poiValue,
    @JsonProperty("test_stat") String testStat,
    @JsonProperty("inner_toys") int innerToys,
    @JsonProperty("inner_failed") long innerFailed,
    double pull,
    @JsonProperty("true_pars") double[] truePars,
    boolean converged,
    String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** The report of a coverage run; a failed truth fit makes the whole report unconverged. */
  public static CoverageReport of(CoverageResult r, String testStat, double[] truePars, boolean truthConverged) {
    return new CoverageReport(r.fraction(), r.uncertainty(), r.n(), r.covered(), r.failed(), r.cl(), r.poiValue(), testStat,
        r.innerToys(), r.innerFailed(), r.pull(), truePars, r.converged() && truthConverged,
        truthConverged ? r.message() : "the fit giving the true nuisance parameters did not converge; " + r.message());
  }
}
