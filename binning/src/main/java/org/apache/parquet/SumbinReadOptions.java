package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * sumbin shim (not part of parquet-java): builds {@link ParquetReadOptions} without Hadoop. Every
 * public route to the options in parquet-java 1.17 (the builders) loads Hadoop's {@code FileInputFormat}
 * to read a record filter from the configuration; the package-private constructor does not. All
 * filters are off (sumbin reads whole columns), pages are decompressed by the given codec factory.
 * Checked against parquet-java {@code 1.17.x}; the constructor signature is pinned by the compiler.
 */
public final class SumbinReadOptions {
  private SumbinReadOptions() {}

  /** Options with all filters off, heap buffers, and {@code codecs} for decompression. */
  public static ParquetReadOptions create(CompressionCodecFactory codecs) {
    return new ParquetReadOptions(false, false, false, false, false, false, false, false, false, FilterCompat.NOOP,
        ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(), 8 << 20, new HashMap<>(), null,
        null, new PlainParquetConfiguration());
  }
}
