package io.sumbin.histmodel.inference;

import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.toys.ToyDistributions;

/**
 * A hypothesis test: CLs = CLs+b / CLb with the expected band (or p₀ and Z for q₀), and with the
 * toy calculator the distributions of the statistic it was computed from.
 *
 * @param toys the s+b and b toy distributions and the observed value; null for the asymptotic calculator
 */
public record HypotestRun(HypoTestResult result, ToyDistributions toys) {
  /**
   * The test's {@link HypoTestResult#summary()}, with the number of toys when they were thrown.
   *
   * @return the summary, lines separated by {@code \n}
   */
  public String summary() {
    String s = result.summary();
    return toys == null ? s : s + "toys: " + toys.sbToys().size() + " s+b, " + toys.bToys().size() + " b\n";
  }
}
