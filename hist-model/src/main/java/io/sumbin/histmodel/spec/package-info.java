/**
 * Immutable model specifications that mirror pyhf's JSON 1.0.0: workspaces, measurements, channels,
 * samples, modifiers, parameter settings and observations, plus sumbin's POI-dependent sample terms
 * ({@link io.sumbin.histmodel.spec.Coefficient}, {@link io.sumbin.histmodel.spec.YieldTerm}) and the one
 * small example model used across Javadoc, README and tests ({@link io.sumbin.histmodel.spec.ExampleModels}).
 * Inconsistent specifications throw {@link io.sumbin.histmodel.spec.SpecException} with a JSON path.
 * May import {@code interp} (interpolation codes) and the root error hierarchy.
 */
package io.sumbin.histmodel.spec;
