/**
 * The Spark work runner behind {@code --engine spark}: units of work of hist-model's {@code parallel}
 * package executed as Spark tasks, with the threads engine's results. Spark is {@code provided}: the
 * command line loads this runner by name only when Spark is on the classpath. May import hist-model
 * and Spark.
 */
package io.sumbin.spark;
