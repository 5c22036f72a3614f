package io.sumbin.histmodel.infer.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertTrue(r.converged());
    assertFalse(r.message().contains(ToyDistributions.WARNING));
    // CLs+b = P(t ≥ 150.5 | sb: 0..199) = 49/200; CLb = P(t ≥ 150.5 | b: 100..299) = 149/200
    assertEquals(49.0 / 200, r.clsb(), 1e-12);
    assertEquals(149.0 / 200, r.clb(), 1e-12);
  }

  @Test
  void upToOnePercentIsAWarning() {
    HypoTestResult r = dist(2, 1).hypoTestResult();
    assertTrue(r.converged(), r.message());
    assertTrue(r.message().contains(ToyDistributions.WARNING + "2 of 200 s+b toys and 1 of 200 b toys"), r.message());
    // the failed toys (t = 0, 1 in s+b; t = 100 in b) are excluded from the denominators
    assertEquals(49.0 / 198, r.clsb(), 1e-12);
    assertEquals(149.0 / 199, r.clb(), 1e-12);
  }

  @Test
  void moreThanOnePercentFailsTheTest() {
    HypoTestResult r = dist(0, 3).hypoTestResult();
    assertFalse(r.converged());
    assertTrue(r.message().contains("0 of 200 s+b toys and 3 of 200 b toys did not converge"), r.message());
    assertFalse(r.message().contains(ToyDistributions.WARNING));
  }
}
