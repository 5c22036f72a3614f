/**
 * The likelihood contract shared by the compiled models and the minimiser, with no dependency on
 * either: a smooth {@link io.sumbin.histmodel.likelihood.Objective} (value, analytic gradient,
 * exact and Fisher Hessians), its data-bound form {@link io.sumbin.histmodel.likelihood.DataObjective},
 * the {@link io.sumbin.histmodel.likelihood.LikelihoodModel} that fits and inference consume, the
 * constraint terms pseudo-experiments fluctuate, and the block-sparse Hessian of bin-local parameters
 * ({@link io.sumbin.histmodel.likelihood.BlockStructure}, {@link io.sumbin.histmodel.likelihood.BlockHessian})
 * that the evaluators write and the minimiser solves.
 *
 * <p>Layering inside hist-model (each package uses only those before it; checked by hist-model's
 * {@code LayeringTest}):
 * {@code util, interp → spec → modifier → likelihood → compile → fit → infer → infer.toys →
 * infer.neyman → family, unbinned}; this package itself uses only {@code util} (linear algebra).
 */
package io.sumbin.histmodel.likelihood;
