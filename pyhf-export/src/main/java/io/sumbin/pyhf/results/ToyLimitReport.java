package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.diagnostics.ToyLimitPoint;
import io.sumbin.histmodel.infer.diagnostics.ToyUpperLimit;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The {@code limit --calc toys --json} object: the limit object of DESIGN.md §6 ({@code obs},
 * {@code exp}) with the observed limit's toy error and, at every tested POI value, CLs, CLs+b and CLb
 * with their binomial errors and the toys spent.
 */
public record ToyLimitReport(
    double obs,
    @JsonProperty("obs_error") double obsError,
    double[] exp,
    double cl,
    @JsonProperty("test_stat") String testStat,
    String method,
    @JsonProperty("cls_error_target") double clsErrorTarget,
    List<Point> points,
    boolean converged,
    String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** One tested POI value. */
  public record Point(
      @JsonProperty("poi_value") double poiValue,
      @JsonProperty("cls_obs") double clsObs,
      @JsonProperty("cls_obs_error") double clsObsError,
      double clsb,
      @JsonProperty("clsb_error") double clsbError,
      double clb,
      @JsonProperty("clb_error") double clbError,
      @JsonProperty("cls_exp") double[] clsExp,
      @JsonProperty("ntoys_sb") int ntoysSb,
      @JsonProperty("ntoys_b") int ntoysB) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  public static ToyLimitReport of(ToyUpperLimit ul, String testStat, double clsErrorTarget) {
    List<Point> pts = ul.points().stream().map((ToyLimitPoint p) -> new Point(p.mu(), p.cls(), p.clsError(), p.clsb(),
        p.clsbError(), p.clb(), p.clbError(), p.clsExpected(), p.nSb(), p.nB())).toList();
    return new ToyLimitReport(ul.observed(), ul.observedError(), ul.expected(), ul.cl(), testStat, "toys", clsErrorTarget,
        pts, ul.converged(), ul.message());
  }
}
