package io.sumbin.histmodel.fit;

import io.sumbin.histmodel.likelihood.BlockHessian;
import io.sumbin.histmodel.likelihood.BlockStructure;
import io.sumbin.histmodel.likelihood.DataObjective;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.util.Cholesky;
import java.util.Arrays;

/**
 * Maximum-likelihood fits of a compiled model (pyhf's {@code pyhf.infer.mle.fit} and
 * {@code fixed_poi_fit}). Holds an evaluator and minimiser scratch: one instance per thread, reused
 * across fits (toys) without allocation beyond the returned results.
 */
public final class Fitter {
  private final LikelihoodModel model;
  private final DataObjective objective;
  private final BoundedNewtonMinimizer minimizer;
  private double[] hess;
  private double[] sub;
  private final double[] col;
  private final int[] idx;
  private BlockHessian blockHess;

  /**
   * A fitter with the default minimizer settings.
   *
   * @param model the likelihood model
   */
  public Fitter(LikelihoodModel model) {
    this(model, MinimizerSettings.DEFAULT);
  }

  /**
   * A fitter.
   *
   * @param model the likelihood model
   * @param settings the bounded Newton minimizer's settings
   */
  public Fitter(LikelihoodModel model, MinimizerSettings settings) {
    this.model = model;
    int n = model.nPars();
    this.objective = model.objective(model.withAuxdata(new double[model.nMain()]));
    this.minimizer = new BoundedNewtonMinimizer(n, settings);
    this.col = new double[n];
    this.idx = new int[n];
  }

  /**
   * The model.
   *
   * @return the model this fitter minimises −ln L of
   */
  public LikelihoodModel model() {
    return model;
  }

  /**
   * Unconditional fit with the model's suggested settings.
   *
   * @param data main + auxiliary data (read)
   * @return the best fit, its uncertainties and −2 ln L
   */
  public FitResult fit(double[] data) {
    return fit(data, FitOptions.suggested(model));
  }

  /**
   * Fit with the POI fixed at {@code poiValue} (other settings suggested).
   *
   * @param poiValue the value of the parameter of interest
   * @param data main + auxiliary data (read)
   * @return the conditional fit
   * @throws IllegalStateException if the model has no parameter of interest
   */
  public FitResult fixedPoiFit(double poiValue, double[] data) {
    return fixedPoiFit(poiValue, data, FitOptions.suggested(model));
  }

  /**
   * Fit with the POI fixed at {@code poiValue}.
   *
   * @param poiValue the value of the parameter of interest
   * @param data main + auxiliary data (read)
   * @param options initial values, bounds and fixed parameters
   * @return the conditional fit
   * @throws IllegalStateException if the model has no parameter of interest
   */
  public FitResult fixedPoiFit(double poiValue, double[] data, FitOptions options) {
    int poi = model.poiIndex();
    if (poi < 0) {
      throw new IllegalStateException("the model has no parameter of interest; a fixed-POI fit needs one");
    }
    return fit(data, options.withFixed(poi, poiValue));
  }

  /**
   * Minimises −2 ln L over the non-fixed parameters.
   *
   * @param data main + auxiliary data (read)
   */
  public FitResult fit(double[] data, FitOptions options) {
    objective.setData(data);
    MinimizerResult mr = minimizer.minimize(objective, options.init(), options.lower(), options.upper(), options.fixed());
    int n = model.nPars();
    double[] unc = new double[n];
    double[] cov = null;
    boolean hessOk = false;
    String msg = mr.message();
    if (options.uncertainties() && Double.isFinite(mr.value())) {
      cov = minimizer.usesBlocks(objective) && n > DENSE_COVARIANCE_MAX ? null : new double[n * n];
      hessOk = covariance(mr.x(), options.fixed(), null, null, cov, unc);
      if (!hessOk) {
        // parameters pinned at a bound carry no curvature information: retry without them
        hessOk = covariance(mr.x(), options.fixed(), options.lower(), options.upper(), cov, unc);
        if (hessOk) {
          StringBuilder pinned = new StringBuilder();
          for (int i = 0; i < n; i++) {
            if (!options.fixed()[i] && (mr.x()[i] <= options.lower()[i] || mr.x()[i] >= options.upper()[i])) {
              unc[i] = Double.NaN;
              pinned.append(pinned.length() == 0 ? "" : ", ").append(model.parName(i));
            }
          }
          msg = msg + "; Hessian not positive definite with the parameters at bounds (" + pinned
              + "): their uncertainties are undefined (NaN)";
        }
      }
      if (!hessOk) {
        msg = msg + "; Hessian at the minimum is not positive definite (uncertainties undefined)";
        Arrays.fill(unc, Double.NaN);
        cov = null;
      }
    } else if (options.uncertainties()) {
      Arrays.fill(unc, Double.NaN);
    }
    return new FitResult(model.parNames(), mr.x(), unc, cov, 2 * mr.value(), mr.converged(), hessOk, mr.edm(),
        mr.iterations(), mr.evaluations(), msg);
  }

  /** −2 ln L at given parameters. */
  public double twiceNll(double[] pars, double[] data) {
    objective.setData(data);
    return 2 * objective.value(pars);
  }

  /**
   * Largest number of parameters for which a fit in the block form (many bin-local parameters) also
   * returns the dense covariance matrix (n² doubles); above it {@link FitResult#covariance()} is null and
   * the uncertainties come from the block inverse's diagonal alone.
   */
  public static final int DENSE_COVARIANCE_MAX = 2000;

  /**
   * Inverse Hessian of −ln L over non-fixed parameters at x (and, when lo/hi are given, not at a
   * bound). Writes cov (n×n; may be null in the block form) and unc; returns false if that Hessian is
   * not positive definite.
   */
  private boolean covariance(double[] x, boolean[] fixed, double[] lo, double[] hi, double[] cov, double[] unc) {
    int n = model.nPars();
    if (minimizer.usesBlocks(objective)) {
      return blockCovariance(x, fixed, lo, hi, cov, unc);
    }
    if (hess == null) {
      hess = new double[n * n];
      sub = new double[n * n];
    }
    if (!objective.hessian(x, hess)) {
      return false;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      boolean pinned = lo != null && (x[i] <= lo[i] || x[i] >= hi[i]);
      if (!fixed[i] && !pinned) {
        idx[k++] = i;
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        sub[a * k + b] = hess[idx[a] * n + idx[b]];
      }
    }
    if (!Cholesky.factor(sub, k)) {
      return false;
    }
    double[] inv = new double[k * k];
    Cholesky.inverse(sub, k, inv, col);
    Arrays.fill(cov, 0.0);
    Arrays.fill(unc, 0.0);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        cov[idx[a] * n + idx[b]] = inv[a * k + b];
      }
      unc[idx[a]] = Math.sqrt(inv[a * k + a]);
    }
    return true;
  }

  /** {@link #covariance} through the block inverse: O(n_L·n_G² + n_G³), memory linear in the bins. */
  private boolean blockCovariance(double[] x, boolean[] fixed, double[] lo, double[] hi, double[] cov, double[] unc) {
    int n = model.nPars();
    BlockStructure st = objective.blockStructure();
    if (blockHess == null || blockHess.structure() != st) {
      blockHess = new BlockHessian(st);
    }
    if (!objective.hessian(x, blockHess)) {
      return false;
    }
    boolean[] include = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean pinned = lo != null && (x[i] <= lo[i] || x[i] >= hi[i]);
      include[i] = !fixed[i] && !pinned;
    }
    double[] variance = new double[n];
    if (!blockHess.inverse(include, variance, cov)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      unc[i] = include[i] ? Math.sqrt(variance[i]) : 0.0;
    }
    return true;
  }
}
