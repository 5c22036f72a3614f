package io.sumbin.summaries;

import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.loss.TensorOps;

/**
 * A ratio loss that exists only in the tests, to show that a new loss is one file plus one line in
 * {@code META-INF/services/io.sumbin.summaries.loss.RatioLoss} (here the test resources): the weighted Brier
 * score a (1 − ŝ)² + b ŝ² with ŝ = σ(ℓ), minimized by ŝ = a/(a + b), i.e. ℓ = ln(a/b), like the cross-entropy.
 */
public record BrierLoss() implements RatioLoss {
  @Override
  public String tag() {
    return "brier";
  }

  @Override
  public Pairing pairing() {
    return Pairing.SAME_EVENT;
  }

  @Override
  public <T> T perExample(T logit, T weight, T referenceWeight, TensorOps<T> ops) {
    T notS = ops.sigmoid(ops.neg(logit));
    T s = ops.sigmoid(logit);
    return ops.add(ops.mul(ops.mul(notS, notS), weight), ops.mul(ops.mul(s, s), referenceWeight));
  }
}
