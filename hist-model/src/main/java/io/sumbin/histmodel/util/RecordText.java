package io.sumbin.histmodel.util;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The text of result records: {@code Name[a=1.5, values=[0.0, 0.5, 1.0], ...]}, the form a record's
 * default {@code toString} has, but with arrays printed as their values (the default prints
 * {@code [D@56620197}). Records with array components override {@code toString} with
 * {@link #of(Record)}; the multi-line human summaries use {@link #num(double)} and {@link #pm}.
 *
 * <p>Arrays and collections longer than {@link #MAX_ELEMENTS} print their first elements and how many
 * there are in all ({@code [1.0, 2.0, ..., (441 in all)]}), so that a covariance matrix or a list of
 * fits does not flood a log line; nested arrays ({@code double[][]}) print row by row.
 */
public final class RecordText {
  /** The most elements of an array or collection printed before the rest is elided. */
  public static final int MAX_ELEMENTS = 20;

  private RecordText() {}

  /**
   * The record as {@code SimpleName[component=value, ...]} in declaration order, arrays as values.
   *
   * @param r the record
   * @return its one-line text
   */
  public static String of(Record r) {
    StringBuilder b = new StringBuilder(r.getClass().getSimpleName()).append('[');
    RecordComponent[] cs = r.getClass().getRecordComponents();
    for (int i = 0; i < cs.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(cs[i].getName()).append('=');
      append(b, component(r, cs[i]));
    }
    return b.append(']').toString();
  }

  /**
   * A value as a record component prints: arrays and collections element by element (recursively),
   * maps as {@code {key=value}}, anything else by {@link String#valueOf(Object)}.
   *
   * @param v the value (may be null or an array)
   * @return its text
   */
  public static String value(Object v) {
    StringBuilder b = new StringBuilder();
    append(b, v);
    return b.toString();
  }

  private static Object component(Record r, RecordComponent c) {
    Method m = c.getAccessor();
    try {
      if (!m.canAccess(r)) {
        m.setAccessible(true); // a package-private record printed from this package
      }
      return m.invoke(r);
    } catch (IllegalAccessException | RuntimeException e) {
      return "?";
    } catch (InvocationTargetException e) {
      return "<" + e.getCause() + ">";
    }
  }

  private static void append(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v.getClass().isArray()) {
      int n = Array.getLength(v);
      b.append('[');
      for (int i = 0; i < Math.min(n, MAX_ELEMENTS); i++) {
        if (i > 0) {
          b.append(", ");
        }
        append(b, Array.get(v, i));
      }
      elided(b, n);
      b.append(']');
    } else if (v instanceof Collection<?> c) {
      int n = c.size();
      b.append('[');
      Iterator<?> it = c.iterator();
      for (int i = 0; i < Math.min(n, MAX_ELEMENTS) && it.hasNext(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        append(b, it.next());
      }
      elided(b, n);
      b.append(']');
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (i == MAX_ELEMENTS) {
          b.append(", ... (").append(m.size()).append(" in all)");
          break;
        }
        if (i++ > 0) {
          b.append(", ");
        }
        append(b, e.getKey());
        b.append('=');
        append(b, e.getValue());
      }
      b.append('}');
    } else {
      b.append(v);
    }
  }

  private static void elided(StringBuilder b, int n) {
    if (n > MAX_ELEMENTS) {
      b.append(", ... (").append(n).append(" in all)");
    }
  }

  /**
   * A number for a summary: six significant digits ({@code %.6g} without trailing zeros), NaN and
   * ±inf as words.
   *
   * @param v the number
   * @return its text
   */
  public static String num(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    int e = s.indexOf('e');
    String mant = e < 0 ? s : s.substring(0, e);
    String exp = e < 0 ? "" : s.substring(e);
    if (mant.contains(".")) {
      mant = mant.replaceAll("0+$", "");
      if (mant.endsWith(".")) {
        mant = mant.substring(0, mant.length() - 1);
      }
    }
    return mant + exp;
  }

  /**
   * A value with its uncertainty, {@code 1.23456 ± 0.0123}; the uncertainty left out when it is NaN.
   *
   * @param v the value
   * @param err its uncertainty (NaN: not known)
   * @return the text
   */
  public static String pm(double v, double err) {
    return Double.isNaN(err) ? num(v) : num(v) + " ± " + num(err);
  }

  /**
   * Numbers as {@code [a, b, c]} with {@link #num(double)} each.
   *
   * @param vs the numbers
   * @return the text
   */
  public static String nums(double[] vs) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < vs.length; i++) {
      b.append(i > 0 ? ", " : "").append(num(vs[i]));
    }
    return b.append(']').toString();
  }
}
