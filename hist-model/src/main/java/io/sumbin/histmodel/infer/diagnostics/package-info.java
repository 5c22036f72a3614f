/**
 * Fit diagnostics on top of the fits and tests of {@code infer}: what a reviewer asks of a fit
 * before trusting a limit (CMS Combine's FitDiagnostics / Impacts / GoodnessOfFit /
 * ChannelCompatibilityCheck / MultiDimFit {@code --algo singles} / HybridNew, cabinetry's
 * {@code fit.ranking}, {@code visualize.data_mc}, {@code tabulate.yields}).
 *
 * <ul>
 *   <li>{@link io.sumbin.histmodel.infer.diagnostics.Priors}: the pre-fit centre and width of every
 *       constrained parameter, read from its constraint term;
 *   <li>{@link io.sumbin.histmodel.infer.diagnostics.Pulls}: pulls and constraints;
 *   <li>{@link io.sumbin.histmodel.infer.diagnostics.Impacts}: the POI shift when one nuisance
 *       parameter is held at ±1 post-/pre-fit σ and the rest refitted, ranked, parallel over
 *       parameters on a {@link io.sumbin.histmodel.parallel.WorkRunner};
 *   <li>{@link io.sumbin.histmodel.infer.diagnostics.Yields}: pre- and post-fit yields per channel,
 *       sample and bin with the total uncertainty propagated with the full covariance;
 *   <li>{@link io.sumbin.histmodel.infer.diagnostics.SaturatedGof}: the saturated-model goodness of
 *       fit with toys;
 *   <li>{@link io.sumbin.histmodel.infer.diagnostics.ChannelCompatibility}: one POI per channel
 *       against a common one;
 *   <li>{@link io.sumbin.histmodel.infer.diagnostics.ProfileIntervals}: profile-likelihood intervals
 *       of many parameters in parallel;
 *   <li>{@link io.sumbin.histmodel.infer.diagnostics.ToyUpperLimit}: toy-based CLs limits that add
 *       toys until the CLs error near the crossing is below a target.
 * </ul>
 *
 * <p>{@link io.sumbin.histmodel.infer.diagnostics.Diagnostics} is the one entry point that ties them
 * to a model, a dataset, fit options and a runner. May import {@code util}, {@code spec},
 * {@code modifier}, {@code likelihood}, {@code compile}, {@code fit}, {@code parallel}, {@code infer}
 * and {@code infer.toys}; only {@code family} (the diagnostics of one scan point) imports it.
 */
package io.sumbin.histmodel.infer.diagnostics;
