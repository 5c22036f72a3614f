/**
 * Toy simulators with known likelihoods (Gaussian EFT toy with exact weights, Gaussian mixtures,
 * interference, quadratic rate toys, unbinned toys) used by the demo, the examples and the tests as
 * exact references. May import the library modules.
 */
package io.sumbin.examples.toys;
