/**
 * The weight algebra shared by summaries and eft: per-event weights w(x|θ) that depend on parameters
 * ({@link io.sumbin.summaries.weights.ParametrizedWeights}), the one polynomial basis of monomials in θ
 * ({@link io.sumbin.summaries.weights.PolynomialBasis}) with per-event coefficients
 * ({@link io.sumbin.summaries.weights.PolynomialWeights}: w(x|θ) = Σ_k f_k(θ) T_k(x)), and the one morphing
 * solver ({@link io.sumbin.summaries.weights.Morphing}: T_k from weights at basis points, arXiv:1805.00013 Sec. 4.2).
 * The bottom of the module: imports nothing of sumbin (and no DJL).
 */
package io.sumbin.summaries.weights;
