/**
 * Derivative learning (SALLY / RASCAL-style regression of the score, Brehmer et al., arXiv:1805.00020): the
 * joint labels R_i = ∂r/∂c_i, R_ij = ∂²r/∂c_i∂c_j from polynomial weights
 * ({@link io.sumbin.summaries.derivative.DerivativeLabels}), fractional smearing of outlier labels, the
 * trainer ({@link io.sumbin.summaries.derivative.DerivativeLearning}) and the trained per-event summary
 * ({@link io.sumbin.summaries.derivative.DerivativeSummary}). May import the root package, weights,
 * persistence and nn; DJL stays out of its public API.
 */
package io.sumbin.summaries.derivative;
