package io.sumbin.examples.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place (carriage return) at most every 200 ms and at the end:
 * {@code study quadratic-binning  118/432 [######..................]  27%  12.1 s, ETA 32 s}. The
 * remaining time is the elapsed time per finished item times the items left.
 */
final class ProgressBar {
  private static final long REDRAW_NS = 200_000_000L;
  private static final int WIDTH = 24;

  private final PrintStream out;
  private final String label;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long last;
  private int lastLength;
  private boolean drawn;

  ProgressBar(PrintStream out, String label, boolean enabled) {
    this.out = out;
    this.label = label;
    this.enabled = enabled;
  }

  /** Reports {@code done} of {@code total} items (throttled; the last item is always drawn). */
  synchronized void update(int done, int total) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - last < REDRAW_NS) {
      return;
    }
    last = now;
    double elapsed = (now - start) * 1e-9;
    double frac = total == 0 ? 1 : (double) done / total;
    int filled = (int) Math.round(WIDTH * frac);
    StringBuilder sb = new StringBuilder("\r").append(label).append(String.format(Locale.ROOT, "  %d/%d [", done, total));
    for (int i = 0; i < WIDTH; i++) {
      sb.append(i < filled ? '#' : '.');
    }
    sb.append(String.format(Locale.ROOT, "] %3.0f%%  %s", 100 * frac, duration(elapsed)));
    if (done > 0 && done < total) {
      sb.append(", ETA ").append(duration(elapsed / done * (total - done)));
    }
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
  synchronized void finish() {
    if (enabled && drawn) {
      out.println();
      out.flush();
    }
  }

  static String duration(double s) {
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long m = (long) (s / 60);
    return String.format(Locale.ROOT, "%d min %02d s", m, (long) (s - 60 * m));
  }
}
