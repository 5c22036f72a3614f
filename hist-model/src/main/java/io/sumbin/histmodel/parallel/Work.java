package io.sumbin.histmodel.parallel;

import java.io.Serializable;

/**
 * A batch of independent units 0..n−1 (n is given to the runner). Unit i's result depends only on
 * this value and i — random streams are seeded by the index — so any runner, any number of threads
 * or machines and any retry of a lost unit give the same result.
 *
 * <p>Implementations are immutable values (records of models, arrays, lists, settings) and thread-safe:
 * units run concurrently, each thread with its own worker state from {@link #newWorker()}. They are
 * {@link Serializable} so that a distributed runner can ship them: {@link Portable} writes compiled
 * models as their specifications and records by their components.
 *
 * @param <W> per-thread state (fitters, scratch buffers; {@code Void} when none)
 * @param <R> the result of one unit
 */
public interface Work<W, R> extends Serializable {
  /** Fresh per-thread state, made on the thread (and the JVM) that runs the units. */
  W newWorker();

  /** Runs unit {@code unit} with this thread's state. */
  R run(W worker, int unit);

  /**
   * How many consecutive units a thread takes at a time (small for short units, to share the work
   * out evenly; 1 for long ones). Never changes a result.
   */
  default int chunk() {
    return 1;
  }

  /** A short description for thread names, progress and the Spark UI. */
  default String name() {
    return getClass().getSimpleName();
  }
}
