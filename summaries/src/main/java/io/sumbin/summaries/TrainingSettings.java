package io.sumbin.summaries;

import io.sumbin.histmodel.progress.ProgressListener;
import io.sumbin.histmodel.progress.TextProgress;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Hyperparameters of a training run: a fully connected network (hidden layer widths and activation)
 * trained with Adam (Kingma and Ba, arXiv:1412.6980) on shuffled mini-batches, with a seeded
 * train/validation split and early stopping on the validation loss (the weights of the best epoch are
 * kept). Same seed, same data and one intra-op thread → bit-identical weights.
 * Immutable; change with the {@code withX} copies.
 *
 * @param hidden widths of the hidden layers (at least one layer)
 * @param activation hidden-layer activation
 * @param batchSize mini-batch size
 * @param learningRate Adam step size
 * @param learningRateDecay factor applied to the step size after every epoch (1 = constant)
 * @param maxEpochs maximal number of epochs
 * @param patience stop after this many epochs without a new best validation loss
 * @param validationFraction fraction of events held out for validation (0 ≤ f &lt; 1; 0 disables early stopping)
 * @param seed seed of the split, the initial weights, the shuffling and the parameter draws
 * @param progress report progress (epochs and the loss): to {@code listener}, or without one as text on stderr
 * @param inferenceBatch events per batch in inference
 * @param encoding how the network sees its inputs ({@link InputEncoding}; standardization by default)
 * @param encodingBins quantile bins per feature of the piecewise-linear encoding (≥ 2; unused otherwise)
 * @param labelClip derivative learning: fraction of the training labels winsorized at each tail, in [0, 0.25)
 *     (0 = none). A biased but much less noisy target where a few events carry huge labels; binned
 *     observables only need the ordering of the learned values.
 * @param listener where the epochs are reported when {@code progress} is on ({@link ProgressListener#NONE}:
 *     a text renderer on stderr); not a hyperparameter (ignored by {@code equals})
 */
public record TrainingSettings(
    int[] hidden,
    Activation activation,
    int batchSize,
    double learningRate,
    double learningRateDecay,
    int maxEpochs,
    int patience,
    double validationFraction,
    long seed,
    boolean progress,
    int inferenceBatch,
    InputEncoding encoding,
    int encodingBins,
    double labelClip,
    ProgressListener listener) {

  /** The standard network and schedule: 3 × 64 SiLU, batch 256, Adam 1e-3, ≤ 100 epochs, patience 10. */
  public static final TrainingSettings DEFAULT =
      new TrainingSettings(new int[] {64, 64, 64}, Activation.SILU, 256, 1e-3, 1.0, 100, 10, 0.2, 42L, false, 16384,
          InputEncoding.STANDARD, 16, 0.0, ProgressListener.NONE);

  /** The settings without a progress listener (text on stderr when {@code progress} is on). */
  public TrainingSettings(int[] hidden, Activation activation, int batchSize, double learningRate, double learningRateDecay,
      int maxEpochs, int patience, double validationFraction, long seed, boolean progress, int inferenceBatch,
      InputEncoding encoding, int encodingBins, double labelClip) {
    this(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience, validationFraction, seed,
        progress, inferenceBatch, encoding, encodingBins, labelClip, ProgressListener.NONE);
  }

  /** The settings of the version-1 constructor with standardized inputs and unclipped labels. */
  public TrainingSettings(int[] hidden, Activation activation, int batchSize, double learningRate, double learningRateDecay,
      int maxEpochs, int patience, double validationFraction, long seed, boolean progress, int inferenceBatch) {
    this(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience, validationFraction, seed,
        progress, inferenceBatch, InputEncoding.STANDARD, 16, 0.0);
  }

  /** Hidden-layer activations. */
  public enum Activation {
    RELU, TANH, SILU, SOFTPLUS
  }

  public TrainingSettings {
    hidden = hidden.clone();
    listener = ProgressListener.orNone(listener);
    if (hidden.length == 0) {
      throw new io.sumbin.histmodel.BadInputException("need at least one hidden layer");
    }
    for (int h : hidden) {
      if (h < 1) {
        throw new io.sumbin.histmodel.BadInputException("hidden layer widths must be >= 1, got " + Arrays.toString(hidden));
      }
    }
    if (activation == null) {
      throw new io.sumbin.histmodel.BadInputException("activation must not be null");
    }
    if (batchSize < 1) {
      throw new io.sumbin.histmodel.BadInputException("batch size must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new io.sumbin.histmodel.BadInputException("learning rate must be positive and finite, got " + learningRate);
    }
    if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
      throw new io.sumbin.histmodel.BadInputException("learning-rate decay must be in (0, 1], got " + learningRateDecay);
    }
    if (maxEpochs < 1) {
      throw new io.sumbin.histmodel.BadInputException("max epochs must be >= 1, got " + maxEpochs);
    }
    if (patience < 1) {
      throw new io.sumbin.histmodel.BadInputException("patience must be >= 1, got " + patience);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new io.sumbin.histmodel.BadInputException("validation fraction must be in [0, 1), got " + validationFraction);
    }
    if (inferenceBatch < 1) {
      throw new io.sumbin.histmodel.BadInputException("inference batch must be >= 1, got " + inferenceBatch);
    }
    if (encoding == null) {
      throw new io.sumbin.histmodel.BadInputException("input encoding must not be null");
    }
    if (encodingBins < 2) {
      throw new io.sumbin.histmodel.BadInputException("encoding bins must be >= 2, got " + encodingBins);
    }
    if (!(labelClip >= 0 && labelClip < 0.25)) {
      throw new io.sumbin.histmodel.BadInputException("label clip fraction must be in [0, 0.25), got " + labelClip);
    }
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  public TrainingSettings withHidden(int... h) {
    return new TrainingSettings(h, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withActivation(Activation a) {
    return new TrainingSettings(hidden, a, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withBatchSize(int b) {
    return new TrainingSettings(hidden, activation, b, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withLearningRate(double lr) {
    return new TrainingSettings(hidden, activation, batchSize, lr, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withLearningRateDecay(double d) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, d, maxEpochs, patience,
        validationFraction, seed, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withMaxEpochs(int e) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, e, patience,
        validationFraction, seed, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withPatience(int p) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, p,
        validationFraction, seed, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withValidationFraction(double f) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        f, seed, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withSeed(long s) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, s, progress, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  public TrainingSettings withProgress(boolean p) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, p, inferenceBatch, encoding, encodingBins, labelClip, listener);
  }

  /**
   * These settings reporting each training's epochs to {@code l} (progress on; {@link ProgressListener#NONE}:
   * progress off). A training is one task, {@code maxEpochs} units of "epochs", with the running loss as note.
   *
   * @param l the listener
   * @return the copy
   */
  public TrainingSettings withProgress(ProgressListener l) {
    ProgressListener n = ProgressListener.orNone(l);
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, n != ProgressListener.NONE, inferenceBatch, encoding, encodingBins, labelClip, n);
  }

  /**
   * Where a training with these settings reports: nowhere when {@code progress} is off, else the listener,
   * or without one a text renderer on stderr (an updating line when the JVM has a console).
   *
   * @return the listener to use
   */
  public ProgressListener progressListener() {
    if (!progress) {
      return ProgressListener.NONE;
    }
    if (listener != ProgressListener.NONE) {
      return listener;
    }
    return new TextProgress(new PrintWriter(System.err, true),
        System.console() != null ? TextProgress.Mode.TTY : TextProgress.Mode.PLAIN);
  }

  public TrainingSettings withInferenceBatch(int b) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, progress, b, encoding, encodingBins, labelClip, listener);
  }

  /** The input encoding with {@code bins} quantile bins per feature (for the piecewise-linear one). */
  public TrainingSettings withEncoding(InputEncoding e, int bins) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, progress, inferenceBatch, e, bins, labelClip, listener);
  }

  public TrainingSettings withLabelClip(double fraction) {
    return new TrainingSettings(hidden, activation, batchSize, learningRate, learningRateDecay, maxEpochs, patience,
        validationFraction, seed, progress, inferenceBatch, encoding, encodingBins, fraction, listener);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingSettings t && Arrays.equals(t.hidden, hidden) && t.activation == activation
        && t.batchSize == batchSize && t.learningRate == learningRate && t.learningRateDecay == learningRateDecay
        && t.maxEpochs == maxEpochs && t.patience == patience && t.validationFraction == validationFraction
        && t.seed == seed && t.progress == progress && t.inferenceBatch == inferenceBatch && t.encoding == encoding
        && t.encodingBins == encodingBins && t.labelClip == labelClip;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hidden) * 31 + Long.hashCode(seed);
  }

  @Override
  public String toString() {
    return "TrainingSettings[hidden=" + Arrays.toString(hidden) + ", " + activation + ", batch " + batchSize + ", lr "
        + learningRate + " × " + learningRateDecay + "/epoch, ≤ " + maxEpochs + " epochs, patience " + patience
        + ", validation " + validationFraction + ", seed " + seed + ", inputs " + encoding
        + (encoding == InputEncoding.PIECEWISE_LINEAR ? "(" + encodingBins + ")" : "") + (labelClip > 0 ? ", labels clipped at "
        + labelClip : "") + "]";
  }
}
