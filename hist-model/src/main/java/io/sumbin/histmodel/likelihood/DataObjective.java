package io.sumbin.histmodel.likelihood;

/** An {@link Objective} −ln L bound to a dataset that can be re-targeted (pseudo-experiments). */
public interface DataObjective extends Objective {
  /** Re-targets at another dataset of the same model (read, not copied). */
  void setData(double[] data);

  /** The current dataset. */
  double[] data();
}
