package io.sumbin.summaries.loss;

/**
 * ALICE (arXiv:1808.00973): cross-entropy against the soft label t_i = r_i/(1 + r_i) built from the joint ratio
 * r_i = ω_i(θ)/ω_i(θ₀) of the same event, with example weight ω_i(θ) + ω_i(θ₀):
 * L = ⟨(ω_i(θ) + ω_i(θ₀)) CE(t_i, σ(ℓ(x_i)))⟩ = ⟨ω_i(θ) softplus(−ℓ) + ω_i(θ₀) softplus(ℓ)⟩. It uses the joint
 * (parton-level) information and has a smaller variance than {@link CarlLoss}. Tag {@code alice}.
 */
public record AliceLoss() implements RatioLoss {
  @Override
  public String tag() {
    return "alice";
  }

  @Override
  public Pairing pairing() {
    return Pairing.SAME_EVENT;
  }

  @Override
  public <T> T perExample(T logit, T weight, T referenceWeight, TensorOps<T> ops) {
    return RatioLoss.crossEntropy(logit, weight, referenceWeight, ops);
  }
}
