package io.sumbin.binning.source;

import io.sumbin.histmodel.util.RecordText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a file holds, read from its header or metadata (for Parquet and HDF5 without reading events;
 * CSV and LHE are scanned once).
 *
 * @param file the file
 * @param format "lhe", "parquet", "csv" or "hdf5"
 * @param events number of events
 * @param columns every column of the file with its stored type (e.g. "double", "float", "int64")
 * @param observables the columns read as observables
 * @param weightColumn the column holding the nominal weight, or {@code null} (all weights 1)
 * @param weightIds EFT weight ids (reweighting points or benchmarks)
 * @param parameters parameter names the benchmark values refer to (may be empty)
 * @param benchmarkValues declared parameter values per weight id (may be empty)
 * @param morphing MadMiner morphing, if declared
 */
public record SourceInfo(Path file, String format, long events, List<ColumnInfo> columns, List<String> observables,
    String weightColumn, List<String> weightIds, List<String> parameters, Map<String, double[]> benchmarkValues,
    Optional<MadMinerMorphing> morphing) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** One stored column: name and type as the file declares it. */
  public record ColumnInfo(String name, String type) {}
}
