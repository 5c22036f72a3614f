package io.sumbin.binning.source;

import java.util.List;
import java.util.Set;

/**
 * Options of {@link EventSources#open} and {@link EventSources#read}.
 *
 * @param observables the observable columns to read ({@code null}: all); the nominal weight and the EFT
 *     weights are always read
 * @param chunkEvents events per chunk for CSV and HDF5 (Parquet chunks are row groups)
 * @param process the process label, or {@code null} for the file name without extension
 */
public record ReadOptions(Set<String> observables, int chunkEvents, String process) {
  /** All columns, 65 536 events per chunk, label from the file name. */
  public static final ReadOptions DEFAULT = new ReadOptions(null, 1 << 16, null);

  public ReadOptions {
    if (chunkEvents < 1) {
      throw new IllegalArgumentException("chunkEvents must be >= 1, got " + chunkEvents);
    }
    observables = observables == null ? null : Set.copyOf(observables);
  }

  /** Only these observable columns (a missing one is an error naming the file). */
  public ReadOptions withObservables(List<String> names) {
    return new ReadOptions(Set.copyOf(names), chunkEvents, process);
  }

  public ReadOptions withChunkEvents(int n) {
    return new ReadOptions(observables, n, process);
  }

  public ReadOptions withProcess(String p) {
    return new ReadOptions(observables, chunkEvents, p);
  }

  boolean wants(String observable) {
    return observables == null || observables.contains(observable);
  }
}
