package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed toys: up to 1% per ensemble is a warning, more is a failed test; p-values use the usable toys only. */
class ToyFailurePolicyTest {
  static List<ToyResult> ensemble(String hyp, int n, int failed, double offset) {
    List<ToyResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean ok = i >= failed;
      // t values 0, 1, …, n−1 (+ offset); failed toys carry NaN
      out.add(new ToyResult(hyp, i, 1, TestStatistic.QTILDE, 1.0, 1.0, ok ? i + offset : Double.NaN, 0.5, ok, 1, 1));
    }
    return out;
  }

  static ToyDistributions dist(int sbFailed, int bFailed) {
    ToyResult obs = new ToyResult(ToyCalculator.OBS, 0, 1, TestStatistic.QTILDE, 1.0, Double.NaN, 150.5, 0.5, true, 1, 1);
    return new ToyDistributions(1.0, TestStatistic.QTILDE, obs, ensemble("sb", 200, sbFailed, 0), ensemble("b", 200, bFailed, 100), true, "");
  }

  @Test
  void noFailuresIsPlainOk() {
    HypoTestResult r = dist(0, 0).hypoTestResult();
    assertThat(r.converged()).as("r.converged()").isTrue();
    assertThat(r.message().contains(ToyDistributions.WARNING))
        .as("r.message().contains(ToyDistributions.WARNING)")
        .isFalse();
    // CLs+b = P(t ≥ 150.5 | sb: 0..199) = 49/200; CLb = P(t ≥ 150.5 | b: 100..299) = 149/200
    assertThat(r.clsb()).as("r.clsb()").isCloseTo(49.0 / 200, within(1e-12));
    assertThat(r.clb()).as("r.clb()").isCloseTo(149.0 / 200, within(1e-12));
  }

  @Test
  void upToOnePercentIsAWarning() {
    HypoTestResult r = dist(2, 1).hypoTestResult();
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(r.message())
        .as(r.message())
        .contains(ToyDistributions.WARNING + "2 of 200 s+b toys and 1 of 200 b toys");
    // the failed toys (t = 0, 1 in s+b; t = 100 in b) are excluded from the denominators
    assertThat(r.clsb()).as("r.clsb()").isCloseTo(49.0 / 198, within(1e-12));
    assertThat(r.clb()).as("r.clb()").isCloseTo(149.0 / 199, within(1e-12));
  }

  @Test
  void moreThanOnePercentFailsTheTest() {
    HypoTestResult r = dist(0, 3).hypoTestResult();
    assertThat(r.converged()).as("r.converged()").isFalse();
    assertThat(r.message()).as(r.message()).contains("0 of 200 s+b toys and 3 of 200 b toys did not converge");
    assertThat(r.message().contains(ToyDistributions.WARNING))
        .as("r.message().contains(ToyDistributions.WARNING)")
        .isFalse();
  }
}
