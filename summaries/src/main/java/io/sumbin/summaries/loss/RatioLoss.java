package io.sumbin.summaries.loss;

import java.util.List;

/**
 * A loss of the likelihood-ratio classifiers (arXiv:1805.00020, 1805.12244, 1808.00973). The network output is
 * the logit ℓ(x) = log r̂(x|θ, θ₀), so that ŝ = σ(ℓ) is the probability that an event comes from θ rather than
 * θ₀; with ω_i(θ) = w_i(θ) n/σ(θ) the normalized event weights, a loss is
 *
 * <ul>
 *   <li>how the examples are formed ({@link #pairing}): each event once, carrying both weights ω_i(θ) and
 *       ω_i(θ₀) ({@link Pairing#SAME_EVENT}), or class-1 examples weighted by ω_i(θ) and class-0 examples that
 *       are <em>independently drawn</em> events weighted by ω_j(θ₀) ({@link Pairing#INDEPENDENT_EVENTS});</li>
 *   <li>the per-example loss ℓ, a, b ↦ L written with {@link TensorOps} ({@link #perExample}), where a is the
 *       example's θ-class weight and b its θ₀-class weight (one of them is 0 for an independent example);
 *       the training minimizes the mean over the batch.</li>
 * </ul>
 *
 * The losses are registered in {@code META-INF/services/io.sumbin.summaries.loss.RatioLoss} (one line each)
 * and found by their {@link #tag} ({@link #of}), which is also the {@code method} of a saved ratio classifier and
 * the name on the command line: a new loss is one new file plus one registration line. The two built in:
 * {@link CarlLoss} ({@code carl}) and {@link AliceLoss} ({@code alice}). Implementations need a public
 * no-argument constructor and should be value-like (records), so that two instances of one loss are equal.
 */
public interface RatioLoss {
  /** CARL: hard labels, independent class samples. */
  RatioLoss CARL = new CarlLoss();
  /** ALICE: soft labels from the joint weight ratio of the same event. */
  RatioLoss ALICE = new AliceLoss();

  /** How the examples of one batch are formed from the events. */
  enum Pairing {
    /** One example per event with both weights ω_i(θ), ω_i(θ₀). */
    SAME_EVENT,
    /** Per event two examples: the event with weight ω_i(θ) (class 1) and an independently drawn event with ω_j(θ₀) (class 0). */
    INDEPENDENT_EVENTS
  }

  /** Lower-case tag used in metadata and on the command line. */
  String tag();

  /** How the examples are formed. */
  Pairing pairing();

  /**
   * The per-example loss, element-wise over a batch.
   *
   * @param logit ℓ = log r̂(x|θ, θ₀)
   * @param weight a: the example's weight in the θ class
   * @param referenceWeight b: the example's weight in the θ₀ class
   * @param ops the arithmetic (tensors in training, doubles in tests)
   */
  <T> T perExample(T logit, T weight, T referenceWeight, TensorOps<T> ops);

  /**
   * The weighted binary cross-entropy a·softplus(−ℓ) + b·softplus(ℓ) = −a log σ(ℓ) − b log(1 − σ(ℓ)), minimized
   * by ℓ = log p(x|θ)/p(x|θ₀); the per-example loss of both built-in losses.
   */
  static <T> T crossEntropy(T logit, T weight, T referenceWeight, TensorOps<T> ops) {
    return ops.add(ops.mul(ops.softplus(ops.neg(logit)), weight), ops.mul(ops.softplus(logit), referenceWeight));
  }

  /**
   * The registered loss with this tag (case-insensitive).
   *
   * @throws IllegalArgumentException naming the registered tags when there is none
   */
  static RatioLoss of(String tag) {
    return RatioLosses.of(tag);
  }

  /** The tags of the registered losses, in registration order. */
  static List<String> tags() {
    return RatioLosses.tags();
  }
}
