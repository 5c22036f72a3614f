package io.sumbin.summaries;

/**
 * A model-selection metric evaluated on the validation events after every training epoch; the epoch with the
 * highest value is kept and the patience criterion counts epochs without a new best value. Use it to select and
 * stop on what the analysis needs — e.g. the Fisher information of the binned learned observable — rather
 * than on the regression loss, which barely moves when the labels are noisy.
 */
@FunctionalInterface
public interface ValidationMetric {
  /**
   * The score of the current network (higher is better; NaN counts as worst).
   *
   * @param rows indices of the validation events in the events the training was called with (read)
   * @param outputs the network outputs on those events in label units, {@code [output][row]} (read)
   */
  double score(int[] rows, double[][] outputs);
}
