package io.sumbin.histmodel.progress;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Renders progress as text, in one of two modes:
 * Nothing is shown before a delay counted from the first task (work that ends sooner prints nothing):
 * <ul>
 *   <li>{@link Mode#TTY}: one line redrawn in place with a carriage return, at most 10 times a second,
 *       from 0.5 s of work on, and erased when the outermost task is done:
 *       {@code belt-points 3/8 › toys  1200/4000 toys  30%  410 toys/s  ETA 7 s};</li>
 *   <li>{@link Mode#PLAIN} (a log file, a pipe): no carriage returns — after 2 s of work a line, then one
 *       every 5 s (over all tasks), and one final line per task that was shown ({@code toys: 4000/4000 toys in 9.8 s, 408 toys/s}).
 *       Work shorter than 2 s prints nothing.</li>
 * </ul>
 * Nested tasks are shown as a path, the innermost with its rate and ETA. Thread-safe; times come from a
 * clock that tests replace.
 */
public final class TextProgress implements ProgressListener {
  /** How the progress is drawn. */
  public enum Mode {
    /** One updating line (a terminal). */
    TTY,
    /** Separate lines without carriage returns (a file or a pipe). */
    PLAIN
  }

  static final long TTY_DELAY_NS = 500_000_000L;
  static final long TTY_INTERVAL_NS = 100_000_000L;
  static final long PLAIN_DELAY_NS = 2_000_000_000L;
  static final long PLAIN_INTERVAL_NS = 5_000_000_000L;

  private static final class Task {
    final String label;
    final long total;
    final String unit;
    final long start;
    long done;
    String note;
    boolean shown;

    Task(String label, long total, String unit, long start) {
      this.label = label;
      this.total = Math.max(0, total);
      this.unit = unit == null ? "" : unit;
      this.start = start;
    }
  }

  private final PrintWriter out;
  private final Mode mode;
  private final LongSupplier clock;
  private final int width;
  private final long delay;
  private final Deque<Task> tasks = new ArrayDeque<>();
  private long origin = Long.MIN_VALUE;
  private long lastDraw;
  private boolean drawnAny;
  private int drawnLength;

  /**
   * @param out where to write (the command line's stderr)
   * @param mode terminal line or plain lines
   * @param clock nanoseconds (System::nanoTime)
   * @param width the terminal's columns (a TTY line is cut to width − 1 characters)
   */
  public TextProgress(PrintWriter out, Mode mode, LongSupplier clock, int width) {
    this(out, mode, clock, width, mode == Mode.TTY ? TTY_DELAY_NS : PLAIN_DELAY_NS);
  }

  /**
   * A renderer that shows nothing before {@code delayNs} of work (defaults: 0.5 s on a terminal, 2 s plain).
   *
   * @param out where to write
   * @param mode terminal line or plain lines
   * @param clock nanoseconds (System::nanoTime)
   * @param width the terminal's columns
   * @param delayNs work shorter than this shows nothing (≥ 0)
   */
  public TextProgress(PrintWriter out, Mode mode, LongSupplier clock, int width, long delayNs) {
    this.out = out;
    this.mode = mode;
    this.clock = clock;
    this.width = Math.max(20, width);
    this.delay = Math.max(0, delayNs);
  }

  /**
   * A renderer on the system clock, 100 columns wide.
   *
   * @param out where to write
   * @param mode terminal line or plain lines
   */
  public TextProgress(PrintWriter out, Mode mode) {
    this(out, mode, System::nanoTime, 100);
  }

  /** The mode of this renderer. */
  public Mode mode() {
    return mode;
  }

  @Override
  public synchronized void start(String task, long total, String unit) {
    long now = clock.getAsLong();
    tasks.push(new Task(task, total, unit, now));
    if (origin == Long.MIN_VALUE) {
      origin = now; // the delay counts from the first task: many short tasks in a row are long work too
    }
    if (tasks.size() > 1) {
      render(now, false);
    }
  }

  @Override
  public synchronized void advance(long n) {
    Task t = tasks.peek();
    if (t != null) {
      t.done += n;
      render(clock.getAsLong(), false);
    }
  }

  @Override
  public synchronized void advance(long n, String text) {
    Task t = tasks.peek();
    if (t != null) {
      t.done += n;
      t.note = text;
      render(clock.getAsLong(), false);
    }
  }

  @Override
  public synchronized void note(String text) {
    Task t = tasks.peek();
    if (t != null) {
      t.note = text;
      render(clock.getAsLong(), false);
    }
  }

  @Override
  public synchronized void done() {
    Task t = tasks.peek();
    if (t == null) {
      return;
    }
    long now = clock.getAsLong();
    if (mode == Mode.PLAIN) {
      if (t.shown) {
        out.println(summary(t, now));
        out.flush();
      }
      tasks.pop();
      return;
    }
    tasks.pop();
    if (tasks.isEmpty()) {
      clear();
    } else {
      render(now, true);
    }
  }

  /**
   * Prints a line of its own (a log message) without breaking the progress line: a drawn terminal line
   * is erased first and redrawn at the next update.
   *
   * @param line the message
   */
  public synchronized void log(String line) {
    clear();
    out.println(line);
    out.flush();
  }

  /** Erases a drawn terminal line (before other output on the same stream); nothing in plain mode. */
  public synchronized void clear() {
    if (mode == Mode.TTY && drawnLength > 0) {
      out.print("\r" + " ".repeat(drawnLength) + "\r");
      out.flush();
      drawnLength = 0;
    }
  }

  private void render(long now, boolean force) {
    if (tasks.isEmpty()) {
      return;
    }
    long elapsed = now - origin;
    if (mode == Mode.TTY) {
      if (elapsed < delay || (!force && drawnLength > 0 && now - lastDraw < TTY_INTERVAL_NS)) {
        return;
      }
      String line = line(now);
      if (line.length() > width - 1) {
        line = line.substring(0, width - 2) + "…";
      }
      StringBuilder sb = new StringBuilder("\r").append(line);
      for (int i = line.length(); i < drawnLength; i++) {
        sb.append(' ');
      }
      drawnLength = line.length();
      out.print(sb);
      out.flush();
    } else {
      if (elapsed < delay || (drawnAny && now - lastDraw < PLAIN_INTERVAL_NS)) {
        return;
      }
      out.println(line(now));
      out.flush();
      for (Task t : tasks) {
        t.shown = true;
      }
    }
    drawnAny = true;
    lastDraw = now;
  }

  /** The current line: the path of open tasks, the innermost with its count, rate, ETA and note. */
  private String line(long now) {
    StringBuilder sb = new StringBuilder();
    Iterator<Task> it = tasks.descendingIterator();
    while (it.hasNext()) {
      Task t = it.next();
      if (!it.hasNext()) {
        sb.append(detail(t, now));
      } else {
        sb.append(t.label).append(' ').append(count(t)).append(" › ");
      }
    }
    return sb.toString();
  }

  private static String count(Task t) {
    return t.total > 0 ? t.done + "/" + t.total : Long.toString(t.done);
  }

  private static String detail(Task t, long now) {
    double sec = (now - t.start) * 1e-9;
    StringBuilder sb = new StringBuilder(t.label).append("  ").append(count(t));
    if (!t.unit.isEmpty()) {
      sb.append(' ').append(t.unit);
    }
    if (t.total > 0) {
      sb.append(String.format(Locale.ROOT, "  %.0f%%", 100.0 * Math.min(t.done, t.total) / t.total));
    }
    if (t.done > 0 && sec > 0) {
      sb.append("  ").append(rate(t.done, sec, t.unit));
      if (t.total > t.done) {
        sb.append("  ETA ").append(duration(sec / t.done * (t.total - t.done)));
      }
    } else {
      sb.append("  ").append(duration(sec));
    }
    if (t.note != null && !t.note.isEmpty()) {
      sb.append("  ").append(t.note);
    }
    return sb.toString();
  }

  private static String summary(Task t, long now) {
    double sec = (now - t.start) * 1e-9;
    StringBuilder sb = new StringBuilder(t.label).append(": ").append(count(t));
    if (!t.unit.isEmpty()) {
      sb.append(' ').append(t.unit);
    }
    sb.append(" in ").append(duration(sec));
    if (t.done > 0 && sec > 0) {
      sb.append(", ").append(rate(t.done, sec, t.unit));
    }
    if (t.note != null && !t.note.isEmpty()) {
      sb.append(", ").append(t.note);
    }
    return sb.toString();
  }

  /** {@code 410 toys/s}, or {@code 2.5 s/epoch} below one unit a second. */
  static String rate(long done, double sec, String unit) {
    double r = done / sec;
    String u = unit.isEmpty() ? "" : " " + unit;
    if (r >= 1) {
      return String.format(Locale.ROOT, r >= 100 ? "%.0f%s/s" : "%.3g%s/s", r, u);
    }
    String one = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    return String.format(Locale.ROOT, "%.3g s/%s", 1 / r, one.isEmpty() ? "unit" : one);
  }

  /**
   * A duration for people: {@code 12.3 s}, or {@code 2 min 05 s} from a minute on.
   *
   * @param s seconds
   * @return the text
   */
  public static String duration(double s) {
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long m = (long) (s / 60);
    return String.format(Locale.ROOT, "%d min %02d s", m, (long) (s - 60 * m));
  }
}
