package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fit diagnostics of an EFT analysis's family point (issue 21 item 8): a point workspace that
 * {@code sumbin analysis run} exports (here cHW = −0.36 of the two-region VBF + DY analysis in
 * {@code src/test/resources/pyhf-crosscheck/analysis-vbf-dy}, Asimov data at the SM) has pulls, impacts and
 * post-fit yields through the same commands as any pyhf workspace; in Java, {@code FamilyPoint.diagnostics}.
 * On Asimov data of the reference hypothesis the best fit is that hypothesis, so every pull is 0 and the
 * post-fit prediction equals the data; the event variations' nuisance parameters are constrained by the data.
 */
class AnalysisPointDiagnosticsTest {
  static final Path POINT = Path.of("src/test/resources/pyhf-crosscheck/analysis-vbf-dy/point_003.json");
  static final ObjectMapper JSON = new ObjectMapper();
  /** Asimov data reproduced by the best fit, relative. */
  static final double ASIMOV_REL = 1e-6;

  @Test
  void pullsOfAPointAreZeroOnItsAsimovDataAndTheEventVariationsAreConstrained() throws Exception {
    Cli.Run r = Cli.run("pulls", POINT.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode p : JSON.readTree(r.out()).get("pulls")) {
      byName.put(p.get("parameter").asText(), p);
      assertThat(p.get("pull").asDouble()).as(p.get("parameter").asText()).isCloseTo(0.0, within(1e-6));
    }
    assertThat(byName).containsKeys("jes", "jer", "lumi", "xs_vbfh", "xs_dy");
    assertThat(byName.get("jes").get("constraint").asDouble()).isBetween(0.0, 1.0);
    assertThat(byName.get("jer").get("constraint").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void impactsAndPostfitYieldsOfAPoint() throws Exception {
    Cli.Run r = Cli.run("impacts", POINT.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode imp = JSON.readTree(r.out());
    assertThat(imp.get("poi").asText()).isEqualTo("mu");
    assertThat(imp.get("impacts")).anySatisfy(i -> {
      assertThat(i.get("parameter").asText()).isEqualTo("jes");
      assertThat(Math.abs(i.get("prefit_down").asDouble()) + Math.abs(i.get("prefit_up").asDouble())).isPositive();
    });
    Cli.Run p = Cli.run("postfit", POINT.toString(), "--json");
    assertThat(p.exitCode()).as(p.err()).isZero();
    JsonNode channels = JSON.readTree(p.out()).get("channels");
    assertThat(channels).extracting(c -> c.get("name").asText()).containsExactlyInAnyOrder("dy", "vbf");
    for (JsonNode c : channels) {
      for (int b = 0; b < c.get("data").size(); b++) {
        double n = c.get("data").get(b).asDouble();
        assertThat(c.get("total").get(b).asDouble()).as("%s bin %d", c.get("name").asText(), b)
            .isCloseTo(n, within(ASIMOV_REL * n));
        assertThat(c.get("total_uncertainty").get(b).asDouble()).isPositive();
      }
    }
  }
}
