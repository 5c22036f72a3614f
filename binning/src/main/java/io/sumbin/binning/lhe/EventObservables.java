package io.sumbin.binning.lhe;

import java.util.List;

/**
 * A fixed list of per-event observables computed from an {@link LheEvent}; becomes the columns of
 * the event table. Observables of objects an event does not have (a second jet, ...) are NaN.
 */
public interface EventObservables {
  /** Column names, in the order {@link #compute} writes them. */
  List<String> names();

  /**
   * Computes the observables of one event.
   *
   * @param out length ≥ {@code names().size()} (written)
   */
  void compute(LheEvent event, double[] out);
}
