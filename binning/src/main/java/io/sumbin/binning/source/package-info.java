/**
 * Event sources beyond LHE: Parquet and CSV tables and MadMiner HDF5 files, read behind one
 * interface shared with the LHE reader ({@link io.sumbin.binning.source.EventSources#read}).
 *
 * <p>Every source gives an {@link io.sumbin.binning.source.EventSample}: an
 * {@link io.sumbin.binning.EventTable} with one column per observable, the nominal weight w_i (pb per
 * event, Σ w_i = σ) and one double column {@code rwgt_<id>} per EFT weight (a reweighting point or a
 * benchmark, same convention as {@link io.sumbin.binning.lhe.LheSample}), plus what the file declares
 * about the weights: benchmark parameter values and, for MadMiner files, the morphing components and
 * matrix. Large files are read as a {@link io.sumbin.binning.source.EventStream} of chunks (Parquet row
 * groups, blocks of CSV lines or HDF5 rows), reading only the requested observable columns.
 *
 * <p>Libraries: parquet-java without Hadoop ({@code LocalInputFile}, column readers, no record
 * assembly), Jackson's CSV parser, jhdf (pure-Java HDF5 reader and writer). May import
 * {@code io.sumbin.binning}, {@code io.sumbin.binning.lhe} and {@code io.sumbin.histmodel}.
 */
package io.sumbin.binning.source;
