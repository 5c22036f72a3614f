package io.sumbin.histmodel.modifier;

/** How a parameter set is constrained by auxiliary data (pyhf paramset types). */
public enum Constraint {
  /** Free parameter ({@code unconstrained}). */
  NONE,
  /** Gaussian N(a | θ, σ) ({@code constrained_by_normal}). */
  NORMAL,
  /** Poisson Pois(a | γ·τ) with a = τ by default ({@code constrained_by_poisson}). */
  POISSON
}
