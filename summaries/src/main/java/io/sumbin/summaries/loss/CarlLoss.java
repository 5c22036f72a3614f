package io.sumbin.summaries.loss;

/**
 * CARL (arXiv:1506.02169): binary cross-entropy with hard labels. Class-1 examples are events weighted by
 * ω_i(θ), class-0 examples are independently drawn events weighted by ω_j(θ₀):
 * L = ⟨ω_i(θ) softplus(−ℓ(x_i)) + ω_j(θ₀) softplus(ℓ(x_j))⟩. Tag {@code carl}.
 */
public record CarlLoss() implements RatioLoss {
  @Override
  public String tag() {
    return "carl";
  }

  @Override
  public Pairing pairing() {
    return Pairing.INDEPENDENT_EVENTS;
  }

  @Override
  public <T> T perExample(T logit, T weight, T referenceWeight, TensorOps<T> ops) {
    return RatioLoss.crossEntropy(logit, weight, referenceWeight, ops);
  }
}
