package io.sumbin.histmodel.likelihood;

/**
 * A Poisson constraint term Pois(a | γ_p τ) (pyhf's {@code shapesys}): the auxiliary datum
 * {@code a = data[nMain + aux]} is Poisson distributed with mean γ_p·τ.
 */
public record PoissonConstraint(int parameter, int aux, double tau) {}
