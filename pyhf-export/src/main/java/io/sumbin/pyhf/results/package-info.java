/**
 * The JSON contracts of the command line's results (fit, hypotest, limit, scan, belt, coverage, toys,
 * the fit diagnostics: impacts, pulls, postfit, gof, intervals, channel compatibility, toy limits;
 * families, patch sets) as immutable report records serialised by Jackson, with non-finite numbers
 * written as JSON null ({@link io.sumbin.pyhf.results.ResultJson}). Field names are the contract of
 * DESIGN §6. May import hist-model and {@code io.sumbin.pyhf}.
 */
package io.sumbin.pyhf.results;
