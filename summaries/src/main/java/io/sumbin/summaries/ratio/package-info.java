/**
 * Parametrized likelihood-ratio classifiers: CARL (arXiv:1506.02169) and ALICE (arXiv:1808.00973) with
 * θ as network input ({@link io.sumbin.summaries.ratio.RatioClassifier} → {@link
 * io.sumbin.summaries.ratio.ParametrizedRatio}), and morphing-aware ratios r̂(x|θ) = Σ_c w_c(θ) σ_c r̂_c(x) / σ(θ)
 * ({@link io.sumbin.summaries.ratio.MorphingAwareRatio} → {@link io.sumbin.summaries.ratio.MorphingRatio};
 * arXiv:1805.00013). May import the root package, weights, persistence, loss and nn; DJL stays out of its
 * public API.
 */
package io.sumbin.summaries.ratio;
