package io.sumbin.binning.source;

import io.sumbin.binning.EventTable;

/**
 * A file read in chunks: each {@link #next()} returns the next events as an {@link EventTable} with the
 * columns of {@link EventSample} (requested observables, nominal weight, {@code rwgt_<id>} columns).
 * Memory is one chunk (a Parquet row group, or {@link ReadOptions#chunkEvents} rows), independent of
 * the file's size. Not thread-safe; close it.
 */
public interface EventStream extends AutoCloseable {
  /** The file's description (columns, weights, benchmarks, number of events). */
  SourceInfo info();

  /**
   * The next chunk, or {@code null} at the end of the file.
   *
   * @throws EventFormatException if the file is truncated or a value cannot be read
   */
  EventTable next();

  @Override
  void close();
}
