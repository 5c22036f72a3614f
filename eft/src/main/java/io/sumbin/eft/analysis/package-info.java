/**
 * Real EFT analyses: an analysis description ({@link io.sumbin.eft.analysis.AnalysisSpec}, read from JSON validated
 * by a bundled schema by {@link io.sumbin.eft.analysis.AnalysisReader}, or built in Java) of processes (event samples
 * whose weights are quadratic, linear or independent of the Wilson coefficients) × regions (selection, observable —
 * a column or expression, the truth-optimal or a learned per-point observable — and binning) × systematics
 * (normalisations, weight variations, event variations evaluated through each region's observable at every scan
 * point, MC statistics) × data (Asimov, pseudo-data from an independent sample, observed events or counts) × scans,
 * and its runner ({@link io.sumbin.eft.analysis.AnalysisRun}): per-point multi-channel multi-sample model families
 * (arXiv:2410.07315 for the per-point learned observables), fits, intervals, Fisher information with errors,
 * nuisance parameters, pyhf export.
 *
 * <p>May import hist-model, pyhf-export, binning, summaries and the rest of eft.
 */
package io.sumbin.eft.analysis;
