package io.sumbin.histmodel.progress;

/**
 * Receives the progress of long work: a task starts with a total, advances, and is done. Tasks nest
 * (a task started before the current one is done is its sub-task, e.g. the toys of a belt point
 * inside the belt), in stack order: {@link #start} and {@link #done} come in matching pairs from the
 * thread that runs the work, while {@link #advance} and {@link #note} may come from any thread.
 * Implementations are thread-safe; every method has a no-op default, and {@link #NONE} ignores
 * everything (the default of every option that takes a listener).
 *
 * <pre>{@code
 * listener.start("toys", 4000, "toys");
 * for (...) { ...; listener.advance(1); }
 * listener.done();
 * }</pre>
 */
public interface ProgressListener {
  /** The listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {
    @Override
    public String toString() {
      return "ProgressListener.NONE";
    }
  };

  /**
   * A task begins (nested inside the current task, if one is open).
   *
   * @param task a short label ("toys", "belt-points", "train carl")
   * @param total units of work, or 0 when unknown
   * @param unit what a unit is, for display ("toys", "epochs"; empty for none)
   */
  default void start(String task, long total, String unit) {
  }

  /**
   * {@code n} more units of the current task are done.
   *
   * @param n units done since the last call
   */
  default void advance(long n) {
  }

  /**
   * {@code n} more units are done, with a new status: {@link #advance(long)} and {@link #note(String)} as one
   * update.
   *
   * @param n units done since the last call
   * @param text one line, or null
   */
  default void advance(long n, String text) {
    note(text);
    advance(n);
  }

  /**
   * A short status of the current task shown after its count (a loss, a phase); null clears it.
   *
   * @param text one line
   */
  default void note(String text) {
  }

  /** The current task is done (its parent, if any, becomes current again). */
  default void done() {
  }

  /**
   * {@code listener}, or {@link #NONE} for null.
   *
   * @param listener a listener or null
   * @return never null
   */
  static ProgressListener orNone(ProgressListener listener) {
    return listener != null ? listener : NONE;
  }
}
