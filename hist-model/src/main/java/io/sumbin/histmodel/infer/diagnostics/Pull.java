package io.sumbin.histmodel.infer.diagnostics;

import java.util.Locale;

/**
 * The pull and constraint of one constrained nuisance parameter:
 *
 * <pre>
 *   pull       = (θ̂ − θ₀) / Δθ_pre
 *   constraint = Δθ_post / Δθ_pre
 * </pre>
 *
 * with θ₀ and Δθ_pre from the constraint term ({@link Priors}) and Δθ_post the Hessian uncertainty
 * of the fit (a pull of 0 ± 1 means the data say nothing beyond the prior).
 *
 * @param parameter expanded name
 * @param index position in the parameter vector
 * @param kind modifier type ({@code normsys}, {@code histosys}, {@code shapesys}, {@code staterror},
 *     {@code lumi})
 */
public record Pull(String parameter, int index, String kind, double bestfit, double postfitSigma, double nominal,
    double prefitSigma, double pull, double constraint) {

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Pull[%s (%s): %.4g ± %.4g]", parameter, kind, pull, constraint);
  }
}
