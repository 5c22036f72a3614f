package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.Normal;
import io.sumbin.histmodel.util.RecordText;

/**
 * The hypothesis-test object of DESIGN.md §6 (pyhf's names): observed and expected CLs at one POI
 * value, with the discovery fields {@code p0}, {@code z}, {@code z_exp} for q0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HypotestReport(
    @JsonProperty("cls_obs") double clsObs,
    @JsonProperty("cls_exp") double[] clsExp,
    double clsb,
    double clb,
    @JsonProperty("test_stat") String testStat,
    @JsonProperty("poi_value") double poiValue,
    double teststat,
    @JsonProperty("q_obs") double qObs,
    @JsonProperty("q_asimov") double qAsimov,
    Double p0,
    Double z,
    @JsonProperty("z_exp") double[] zExp,
    boolean converged,
    String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** The report of one test (discovery fields only for q0). */
  public static HypotestReport of(HypoTestResult r) {
    boolean discovery = r.testStatistic().discovery();
    double[] zExp = null;
    if (discovery) {
      zExp = new double[r.clsExpected().length];
      for (int k = 0; k < zExp.length; k++) {
        zExp[k] = Normal.significance(r.clsExpected()[k]);
      }
    }
    return new HypotestReport(r.cls(), r.clsExpected(), r.clsb(), r.clb(), r.testStatistic().pyhfName(), r.mu(),
        r.teststat(), r.qObs(), r.qAsimov(), discovery ? r.clsb() : null, discovery ? r.significance() : null, zExp,
        r.converged(), r.message());
  }
}
