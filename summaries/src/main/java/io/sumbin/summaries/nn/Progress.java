package io.sumbin.summaries.nn;

import io.sumbin.summaries.ProgressBar;
import io.sumbin.summaries.TrainingHistory;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress on a {@link ProgressBar}:
 * {@code carl  epoch   7/100 [######........]  45%  loss 0.62391  val 0.62710  best 0.62544@5} (the bar
 * is the whole training, the percentage the current epoch).
 */
final class Progress {
  private final ProgressBar bar;
  private final String label;
  private final int epochs;

  Progress(String label, int epochs, boolean enabled) {
    this(System.err, label, epochs, enabled);
  }

  Progress(PrintStream out, String label, int epochs, boolean enabled) {
    this.bar = new ProgressBar(out, label, enabled);
    this.label = label;
    this.epochs = epochs;
  }

  /** Mid-epoch update (throttled). */
  void batch(int epoch, double fraction, double runningLoss, double lastVal, double best, int bestEpoch) {
    draw(epoch, fraction, runningLoss, lastVal, best, bestEpoch, false);
  }

  /** End-of-epoch update (always drawn). */
  void epoch(int epoch, double trainLoss, double valLoss, double best, int bestEpoch) {
    draw(epoch, 1.0, trainLoss, valLoss, best, bestEpoch, true);
  }

  private void draw(int epoch, double fraction, double loss, double val, double best, int bestEpoch, boolean force) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.5g", loss));
    if (!Double.isNaN(val)) {
      sb.append(String.format(Locale.ROOT, "  val %.5g", val));
    }
    if (bestEpoch >= 0) {
      sb.append(String.format(Locale.ROOT, "  best %.5g@%d", best, bestEpoch + 1));
    }
    bar.draw(String.format(Locale.ROOT, "epoch %3d/%d", epoch + 1, epochs), (epoch + fraction) / epochs, fraction, sb.toString(), force);
  }

  /** Ends the line with a summary. */
  void done(TrainingHistory h) {
    bar.finish(String.format(Locale.ROOT, "%s: %d epochs in %.1f s (%.3g examples/s), kept epoch %d, loss %.5g%s%s",
        label, h.epochs(), h.seconds(), h.examplesPerSecond(), h.bestEpoch() + 1, h.bestLoss(),
        h.stoppedEarly() ? ", stopped early" : "", h.diverged() ? ", DIVERGED" : ""));
  }
}
