package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.util.RecordText;

/**
 * A 1-D profile-likelihood scan: Δ(−2 ln L)(x) = −2 ln L(x, θ̂̂(x)) + 2 ln L(x̂, θ̂) on a grid.
 *
 * @param interval68 [lo, hi] where Δ crosses 1 (68.27% CL, Wilks, one parameter); NaN for an end
 *     the scan range does not reach
 * @param interval95 the same for Δ = 3.841 (95% CL)
 * @param best the global fit (x̂)
 * @param fits the conditional fit at each grid value
 */
public record ProfileScan(
    String parameter,
    int index,
    double[] values,
    double[] deltaTwiceNll,
    FitResult best,
    FitResult[] fits,
    double[] interval68,
    double[] interval95,
    boolean converged,
    String message) {
  /**
   * The scan in two lines: the best fit and the 68%/95% intervals ({@code nan} for an end the scan
   * range does not reach).
   *
   * <pre>
   * profile scan of mu, 31 points in [0, 3]: best fit 0.000173 (-2 ln L = 23.1964)
   * 68% CL [0, 0.8512] (Δ(-2 ln L) = 1), 95% CL [0, 1.8821] (3.84)
   * </pre>
   *
   * @return the summary, lines separated by {@code \n}, ending with one
   */
  public String summary() {
    StringBuilder b = new StringBuilder("profile scan of ").append(parameter).append(", ").append(values.length)
        .append(" points in [").append(values.length == 0 ? "" : RecordText.num(values[0]) + ", " + RecordText.num(values[values.length - 1]))
        .append("]: best fit ").append(best == null ? "nan" : RecordText.num(best.bestfit()[index]))
        .append(" (-2 ln L = ").append(best == null ? "nan" : RecordText.num(best.twiceNll())).append(")\n");
    b.append("68% CL ").append(RecordText.nums(interval68)).append(" (Δ(-2 ln L) = 1), 95% CL ").append(RecordText.nums(interval95))
        .append(" (3.84)\n");
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
