package io.sumbin.spark;

/**
 * The Spark engine could not finish a run for a reason outside the work itself: the cluster could not
 * be reached, the application was killed, a task failed more often than Spark retries it. (A unit that
 * throws is rethrown as it was, not wrapped in this.) No Spark type appears here, so the command line
 * can name it without loading Spark.
 */
public final class SparkEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SparkEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
