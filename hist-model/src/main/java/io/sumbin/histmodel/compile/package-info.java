/**
 * A model specification compiled once into flat arrays: expected yields, the negative log-likelihood
 * n·ln ν − ν − lnΓ(n+1) plus constraint terms, its analytic gradient and exact or Fisher Hessian,
 * evaluated without allocation into caller-owned arrays ({@link io.sumbin.histmodel.compile.CompiledModel},
 * {@link io.sumbin.histmodel.compile.NllObjective}). May import {@code util}, {@code interp}, {@code spec},
 * {@code modifier}, {@code likelihood}.
 */
package io.sumbin.histmodel.compile;
