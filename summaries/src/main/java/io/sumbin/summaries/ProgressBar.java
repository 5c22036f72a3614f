package io.sumbin.summaries;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The one-line progress bar of sumbin (training epochs, study cells), redrawn in place with a carriage
 * return at most every 200 ms and whenever forced:
 * {@code study quadratic-binning  118/432 [######..................]  27%  12.1 s, ETA 32 s}. For items the
 * remaining time is the elapsed time per finished item times the items left. Thread-safe; a disabled bar
 * prints nothing.
 */
public final class ProgressBar {
  private static final long REDRAW_NS = 200_000_000L;
  private static final int WIDTH = 24;

  private final PrintWriter out;
  private final String label;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long last;
  private int lastLength;
  private boolean drawn;

  /**
   * @param out where to draw (stderr in the command line)
   * @param label the text before the counter
   * @param enabled false for a bar that prints nothing
   */
  public ProgressBar(PrintWriter out, String label, boolean enabled) {
    this.out = out;
    this.label = label;
    this.enabled = enabled;
  }

  /** A bar on a stream (training progress on {@code System.err}). */
  public ProgressBar(PrintStream out, String label, boolean enabled) {
    this(new PrintWriter(out, true), label, enabled);
  }

  /** Reports {@code done} of {@code total} items with the elapsed time and an ETA (throttled; the last item is always drawn). */
  public synchronized void update(int done, int total) {
    double elapsed = (System.nanoTime() - start) * 1e-9;
    double frac = total == 0 ? 1 : (double) done / total;
    String detail = duration(elapsed) + (done > 0 && done < total ? ", ETA " + duration(elapsed / done * (total - done)) : "");
    draw(done + "/" + total, frac, frac, detail, done >= total);
  }

  /**
   * Draws one state: {@code label  counter [bar]  percent%  detail}.
   *
   * @param barFraction filled part of the bar in [0, 1]
   * @param percentFraction the fraction printed as a percentage
   * @param force draw even within 200 ms of the last drawing
   */
  public synchronized void draw(String counter, double barFraction, double percentFraction, String detail, boolean force) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (!force && now - last < REDRAW_NS) {
      return;
    }
    last = now;
    int filled = (int) Math.round(WIDTH * Math.max(0, Math.min(1, barFraction)));
    StringBuilder sb = new StringBuilder("\r").append(label).append("  ").append(counter).append(" [");
    for (int i = 0; i < WIDTH; i++) {
      sb.append(i < filled ? '#' : '.');
    }
    sb.append(String.format(Locale.ROOT, "] %3.0f%%  ", 100 * percentFraction)).append(detail);
    int len = sb.length();
    for (int i = len; i < lastLength; i++) {
      sb.append(' ');
    }
    lastLength = len;
    out.print(sb);
    out.flush();
    drawn = true;
  }

  /** Ends the line (if anything was drawn). */
  public synchronized void finish() {
    if (enabled && drawn) {
      out.println();
      out.flush();
      drawn = false;
    }
  }

  /** Ends the line and prints a summary line below it. */
  public synchronized void finish(String summary) {
    if (enabled) {
      finish();
      out.println(summary);
      out.flush();
    }
  }

  /** 12.3 s, or 2 min 05 s from a minute on. */
  public static String duration(double s) {
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long m = (long) (s / 60);
    return String.format(Locale.ROOT, "%d min %02d s", m, (long) (s - 60 * m));
  }
}
