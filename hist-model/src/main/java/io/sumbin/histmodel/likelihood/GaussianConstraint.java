package io.sumbin.histmodel.likelihood;

/**
 * A Gaussian constraint term N(a | θ_p, σ): the auxiliary datum {@code a = data[nMain + aux]} is
 * normally distributed around parameter {@code parameter} with width {@code sigma}.
 */
public record GaussianConstraint(int parameter, int aux, double sigma) {}
