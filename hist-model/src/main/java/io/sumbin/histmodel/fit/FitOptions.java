package io.sumbin.histmodel.fit;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.util.RecordText;


/**
 * Start values, bounds and fixed flags of a fit; fixed parameters are held at their start value
 * (pyhf's convention). Immutable: change with the {@code withX} copies.
 *
 * @param uncertainties whether to compute the covariance from the Hessian at the minimum
 */
public record FitOptions(
    double[] init, double[] lower, double[] upper, boolean[] fixed, MinimizerSettings settings, boolean uncertainties) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public FitOptions {
    init = init.clone();
    lower = lower.clone();
    upper = upper.clone();
    fixed = fixed.clone();
  }

  /** The model's suggested inits, bounds and fixed flags; uncertainties on. */
  public static FitOptions suggested(LikelihoodModel m) {
    return new FitOptions(m.suggestedInit(), m.lowerBounds(), m.upperBounds(), m.suggestedFixed(),
        MinimizerSettings.DEFAULT, true);
  }

  /** Holds parameter {@code i} fixed at {@code value}. */
  public FitOptions withFixed(int i, double value) {
    double[] in = init.clone();
    boolean[] fx = fixed.clone();
    in[i] = value;
    fx[i] = true;
    return new FitOptions(in, lower, upper, fx, settings, uncertainties);
  }

  /** Releases parameter {@code i}. */
  public FitOptions withFloating(int i) {
    boolean[] fx = fixed.clone();
    fx[i] = false;
    return new FitOptions(init, lower, upper, fx, settings, uncertainties);
  }

  /** Other start values (fixed parameters take theirs from here). */
  public FitOptions withInit(double[] in) {
    return new FitOptions(in, lower, upper, fixed, settings, uncertainties);
  }

  /** Other bounds for parameter {@code i}. */
  public FitOptions withBounds(int i, double lo, double hi) {
    double[] l = lower.clone();
    double[] u = upper.clone();
    l[i] = lo;
    u[i] = hi;
    return new FitOptions(init, l, u, fixed, settings, uncertainties);
  }

  public FitOptions withSettings(MinimizerSettings s) {
    return new FitOptions(init, lower, upper, fixed, s, uncertainties);
  }

  public FitOptions withUncertainties(boolean u) {
    return new FitOptions(init, lower, upper, fixed, settings, u);
  }
}
