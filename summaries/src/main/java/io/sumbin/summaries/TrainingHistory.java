package io.sumbin.summaries;

import java.util.Arrays;

/**
 * The loss history of a training run (stored in the model metadata and drawn by
 * {@link io.sumbin.summaries.diagnostics.Diagnostics#lossCurves}).
 *
 * @param trainLoss mean training loss of every epoch (over the epoch's mini-batches, with the weights as they moved)
 * @param validationLoss validation loss after every epoch (NaN without a validation set)
 * @param bestEpoch epoch (0-based) whose weights were kept
 * @param stoppedEarly true if training stopped on the patience criterion
 * @param seconds wall time of the training loop
 * @param trainExamples training examples per epoch
 * @param validationExamples validation examples
 * @param diverged true if a loss became NaN or infinite (training stopped; the last finite best weights are kept)
 * @param epochSeconds wall time of every epoch (training and validation; empty when unknown)
 * @param validationMetric the model-selection metric on the validation events after every epoch (higher is
 *     better, e.g. the Fisher information of the learned observable; empty when the loss selected the epoch)
 */
public record TrainingHistory(
    double[] trainLoss, double[] validationLoss, int bestEpoch, boolean stoppedEarly, double seconds,
    long trainExamples, long validationExamples, boolean diverged, double[] epochSeconds, double[] validationMetric) {

  public TrainingHistory {
    trainLoss = trainLoss.clone();
    validationLoss = validationLoss.clone();
    epochSeconds = epochSeconds.clone();
    validationMetric = validationMetric.clone();
    if (validationMetric.length != 0 && validationMetric.length != trainLoss.length) {
      throw new IllegalArgumentException("history: " + trainLoss.length + " epochs but " + validationMetric.length
          + " validation metrics");
    }
    if (epochSeconds.length != 0 && epochSeconds.length != trainLoss.length) {
      throw new IllegalArgumentException("history: " + trainLoss.length + " epochs but " + epochSeconds.length + " epoch times");
    }
    if (trainLoss.length != validationLoss.length) {
      throw new IllegalArgumentException("history: " + trainLoss.length + " training and " + validationLoss.length
          + " validation losses");
    }
  }

  /** A history selected on the validation loss (no validation metric). */
  public TrainingHistory(double[] trainLoss, double[] validationLoss, int bestEpoch, boolean stoppedEarly, double seconds,
      long trainExamples, long validationExamples, boolean diverged, double[] epochSeconds) {
    this(trainLoss, validationLoss, bestEpoch, stoppedEarly, seconds, trainExamples, validationExamples, diverged, epochSeconds,
        new double[0]);
  }

  @Override
  public double[] validationMetric() {
    return validationMetric.clone();
  }

  /** Whether a validation metric (not the loss) selected the kept epoch. */
  public boolean selectedOnMetric() {
    return validationMetric.length > 0;
  }

  /** The validation metric of the kept epoch (NaN when the loss selected it). */
  public double bestMetric() {
    return validationMetric.length > 0 ? validationMetric[bestEpoch] : Double.NaN;
  }

  @Override
  public double[] trainLoss() {
    return trainLoss.clone();
  }

  @Override
  public double[] validationLoss() {
    return validationLoss.clone();
  }

  @Override
  public double[] epochSeconds() {
    return epochSeconds.clone();
  }

  /** Number of epochs run. */
  public int epochs() {
    return trainLoss.length;
  }

  /** Training throughput: examples per second per epoch (wall time of the loop, validation included). */
  public double examplesPerSecond() {
    return seconds > 0 ? trainExamples * (double) epochs() / seconds : Double.NaN;
  }

  /** Validation loss of the kept epoch (training loss when there is no validation set). */
  public double bestLoss() {
    double v = validationLoss[bestEpoch];
    return Double.isNaN(v) ? trainLoss[bestEpoch] : v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingHistory h && Arrays.equals(h.trainLoss, trainLoss)
        && Arrays.equals(h.validationLoss, validationLoss) && h.bestEpoch == bestEpoch && h.stoppedEarly == stoppedEarly;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(trainLoss);
  }

  @Override
  public String toString() {
    return "TrainingHistory[" + epochs() + " epochs, best " + bestEpoch + " (loss " + bestLoss() + ")"
        + (stoppedEarly ? ", stopped early" : "") + (diverged ? ", DIVERGED" : "") + ", " + String.format(java.util.Locale.ROOT, "%.1f s", seconds) + "]";
  }
}
