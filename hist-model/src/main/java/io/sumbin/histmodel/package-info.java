/**
 * The statistical engine of sumbin: HistFactory-style binned likelihoods with pyhf's semantics,
 * POI-dependent samples, per-scan-point model families and the unbinned likelihood. The root package
 * holds only the error hierarchy every module extends: {@link io.sumbin.histmodel.SumbinException},
 * with {@link io.sumbin.histmodel.BadInputException} (exit code 2 on the command line) and
 * {@link io.sumbin.histmodel.NumericalFailureException} (exit code 3).
 *
 * <p>The packages follow the pipeline, each using only those before it (checked by hist-model's
 * {@code LayeringTest}): {@code util, interp → spec → modifier → likelihood → compile → fit, parallel → infer → infer.toys → infer.neyman → inference → family, unbinned}, where {@code inference} is the facade
 * that assembles fitter, calculator and statistic for every caller. The root package imports nothing of sumbin; hist-model imports no
 * other sumbin module and no library beyond Hipparchus and Jackson's streaming core.
 */
package io.sumbin.histmodel;
