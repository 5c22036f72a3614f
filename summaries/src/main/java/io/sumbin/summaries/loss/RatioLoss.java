package io.sumbin.summaries.loss;

/**
 * Losses of the likelihood-ratio classifiers (arXiv:1805.00020, 1805.12244, 1808.00973). The network
 * output is the logit ℓ(x) = log r̂(x|θ, θ₀), so that ŝ = σ(ℓ) is the probability that an event comes
 * from θ rather than θ₀; with ω_i(θ) = w_i(θ) n/σ(θ) the normalized event weights:
 *
 * <ul>
 *   <li>{@link #CARL}: binary cross-entropy with hard labels. Class-1 examples are events weighted by
 *       ω_i(θ), class-0 examples are <em>independently drawn</em> events weighted by ω_j(θ₀):
 *       L = ⟨ω_i(θ) softplus(−ℓ(x_i)) + ω_j(θ₀) softplus(ℓ(x_j))⟩.</li>
 *   <li>{@link #ALICE}: cross-entropy against the soft label t_i = r_i/(1 + r_i) built from the joint
 *       ratio r_i = ω_i(θ)/ω_i(θ₀) of the same event, with example weight ω_i(θ) + ω_i(θ₀):
 *       L = ⟨(ω_i(θ) + ω_i(θ₀)) CE(t_i, σ(ℓ(x_i)))⟩ = ⟨ω_i(θ) softplus(−ℓ) + ω_i(θ₀) softplus(ℓ)⟩.</li>
 * </ul>
 *
 * Both are minimized by ℓ(x) = log p(x|θ)/p(x|θ₀); ALICE uses the joint (parton-level) information and
 * has the smaller variance.
 */
public enum RatioLoss {
  CARL, ALICE;

  /** Lower-case tag used in metadata and on the command line. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
