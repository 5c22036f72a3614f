package io.sumbin.summaries;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place at most every 200 ms:
 * {@code carl  epoch  7/100 [######........]  45%  loss 0.62391  val 0.62710  best 0.62544@5}.
 */
final class Progress {
  private static final long REDRAW_NS = 200_000_000L;
  private static final int WIDTH = 24;

  private final PrintStream out;
  private final String label;
  private final int epochs;
  private final boolean enabled;
  private long last;
  private int lastLength;

  Progress(String label, int epochs, boolean enabled) {
    this(System.err, label, epochs, enabled);
  }

  Progress(PrintStream out, String label, int epochs, boolean enabled) {
    this.out = out;
    this.label = label;
    this.epochs = epochs;
    this.enabled = enabled;
  }

  /** Mid-epoch update (throttled). */
  void batch(int epoch, double fraction, double runningLoss, double lastVal, double best, int bestEpoch) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - last < REDRAW_NS) {
      return;
    }
    last = now;
    draw(epoch, fraction, runningLoss, lastVal, best, bestEpoch);
  }

  /** End-of-epoch update (always drawn). */
  void epoch(int epoch, double trainLoss, double valLoss, double best, int bestEpoch) {
    if (!enabled) {
      return;
    }
    last = System.nanoTime();
    draw(epoch, 1.0, trainLoss, valLoss, best, bestEpoch);
  }

  private void draw(int epoch, double fraction, double loss, double val, double best, int bestEpoch) {
    double total = (epoch + fraction) / epochs;
    int filled = (int) Math.round(WIDTH * Math.min(1, total));
    StringBuilder sb = new StringBuilder();
    sb.append('\r').append(label).append(String.format(Locale.ROOT, "  epoch %3d/%d [", epoch + 1, epochs));
    for (int i = 0; i < WIDTH; i++) {
      sb.append(i < filled ? '#' : '.');
    }
    sb.append(String.format(Locale.ROOT, "] %3.0f%%  loss %.5g", 100 * fraction, loss));
    if (!Double.isNaN(val)) {
      sb.append(String.format(Locale.ROOT, "  val %.5g", val));
    }
    if (bestEpoch >= 0) {
      sb.append(String.format(Locale.ROOT, "  best %.5g@%d", best, bestEpoch + 1));
    }
    int len = sb.length();
    for (int i = len; i < lastLength; i++) {
      sb.append(' ');
    }
    lastLength = len;
    out.print(sb);
    out.flush();
  }

  /** Ends the line with a summary. */
  void done(TrainingHistory h) {
    if (!enabled) {
      return;
    }
    out.println();
    out.println(String.format(Locale.ROOT, "%s: %d epochs in %.1f s (%.3g examples/s), kept epoch %d, loss %.5g%s%s",
        label, h.epochs(), h.seconds(), h.examplesPerSecond(), h.bestEpoch() + 1, h.bestLoss(),
        h.stoppedEarly() ? ", stopped early" : "", h.diverged() ? ", DIVERGED" : ""));
    out.flush();
  }
}
