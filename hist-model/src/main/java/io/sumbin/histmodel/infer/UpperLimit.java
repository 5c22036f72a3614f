package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * An upper limit on the POI at confidence level {@code cl} (CLs &lt; 1 − cl excluded).
 *
 * @param observed the observed limit
 * @param expected expected limits [−2σ, −1σ, median, +1σ, +2σ]
 * @param points the hypothesis tests evaluated on the way, sorted by μ (for plots)
 * @param converged whether every fit converged
 */
public record UpperLimit(double cl, double observed, double[] expected, List<HypoTestResult> points, boolean converged, String message) {
  /**
   * The limit in two lines: observed, and the expected median with its ±1σ/±2σ band.
   *
   * <pre>
   * 95% CL upper limit (CLs = 0.05): observed 2.12359
   * expected: median 2.12359, ±1σ [1.53608, 2.94155], ±2σ [1.14761, 3.92992]
   * </pre>
   *
   * @return the summary, lines separated by {@code \n}, ending with one
   */
  public String summary() {
    StringBuilder b = new StringBuilder(RecordText.num(100 * cl)).append("% CL upper limit (CLs = ")
        .append(RecordText.num(Math.rint((1 - cl) * 1e12) / 1e12)).append("): observed ").append(RecordText.num(observed)).append('\n');
    if (expected != null && expected.length == 5) {
      b.append("expected: median ").append(RecordText.num(expected[2])).append(", ±1σ [").append(RecordText.num(expected[1]))
          .append(", ").append(RecordText.num(expected[3])).append("], ±2σ [").append(RecordText.num(expected[0])).append(", ")
          .append(RecordText.num(expected[4])).append("]\n");
    } else {
      b.append("expected: ").append(expected == null ? "none" : RecordText.nums(expected)).append('\n');
    }
    if (!converged) {
      b.append("NOT converged: ").append(message).append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return RecordText.of(this);
  }
}
