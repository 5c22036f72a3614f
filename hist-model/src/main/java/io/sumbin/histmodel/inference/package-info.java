/**
 * The inference facade: the one place where a fitter, a calculator and a test statistic are
 * assembled for a model and its data. Callers (the command line, the EFT facade, patch sets, model
 * families) describe <em>what</em> is inferred with an {@link io.sumbin.histmodel.inference.InferenceProblem}
 * (model, data, fit options) and <em>how</em> with an {@link io.sumbin.histmodel.inference.InferenceOptions}
 * (test statistic, asymptotic or toy calculator, toy settings, work runner), and call one method of
 * {@link io.sumbin.histmodel.inference.InferenceFacade}: a fit, a hypothesis test, an upper limit,
 * a 1-D or 2-D profile scan, an Asimov dataset, a Neyman belt, a coverage study, a toy calculator.
 * {@link io.sumbin.histmodel.inference.Sumbin} does the common cases in one call with every setting
 * from the model (pyhf's defaults: {@code Sumbin.fit(ws)}, {@code Sumbin.hypotest(ws, mu)},
 * {@code Sumbin.upperLimit(ws)}).
 *
 * <p>The results are the engine's own immutable records ({@code fit.FitResult},
 * {@code infer.HypoTestResult}, {@code infer.UpperLimit}, {@code infer.ProfileScan},
 * {@code infer.neyman.ConfidenceBelt}, ...), bundled with what a caller needs beside them in the
 * small run records of this package ({@link io.sumbin.histmodel.inference.HypotestRun},
 * {@link io.sumbin.histmodel.inference.LimitRun}, {@link io.sumbin.histmodel.inference.CoverageRun}).
 * Their {@code summary()} methods print them for people (best fit ± error per parameter, CLs with
 * its expected band, the limit with its band); their {@code toString()} prints arrays as values.
 * Input that cannot be used (no POI, a fixed POI, a value outside a parameter's bounds, an unknown
 * parameter name) throws {@link io.sumbin.histmodel.BadInputException} with one line naming the
 * option or parameter.
 *
 * <p>May import: every earlier stage of the pipeline ({@code util} … {@code infer.neyman},
 * {@code parallel}); used by {@code family}, {@code unbinned} and every other module. It may not
 * import {@code family} or {@code unbinned} (they come after it).
 */
package io.sumbin.histmodel.inference;
