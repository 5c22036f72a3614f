/**
 * SMEFT analyses: per-event quadratic weights w(c)/w_SM = θᵀA(x)θ from reweighting points
 * ({@link io.sumbin.eft.EftEvents}), observables (columns, the truth-optimal observable, learned
 * summaries), the Fisher information with errors, the {@link io.sumbin.eft.EftAnalysis} facade from
 * events to per-point families, intervals and limits, and the five-way comparison of learned and
 * classical analyses. Multi-process, multi-region analyses with systematics and data, described in JSON or
 * Java, live in {@code io.sumbin.eft.analysis}. May import every library module (hist-model, pyhf-export,
 * binning, summaries).
 */
package io.sumbin.eft;
