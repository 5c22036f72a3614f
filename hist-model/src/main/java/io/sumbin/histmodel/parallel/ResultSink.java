package io.sumbin.histmodel.parallel;

/**
 * Receives each unit's result as soon as it exists — e.g. a toy journal that makes a run resumable.
 * A runner calls it one call at a time (never concurrently), in no particular order of units.
 */
@FunctionalInterface
public interface ResultSink<R> {
  /** Nothing to do with results as they arrive. */
  static <R> ResultSink<R> none() {
    return (unit, r) -> { };
  }

  void accept(int unit, R result);
}
