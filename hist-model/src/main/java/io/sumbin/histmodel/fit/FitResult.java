package io.sumbin.histmodel.fit;

import java.util.List;

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

  /** Value of a parameter by expanded name. */
  public double value(String name) {
    int i = parNames.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return bestfit[i];
  }

  /** Whether both the minimisation and the uncertainty computation succeeded. */
  public boolean ok() {
    return converged && hessianOk;
  }
}
