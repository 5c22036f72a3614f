package io.sumbin.pyhf.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON contracts of issue 21 on the example model: the keys the issue names, in place. */
class DiagnosticsReportTest {
  static final Workspace WS = ExampleModels.uncorrelatedBackground();
  static final CompiledModel M = Models.compile(WS, null);
  static final Diagnostics D = new Diagnostics(M, Models.observedData(WS, M), FitOptions.suggested(M), WorkRunner.threads(1));

  static JsonNode json(Object report) {
    return Json.parse(ResultJson.compact(report), "test");
  }

  static List<String> keys(JsonNode n) {
    List<String> k = new ArrayList<>();
    n.fieldNames().forEachRemaining(k::add);
    return k;
  }

  @Test
  void fitCarriesCovarianceAndCorrelationInParameterOrder() {
    FitResult f = new Fitter(M).fit(D.data(), FitOptions.suggested(M));
    JsonNode n = json(FitReport.of(f, "Measurement", "mu"));
    assertThat(keys(n)).contains("par_names", "bestfit", "uncertainties", "twice_nll", "converged", "covariance",
        "correlation");
    assertThat(n.get("covariance").size()).isEqualTo(3);
    assertThat(n.get("covariance").get(1).get(1).asDouble()).isEqualTo(f.covariance()[4]);
    assertThat(n.get("correlation").get(2).get(2).asDouble()).isEqualTo(1.0);
    assertThat(Math.abs(n.get("correlation").get(0).get(1).asDouble())).isLessThan(1.0);
  }

  @Test
  void impactsPullsPostfitGofIntervalsHaveTheIssuesKeys() {
    JsonNode im = json(ImpactsReport.of(D.impacts(M.poiIndex())));
    assertThat(keys(im)).contains("poi", "bestfit", "impacts");
    assertThat(im.get("poi").asText()).isEqualTo("mu");
    assertThat(im.get("impacts").size()).isEqualTo(2);
    assertThat(keys(im.get("impacts").get(0))).contains("parameter", "pull", "constraint", "postfit_up", "postfit_down",
        "prefit_up", "prefit_down");

    JsonNode pu = json(PullsReport.of(D.pulls(D.fit())));
    assertThat(pu.get("pulls").size()).isEqualTo(2);
    assertThat(keys(pu.get("pulls").get(0))).contains("parameter", "type", "pull", "constraint");
    assertThat(pu.get("groups").get("shapesys").size()).isEqualTo(2);

    for (boolean pre : new boolean[] {false, true}) {
      JsonNode pf = json(PostfitReport.of(pre ? D.prefit() : D.postfit(D.fit())));
      JsonNode ch = pf.get("channels").get(0);
      assertThat(keys(ch)).contains("name", "data", "total", "total_uncertainty", "samples");
      assertThat(ch.get("data").get(0).asDouble()).isEqualTo(62.0);
      assertThat(keys(ch.get("samples").get(0))).contains("name", "yields");
    }

    JsonNode g = json(GofReport.of(D.gof(20, 3L)));
    assertThat(keys(g)).contains("q_saturated", "p_value", "p_value_error", "ntoys", "bins");
    assertThat(g.get("bins").asInt()).isEqualTo(2);
    assertThat(g.get("ntoys").asInt()).isEqualTo(20);

    JsonNode iv = json(IntervalsReport.of(D.intervals(new int[] {0})));
    assertThat(keys(iv.get("intervals").get(0))).contains("parameter", "best", "interval_68", "interval_95");
    assertThat(iv.get("intervals").get(0).get("interval_68").size()).isEqualTo(2);
  }
}
