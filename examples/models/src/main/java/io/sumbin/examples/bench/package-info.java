/**
 * Benchmark harnesses (fits and toys against pyhf's timings, unbinned likelihood, training ablations)
 * that return records; the {@code sumbin bench} command renders them. May import the library modules
 * and {@code io.sumbin.examples.toys}, never the command line.
 */
package io.sumbin.examples.bench;
