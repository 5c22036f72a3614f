/**
 * Events to histograms: columnar weighted {@link io.sumbin.binning.EventTable}s, weighted
 * {@link io.sumbin.binning.Histogram}s with Σw and Σw², {@link io.sumbin.binning.BinningStrategy
 * binning strategies} (uniform, equal-yield quantiles, minimum MC statistics), per-scan-point
 * binning for observables O_θ′(x) ({@link io.sumbin.binning.ScanPointBinning}), summed vector
 * summaries ({@link io.sumbin.binning.SummedSummary}) and the conversion of histograms to
 * HistFactory samples ({@link io.sumbin.binning.ChannelBuilder}). The LHE reader lives in
 * {@code io.sumbin.binning.lhe}.
 */
package io.sumbin.binning;
