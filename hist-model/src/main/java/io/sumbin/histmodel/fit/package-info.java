/**
 * Maximum-likelihood fits: a bounded Newton minimiser with line search and block-sparse Hessian
 * solves that works on any {@link io.sumbin.histmodel.likelihood.Objective}, and the fit results
 * (best fit, uncertainties and covariance from the Hessian, convergence flags). Uses only
 * {@code likelihood} and {@code util}: it never sees a compiled model.
 */
package io.sumbin.histmodel.fit;
