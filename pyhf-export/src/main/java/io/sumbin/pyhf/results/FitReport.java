package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The fit object of DESIGN.md §6: best-fit values and uncertainties in parameter order, twice the
 * negative log-likelihood at the minimum, and the fit's health.
 *
 * @param poi the measurement's POI, absent when it has none
 * @param covariance the n × n inverse Hessian in {@code par_names} order (zero rows and columns for fixed
 *     parameters), null when the Hessian at the minimum is not positive definite or the model has more
 *     than {@link #MATRIX_MAX_PARAMETERS} parameters (the matrices would be tens of megabytes of JSON;
 *     {@code FitResult.covariance()} has them)
 * @param correlation C_ij / √(C_ii C_jj) (0 where a variance is 0), null with the covariance
 */
public record FitReport(
    @JsonProperty("par_names") List<String> parNames,
    double[] bestfit,
    double[] uncertainties,
    @JsonProperty("twice_nll") double twiceNll,
    boolean converged,
    @JsonProperty("hessian_ok") boolean hessianOk,
    String measurement,
    @JsonInclude(JsonInclude.Include.NON_NULL) String poi,
    int iterations,
    String message,
    double[][] covariance,
    double[][] correlation) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** The report of a fit of one measurement. */
  public static FitReport of(FitResult r, String measurement, String poi) {
    int n = r.parNames().size();
    double[] cov = n <= MATRIX_MAX_PARAMETERS ? r.covariance() : null;
    return new FitReport(r.parNames(), r.bestfit(), r.uncertainties(), r.twiceNll(), r.converged(), r.hessianOk(),
        measurement, poi, r.iterations(), r.message(), cov == null ? null : square(cov, n),
        cov == null ? null : square(Diagnostics.correlation(cov, n), n));
  }

  /** Largest number of parameters whose covariance and correlation matrices the report carries. */
  public static final int MATRIX_MAX_PARAMETERS = 1000;

  /** A row-major n × n array as rows. */
  static double[][] square(double[] a, int n) {
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOfRange(a, i * n, (i + 1) * n);
    }
    return m;
  }
}
