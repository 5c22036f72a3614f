package io.sumbin.summaries;

import java.util.List;

/**
 * An estimator of the likelihood ratio log r̂(x|θ, θ₀) = log p(x|θ)/p(x|θ₀) of normalized event
 * densities against a fixed reference θ₀ (arXiv:1805.00020, 1805.12244).
 */
public interface RatioEstimator extends SavedModel {

  /** Names of the parameters θ. */
  List<String> parameterNames();

  /** The reference point θ₀ (a copy). */
  double[] referencePoint();

  /**
   * log r̂(x_i|θ, θ₀) for all events, computed in batches.
   *
   * @param theta one value per parameter (read)
   */
  double[] logRatio(FeatureMatrix x, double[] theta);
}
