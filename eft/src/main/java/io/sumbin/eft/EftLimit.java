package io.sumbin.eft;

import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The CLs of one scan point of a Wilson coefficient against the reference (the Standard Model):
 * which coefficient, its value c′ at the point, and the hypothesis test behind it. The test is run in
 * the point's hypothesis-pair model s(ref) + μ [s(c′) − s(ref)] at μ = 1, so {@code test().mu()} is 1
 * at every point; {@link #value()} is the scanned value.
 *
 * @param coefficient the scanned coefficient's name ({@code cHW})
 * @param value the coefficient's value c′ at this point
 * @param test the asymptotic q̃ test of c′ against the reference
 */
public record EftLimit(String coefficient, double value, HypoTestResult test) {
  /**
   * Observed CLs of c′ (the point is excluded at 95% CL when it is below 0.05).
   *
   * @return CLs
   */
  public double cls() {
    return test.cls();
  }

  /**
   * Expected CLs [−2σ, −1σ, median, +1σ, +2σ] under the reference hypothesis.
   *
   * @return the band
   */
  public double[] clsExpected() {
    return test.clsExpected();
  }

  /**
   * Whether every fit behind the test converged.
   *
   * @return the flag
   */
  public boolean converged() {
    return test.converged();
  }

  /**
   * The fits' status in words.
   *
   * @return the message
   */
  public String message() {
    return test.message();
  }

  /** {@code cHW = -0.04: CLs = 0.0123, expected median 0.0118 [-1σ 0.0031, +1σ 0.0402]}. */
  @Override
  public String toString() {
    double[] e = test.clsExpected();
    String band = e != null && e.length == 5
        ? ", expected median " + RecordText.num(e[2]) + " [-1σ " + RecordText.num(e[1]) + ", +1σ " + RecordText.num(e[3]) + "]"
        : "";
    return coefficient + " = " + RecordText.num(value) + ": CLs = " + RecordText.num(test.cls()) + band
        + (test.converged() ? "" : " (NOT converged: " + test.message() + ")");
  }

  /**
   * A table of the points, one line each: the value, observed CLs and the expected band.
   *
   * <pre>
   * cHW          CLs obs      -2σ          -1σ          median       +1σ          +2σ
   * -0.04        0.0123       ...
   * </pre>
   *
   * @param limits the points of one scan (as {@link EftAnalysis#limits} returns them)
   * @return the table, lines separated by {@code \n}, ending with one
   */
  public static String table(List<EftLimit> limits) {
    String name = limits.isEmpty() ? "value" : limits.get(0).coefficient();
    StringBuilder b = new StringBuilder(String.format("%-12s %-12s %-12s %-12s %-12s %-12s %s%n", name, "CLs obs", "-2σ", "-1σ",
        "median", "+1σ", "+2σ"));
    for (EftLimit l : limits) {
      double[] e = l.clsExpected();
      b.append(String.format("%-12s %-12s", RecordText.num(l.value()), RecordText.num(l.cls())));
      for (int k = 0; k < 5; k++) {
        String v = e != null && e.length == 5 ? RecordText.num(e[k]) : "nan";
        b.append(k < 4 ? String.format(" %-12s", v) : " " + v);
      }
      b.append('\n');
    }
    return b.toString().replace(System.lineSeparator(), "\n");
  }
}
