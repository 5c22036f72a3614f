package io.sumbin.histmodel.parallel;

import io.sumbin.histmodel.progress.ProgressListener;
import java.util.List;

/**
 * Runs the units 0..n−1 of a {@link Work}. A runner decides where and in which order units run,
 * never what they compute: for the same work every runner returns the same results.
 *
 * <pre>{@code
 * List<ToyResult> r = WorkRunner.threads(8).run(work, n);   // this JVM, 8 threads
 * }</pre>
 */
public interface WorkRunner {
  /**
   * Runs units 0..n−1, passing each result to {@code sink} as it arrives, and returns all results in
   * unit order. The first exception thrown by a unit stops the run and is rethrown as it was
   * (unchecked exceptions and errors unchanged).
   */
  <W, R> List<R> run(Work<W, R> work, int n, ResultSink<? super R> sink);

  /** {@link #run(Work, int, ResultSink)} without a sink. */
  default <W, R> List<R> run(Work<W, R> work, int n) {
    return run(work, n, ResultSink.none());
  }

  /**
   * How many units run at the same time: threads, or the cores of a cluster. Work that can itself run
   * in parallel (a study cell's scan points) uses it to share threads out; it never changes a result.
   */
  int parallelism();

  /** Whether units run in this JVM (the work is not copied; results may share objects with it). */
  default boolean local() {
    return true;
  }

  /**
   * This runner reporting every run to {@code listener}: a task named after the work with one unit per
   * finished unit (counted where the results arrive; on the driver for Spark). Results are unchanged.
   *
   * @param listener where progress goes ({@link ProgressListener#NONE}: this runner itself)
   * @return the reporting runner
   */
  default WorkRunner withProgress(ProgressListener listener) {
    return listener == null || listener == ProgressListener.NONE ? this : new ProgressRunner(this, listener);
  }

  /** The default runner: {@code threads} threads of this JVM (today's behaviour of every parallel entry point). */
  static WorkRunner threads(int threads) {
    return new ThreadRunner(threads);
  }
}
