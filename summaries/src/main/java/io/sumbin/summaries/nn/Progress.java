package io.sumbin.summaries.nn;

import io.sumbin.histmodel.progress.ProgressListener;
import io.sumbin.summaries.TrainingHistory;
import java.util.Locale;

/**
 * Training progress on a {@link ProgressListener}: one task of {@code maxEpochs} "epochs", advanced per
 * epoch, with the running loss as note ({@code loss 0.62391  val 0.62710  best 0.62544@5}, at most every
 * 100 ms within an epoch) and a summary note at the end.
 */
final class Progress {
  private static final long NOTE_NS = 100_000_000L;

  private final ProgressListener listener;
  private long lastNote;

  Progress(ProgressListener listener, String label, int epochs) {
    this.listener = listener;
    listener.start(label, epochs, "epochs");
  }

  /** Mid-epoch update (throttled). */
  void batch(int epoch, double fraction, double runningLoss, double lastVal, double best, int bestEpoch) {
    if (listener == ProgressListener.NONE) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastNote >= NOTE_NS) {
      lastNote = now;
      listener.note(text(runningLoss, lastVal, best, bestEpoch));
    }
  }

  /** End-of-epoch update. */
  void epoch(int epoch, double trainLoss, double valLoss, double best, int bestEpoch) {
    if (listener == ProgressListener.NONE) {
      return;
    }
    listener.advance(1, text(trainLoss, valLoss, best, bestEpoch));
  }

  private static String text(double loss, double val, double best, int bestEpoch) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.5g", loss));
    if (!Double.isNaN(val)) {
      sb.append(String.format(Locale.ROOT, "  val %.5g", val));
    }
    if (bestEpoch >= 0) {
      sb.append(String.format(Locale.ROOT, "  best %.5g@%d", best, bestEpoch + 1));
    }
    return sb.toString();
  }

  /** Ends the task with a summary note; also on an exception ({@code h} null). */
  void done(TrainingHistory h) {
    if (h != null && listener != ProgressListener.NONE) {
      listener.note(String.format(Locale.ROOT, "kept epoch %d, loss %.5g%s%s", h.bestEpoch() + 1, h.bestLoss(),
          h.stoppedEarly() ? ", stopped early" : "", h.diverged() ? ", DIVERGED" : ""));
    }
    listener.done();
  }
}
