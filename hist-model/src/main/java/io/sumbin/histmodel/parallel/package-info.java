/**
 * Where independent units of work run. The parallel entry points of the library — toy blocks
 * ({@link io.sumbin.histmodel.infer.toys.ToyRunner}), Neyman belt points, coverage experiments,
 * family points, patch-set points, study cells — describe their units as a {@link
 * io.sumbin.histmodel.parallel.Work}: a serializable value (models, arrays, settings) and a function
 * of the unit index whose result depends on nothing else. A {@link
 * io.sumbin.histmodel.parallel.WorkRunner} decides only where and in which order the units run: the
 * default {@link io.sumbin.histmodel.parallel.ThreadRunner} on this JVM's threads, a distributed
 * runner (the Spark runner of the command line) on other JVMs, which receive the work through
 * {@link io.sumbin.histmodel.parallel.Portable} (models travel as their specifications). Results are
 * therefore the same for every runner, bit for bit.
 */
package io.sumbin.histmodel.parallel;
