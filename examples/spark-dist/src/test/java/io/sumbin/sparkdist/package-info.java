/**
 * Tests of {@code sumbin.jar} on the classpath a Spark 3.5 / Scala 2.13 distribution provides: Spark's jars
 * at the versions Spark's own build pins ({@code spark-parent_2.13} imported as a BOM), sumbin.jar run in
 * child JVMs under spark-submit and on one classpath in either order, and the jar's relocated (shaded)
 * libraries checked against Spark's.
 */
package io.sumbin.sparkdist;
