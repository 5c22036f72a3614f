/**
 * Pseudo-experiments: seeded, reproducible generation of main and auxiliary data, toy test-statistic
 * distributions and toy-based CLs, sharding and merging of toy journals, multi-threaded or on any
 * {@link io.sumbin.histmodel.parallel.WorkRunner}. May import everything up to {@code infer}.
 */
package io.sumbin.histmodel.infer.toys;
