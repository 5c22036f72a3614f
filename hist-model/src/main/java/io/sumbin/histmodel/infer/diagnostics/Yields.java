package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Evaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre- or post-fit yields of a binned model per channel, sample and bin, with their uncertainties
 * propagated linearly with a full covariance C of the parameters:
 *
 * <pre>
 *   σ²(ν_b) = Σ_pq J_bp C_pq J_bq,   J_bp = ∂ν_b/∂θ_p
 * </pre>
 *
 * (Combine's FitDiagnostics {@code --saveShapes}, cabinetry's {@code model_utils.yield_stdev}). The
 * totals use the model's analytic Jacobian ({@link Evaluator#jacobian}); per-sample uncertainties use
 * central finite differences of the per-sample yields (step 10⁻⁵·(1 + |θ_p|), one-sided at a bound).
 * Post-fit: the parameters and Hessian covariance of a fit. Pre-fit: the suggested (or fixed)
 * parameters and the diagonal covariance of the constraint widths ({@link Priors#covariance}), i.e.
 * unconstrained parameters carry no pre-fit uncertainty.
 *
 * @param prefit whether these are pre-fit yields
 * @param parameters the parameters the yields are evaluated at
 * @param method how the uncertainties were propagated, in words
 */
public record Yields(boolean prefit, double[] parameters, List<ChannelYields> channels, String method) {
  public Yields {
    parameters = parameters.clone();
    channels = List.copyOf(channels);
  }

  /** Relative finite-difference step of the per-sample Jacobian. */
  static final double FD_STEP = 1e-5;

  /**
   * The yields at {@code pars} with covariance {@code cov}.
   *
   * @param data main (+ auxiliary) data, main bins in model order (read)
   * @param pars parameters (read)
   * @param cov row-major nPars × nPars covariance (read); null: no uncertainties (NaN)
   * @param lower lower bounds (read; where the finite differences turn one-sided)
   * @param upper upper bounds (read)
   */
  public static Yields of(CompiledModel model, double[] data, double[] pars, double[] cov, double[] lower,
      double[] upper, boolean prefit) {
    int n = model.nPars();
    int nMain = model.nMain();
    Evaluator ev = model.evaluator();
    List<String> sampleNames = model.sampleNames();
    int ns = sampleNames.size();
    double[][] bySample = new double[ns][nMain];
    ev.expectedBySample(pars, bySample);
    double[] total = new double[nMain];
    ev.expectedMain(pars, total);
    double[] jac = new double[nMain * n];
    ev.jacobian(pars, jac);
    // per-sample Jacobians by central differences, only along parameters with variance
    double[][][] sjac = new double[ns][nMain][n];
    if (cov != null) {
      double[][] up = new double[ns][nMain];
      double[][] dn = new double[ns][nMain];
      double[] x = pars.clone();
      for (int p = 0; p < n; p++) {
        if (!(cov[p * n + p] > 0)) {
          continue;
        }
        double h = FD_STEP * (1 + Math.abs(pars[p]));
        double hi = Math.min(pars[p] + h, upper[p]);
        double lo = Math.max(pars[p] - h, lower[p]);
        x[p] = hi;
        ev.expectedBySample(x, up);
        x[p] = lo;
        ev.expectedBySample(x, dn);
        x[p] = pars[p];
        for (int s = 0; s < ns; s++) {
          for (int b = 0; b < nMain; b++) {
            sjac[s][b][p] = (up[s][b] - dn[s][b]) / (hi - lo);
          }
        }
      }
    }
    List<ChannelYields> chans = new ArrayList<>();
    List<String> names = model.channelNames();
    for (int c = 0; c < names.size(); c++) {
      int off = model.channelOffset(c);
      int nb = model.channelNbins(c);
      double[] d = new double[nb];
      double[] t = new double[nb];
      double[] tu = new double[nb];
      double[][] rows = new double[nb][];
      double dsum = 0;
      double tsum = 0;
      for (int b = 0; b < nb; b++) {
        d[b] = data[off + b];
        t[b] = total[off + b];
        dsum += d[b];
        tsum += t[b];
        rows[b] = new double[n];
        System.arraycopy(jac, (off + b) * n, rows[b], 0, n);
        tu[b] = stdev(rows[b], cov, n);
      }
      double tsu = stdev(sumRows(rows, n), cov, n);
      List<SampleYields> samples = new ArrayList<>();
      for (int s = 0; s < ns; s++) {
        double[] y = new double[nb];
        double[] yu = new double[nb];
        double[][] srows = new double[nb][];
        boolean present = false;
        double ysum = 0;
        for (int b = 0; b < nb; b++) {
          y[b] = bySample[s][off + b];
          present |= y[b] != 0;
          ysum += y[b];
          srows[b] = sjac[s][off + b];
          yu[b] = stdev(srows[b], cov, n);
        }
        if (present) {
          samples.add(new SampleYields(sampleNames.get(s), y, yu, ysum, stdev(sumRows(srows, n), cov, n)));
        }
      }
      chans.add(new ChannelYields(names.get(c), d, t, tu, samples, dsum, tsum, tsu));
    }
    String method = cov == null ? "no covariance: uncertainties undefined"
        : (prefit ? "pre-fit constraint widths (diagonal)" : "post-fit Hessian covariance")
            + "; totals through the analytic Jacobian, samples through central finite differences";
    return new Yields(prefit, pars, chans, method);
  }

  private static double[] sumRows(double[][] rows, int n) {
    double[] s = new double[n];
    for (double[] r : rows) {
      for (int p = 0; p < n; p++) {
        s[p] += r[p];
      }
    }
    return s;
  }

  /** √(jᵀ C j); NaN without a covariance. */
  static double stdev(double[] j, double[] cov, int n) {
    if (cov == null) {
      return Double.NaN;
    }
    double v = 0;
    for (int p = 0; p < n; p++) {
      if (j[p] == 0) {
        continue;
      }
      double r = 0;
      for (int q = 0; q < n; q++) {
        r += cov[p * n + q] * j[q];
      }
      v += j[p] * r;
    }
    return Math.sqrt(Math.max(v, 0));
  }

  /** The channel called {@code name}, or null. */
  public ChannelYields channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  @Override
  public String toString() {
    return (prefit ? "Pre-fit " : "Post-fit ") + "Yields" + channels;
  }
}
