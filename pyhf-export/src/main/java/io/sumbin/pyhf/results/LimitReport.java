package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The upper-limit object of DESIGN.md §6: observed and expected (−2σ … +2σ) limits at a confidence
 * level, and the CLs values at the POI values that were tested.
 */
public record LimitReport(
    double obs,
    double[] exp,
    double cl,
    @JsonProperty("test_stat") String testStat,
    String method,
    List<Point> points,
    boolean converged,
    String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** CLs observed and expected at one tested POI value. */
  public record Point(@JsonProperty("poi_value") double poiValue, @JsonProperty("cls_obs") double clsObs,
      @JsonProperty("cls_exp") double[] clsExp) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** The report of a limit found by {@code method} ("scan" or "root finding"). */
  public static LimitReport of(UpperLimit ul, String testStat, String method) {
    List<Point> pts = new java.util.ArrayList<>();
    for (HypoTestResult r : ul.points()) {
      pts.add(new Point(r.mu(), r.cls(), r.clsExpected()));
    }
    return new LimitReport(ul.observed(), ul.expected(), ul.cl(), testStat, method, pts, ul.converged(), ul.message());
  }
}
