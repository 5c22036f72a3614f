package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code sumbin bench shape}: the JSON contract on a tiny run, and the exit code of bad input. */
class BenchShapeCommandTest {
  @Test
  void tinyRunPrintsTheContract() {
    TrainCommandTest.Run r = TrainCommandTest.run("bench", "shape", "--fast", "--events", "3000", "--reference", "2000",
        "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode j = r.json();
    for (String k : new String[] {"training_events", "reference_events", "shift", "calibration", "interval_exact",
        "interval_learned", "interval_fixed", "width_ratio", "bulk_deviation", "rate_up", "rate_down", "closure_up",
        "closure_down", "training_seconds", "seconds"}) {
      assertThat(j.has(k)).as(k).isTrue();
    }
    assertThat(j.get("training_events").asInt()).isEqualTo(3000);
    assertThat(j.get("calibration").asText()).isEqualTo("platt");
    assertThat(j.get("rate_up").asDouble()).isCloseTo(1.04, within(1e-9));
    assertThat(j.get("interval_exact").size()).isEqualTo(2);
    double wExact = j.get("interval_exact").get(1).asDouble() - j.get("interval_exact").get(0).asDouble();
    double wLearned = j.get("interval_learned").get(1).asDouble() - j.get("interval_learned").get(0).asDouble();
    assertThat(j.get("width_ratio").asDouble()).isCloseTo(wLearned / wExact, within(1e-12));
    assertThat(j.get("closure_up").get("nominal_mean").asDouble()).isCloseTo(1.0, within(0.1));
  }

  @Test
  void unknownCalibrationExitsTwo() {
    TrainCommandTest.Run r = TrainCommandTest.run("bench", "shape", "--calibration", "isotonic");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--calibration must be none, platt or histogram, got 'isotonic'");
  }
}
