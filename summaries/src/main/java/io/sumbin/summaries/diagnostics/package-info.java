/**
 * Diagnostics plots with JFreeChart: loss curves, learned-versus-true scatter and calibration of ratio
 * estimators ({@link io.sumbin.summaries.diagnostics.Diagnostics}). May import the root package and
 * weights; no DJL.
 */
package io.sumbin.summaries.diagnostics;
