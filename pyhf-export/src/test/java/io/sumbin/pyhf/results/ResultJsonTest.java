package io.sumbin.pyhf.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.pyhf.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON contracts of the result records: pyhf's field names, record order, non-finite numbers as null. */
class ResultJsonTest {
  private static final double[] BAND = {0.01, 0.05, 0.2, 0.5, 0.8};

  private static HypoTestResult result(TestStatistic ts, double cls) {
    return new HypoTestResult(1.0, ts, 0.5, 0.25, Double.NaN, cls, 0.1, 0.5, BAND, BAND, BAND, true, "ok");
  }

  @Test
  void aUpperLimitTestHasNoDiscoveryFieldsAndWritesNaNAsNull() {
    String text = ResultJson.compact(HypotestReport.of(result(TestStatistic.QTILDE, 0.2)));
    assertThat(text).as("one line in record order").startsWith("{\"cls_obs\":0.2,\"cls_exp\":[0.01,0.05,0.2,0.5,0.8],\"clsb\":0.1,\"clb\":0.5,"
        + "\"test_stat\":\"qtilde\",\"poi_value\":1.0,\"teststat\":0.5,\"q_obs\":0.25,\"q_asimov\":null,");
    JsonNode n = Json.parse(text, "test");
    assertThat(n.has("p0") || n.has("z") || n.has("z_exp")).as("discovery fields of a qtilde test").isFalse();
    assertThat(n.get("converged").asBoolean()).as("converged").isTrue();
  }

  @Test
  void aDiscoveryTestCarriesP0AndSignificances() {
    JsonNode n = Json.parse(ResultJson.compact(HypotestReport.of(result(TestStatistic.Q0, 0.1))), "test");
    assertThat(n.get("p0").asDouble()).as("p0 = CLs+b").isEqualTo(0.1);
    // Z = Φ⁻¹(1 − p): p = 0.1 → 1.2815515655446004, p = 0.5 → 0
    assertThat(n.get("z").asDouble()).as("Z of p0 = 0.1").isCloseTo(1.2815515655446004, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(n.get("z_exp").get(2).asDouble()).as("Z of the median expected p0 = 0.2").isCloseTo(0.8416212335729143, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aLimitListsItsPointsAndInfiniteLimitsAreNull() {
    UpperLimit ul = new UpperLimit(0.95, Double.POSITIVE_INFINITY, new double[] {1, 2, 3, 4, Double.NaN},
        List.of(result(TestStatistic.QTILDE, 0.04)), false, "no crossing");
    String text = ResultJson.compact(LimitReport.of(ul, "qtilde", "scan"));
    assertThat(text).isEqualTo("{\"obs\":null,\"exp\":[1.0,2.0,3.0,4.0,null],\"cl\":0.95,\"test_stat\":\"qtilde\",\"method\":\"scan\","
        + "\"points\":[{\"poi_value\":1.0,\"cls_obs\":0.04,\"cls_exp\":[0.01,0.05,0.2,0.5,0.8]}],\"converged\":false,\"message\":\"no crossing\"}");
  }
}
