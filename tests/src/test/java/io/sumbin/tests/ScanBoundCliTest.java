package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sumbin scan} when an interval edge is the POI's bound (μ̂ = 0.905, the 95% interval reaches
 * below μ = 0): the text and the plot say "0 (bound)", the JSON keeps null with a flag — never "NaN".
 */
class ScanBoundCliTest {
  @TempDir Path tmp;

  @Test
  void anEdgeAtThePoiBoundReadsBoundNotNan() throws Exception {
    String w = ShippedExamplesTest.project().resolve("examples/workspaces/uncorrelated_background.json").toString();
    Path png = tmp.resolve("scan.png");
    Cli.Run text = Cli.run("scan", w, "--param", "mu", "--range", "0:3:31", "--plot", png.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("95% interval [0 (bound), 2.04").doesNotContain("NaN");
    assertThat(text.out()).contains("68% interval [0.3548");
    assertThat(Files.size(png)).isGreaterThan(10_000);
    Cli.Run json = Cli.run("scan", w, "--param", "mu", "--range", "0:3:31", "--json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(json.out());
    assertThat(j.get("interval_95").get(0).isNull()).isTrue();
    assertThat(j.get("interval_95").get(1).asDouble()).isCloseTo(2.0438, within(1e-3));
    assertThat(j.get("interval_95_at_bound").get(0).asBoolean()).isTrue();
    assertThat(j.get("interval_95_at_bound").get(1).asBoolean()).isFalse();
    assertThat(j.get("interval_68_at_bound").get(0).asBoolean()).isFalse();
    // a grid that stops short of the bound: the edge is beyond the scan, not at the bound
    Cli.Run narrow = Cli.run("scan", w, "--param", "mu", "--range", "0.5:1.5:11");
    assertThat(narrow.out()).contains("NaN", "(NaN: beyond the scanned range)").doesNotContain("(bound)");
  }
}
