/**
 * Not sumbin's package: one shim class that needs parquet-java's package-private access
 * ({@link org.apache.parquet.SumbinReadOptions}); used only by {@code io.sumbin.binning.source}.
 */
package org.apache.parquet;
