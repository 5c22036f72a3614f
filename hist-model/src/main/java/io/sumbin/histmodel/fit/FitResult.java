package io.sumbin.histmodel.fit;

import io.sumbin.histmodel.util.RecordText;
import java.util.List;
import java.util.Locale;

/**
 * Result of a maximum-likelihood fit.
 *
 * @param parNames expanded parameter names (pyhf order)
 * @param bestfit parameter values at the minimum
 * @param uncertainties √diag(H⁻¹) of −ln L over the non-fixed parameters (0 for fixed ones, NaN if
 *     not computed or the Hessian is not positive definite)
 * @param covariance row-major nPars×nPars inverse Hessian (zeros for fixed rows/columns), or null
 * @param twiceNll −2 ln L at the minimum (pyhf's twice_nll)
 * @param converged whether the minimiser met its convergence criterion
 * @param hessianOk whether the Hessian at the minimum was positive definite
 * @param message the minimiser's and the Hessian's status in words
 */
public record FitResult(
    List<String> parNames,
    double[] bestfit,
    double[] uncertainties,
    double[] covariance,
    double twiceNll,
    boolean converged,
    boolean hessianOk,
    double edm,
    int iterations,
    int evaluations,
    String message) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** Value of a parameter by expanded name. */
  public double value(String name) {
    int i = parNames.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return bestfit[i];
  }

  /**
   * The fit in a few lines, as pyhf users print it: the status, −2 ln L at the minimum and one line
   * per parameter with its best fit and Hessian error ({@code fixed} for a fixed parameter, {@code nan}
   * where the error was not computed).
   *
   * <pre>
   * fit: converged, Hessian ok; -2 ln L = 23.1964 (edm 1.2e-09, 12 iterations, 30 evaluations)
   * parameter           best fit   error
   * mu                  0.000173   0.5122
   * </pre>
   *
   * @return the summary, lines separated by {@code \n}, ending with one
   */
  public String summary() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "fit: %s, %s; -2 ln L = %s (edm %s, %d iterations, %d evaluations)\n",
        converged ? "converged" : "NOT converged", hessianOk ? "Hessian ok" : "Hessian NOT positive definite",
        RecordText.num(twiceNll), RecordText.num(edm), iterations, evaluations));
    if (!converged || !hessianOk) {
      b.append("  ").append(message).append('\n');
    }
    int w = "parameter".length();
    for (String n : parNames) {
      w = Math.max(w, n.length());
    }
    String row = "%-" + w + "s  %-12s %s\n";
    b.append(String.format(Locale.ROOT, row, "parameter", "best fit", "error"));
    for (int i = 0; i < parNames.size(); i++) {
      double e = uncertainties == null ? Double.NaN : uncertainties[i];
      String err = e == 0 ? "fixed" : RecordText.num(e);
      b.append(String.format(Locale.ROOT, row, parNames.get(i), RecordText.num(bestfit[i]), err));
    }
    return b.toString();
  }

  /** Whether both the minimisation and the uncertainty computation succeeded. */
  public boolean ok() {
    return converged && hessianOk;
  }
}
