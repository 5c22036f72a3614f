package io.sumbin.histmodel.infer.diagnostics;

import java.util.Locale;

/**
 * The impact of one nuisance parameter θ on the POI μ (CMS Combine's definition, as in its
 * {@code -M Impacts}; cabinetry's {@code fit.ranking}): θ is held at θ̂ ± Δθ, all other free
 * parameters are refitted (warm-started at the best fit), and the impact is the shift
 * Δμ̂ = μ̂(θ fixed) − μ̂. Δθ is the post-fit (Hessian) uncertainty for {@code postfit*} and the
 * pre-fit width of the constraint ({@link Priors}) for {@code prefit*}; a shifted value outside the
 * parameter's bounds is clamped to the bound.
 *
 * @param pull (θ̂ − θ₀)/Δθ_pre (NaN for an unconstrained parameter)
 * @param constraint Δθ_post/Δθ_pre (NaN for an unconstrained parameter)
 * @param postfitUp Δμ̂ with θ = θ̂ + Δθ_post
 * @param postfitDown Δμ̂ with θ = θ̂ − Δθ_post
 * @param prefitUp Δμ̂ with θ = θ̂ + Δθ_pre (NaN for an unconstrained parameter)
 * @param prefitDown Δμ̂ with θ = θ̂ − Δθ_pre (NaN for an unconstrained parameter)
 * @param converged whether all refits converged
 */
public record Impact(String parameter, int index, String kind, double bestfit, double pull, double constraint,
    double postfitUp, double postfitDown, double prefitUp, double prefitDown, boolean converged) {

  /** The ranking key: max(|post-fit up|, |post-fit down|) (NaN when both are NaN). */
  public double magnitude() {
    return Math.max(Math.abs(postfitUp), Math.abs(postfitDown));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Impact[%s: post %+.4g/%+.4g, pre %+.4g/%+.4g, pull %.3g]", parameter,
        postfitUp, postfitDown, prefitUp, prefitDown, pull);
  }
}
