package io.sumbin.histmodel.infer.diagnostics;

import java.util.Locale;

/**
 * The toy CLs test at one POI value with its binomial errors:
 *
 * <pre>
 *   σ(CLs+b) = √(CLs+b (1 − CLs+b) / N_sb),  σ(CLb) = √(CLb (1 − CLb) / N_b)
 *   σ(CLs)   = √[(σ(CLs+b)/CLb)² + (CLs+b σ(CLb)/CLb²)²]
 * </pre>
 *
 * (the two ensembles are independent; a tail with no toy uses 1/N in place of p(1 − p)).
 *
 * @param clsExpected the expected band [−2σ … +2σ] from the background-only toys
 * @param nSb usable signal + background toys
 * @param nB usable background-only toys
 */
public record ToyLimitPoint(double mu, double cls, double clsError, double clsb, double clsbError, double clb,
    double clbError, double[] clsExpected, int nSb, int nB, boolean converged, String message) {
  public ToyLimitPoint {
    clsExpected = clsExpected.clone();
  }

  /** Binomial error of a p-value from n toys (1/n in place of p(1 − p) at p = 0 or 1). */
  static double binomialError(double p, int n) {
    if (n <= 0 || Double.isNaN(p)) {
      return Double.NaN;
    }
    double v = p * (1 - p);
    return Math.sqrt(Math.max(v, 1.0 / n) / n);
  }

  /** σ(CLs) from the errors of CLs+b and CLb. */
  static double clsError(double clsb, double eSb, double clb, double eB) {
    if (!(clb > 0)) {
      return Double.NaN;
    }
    double a = eSb / clb;
    double b = clsb * eB / (clb * clb);
    return Math.sqrt(a * a + b * b);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ToyLimitPoint[μ = %.6g: CLs = %.4g ± %.2g (%d s+b, %d b toys)]", mu, cls,
        clsError, nSb, nB);
  }
}
