package io.sumbin.histmodel.parallel;

import io.sumbin.histmodel.progress.ProgressListener;
import java.util.List;

/**
 * A runner that reports its units to a {@link ProgressListener}: every {@link #run} is a task named after
 * the work ({@link Work#name()}) with one unit of progress per finished unit, counted where results
 * arrive (on the driver for a distributed runner). Everything else — where units run, their results —
 * is the wrapped runner's.
 */
final class ProgressRunner implements WorkRunner {
  private final WorkRunner runner;
  private final ProgressListener listener;

  ProgressRunner(WorkRunner runner, ProgressListener listener) {
    this.runner = runner;
    this.listener = listener;
  }

  @Override
  public <W, R> List<R> run(Work<W, R> work, int n, ResultSink<? super R> sink) {
    listener.start(work.name(), n, "");
    try {
      return runner.run(work, n, (unit, r) -> {
        sink.accept(unit, r);
        listener.advance(1);
      });
    } finally {
      listener.done();
    }
  }

  @Override
  public int parallelism() {
    return runner.parallelism();
  }

  @Override
  public boolean local() {
    return runner.local();
  }

  @Override
  public WorkRunner withProgress(ProgressListener l) {
    return runner.withProgress(l);
  }

  @Override
  public String toString() {
    return runner.toString();
  }
}
