package io.sumbin.summaries;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The network inputs of n events: d named features per event, stored row-major as float32
 * ({@code data[i*d + j]} is feature j of event i). Immutable; the array is never exposed for
 * writing. This is the plain input type of every learned summary: the rest of sumbin hands columns
 * ({@code double[]} or {@code float[]}) in and gets columns back.
 *
 * <pre>{@code
 * FeatureMatrix x = FeatureMatrix.ofColumns(List.of("m_jj", "dphi_jj"), mjj, dphi);
 * }</pre>
 */
public final class FeatureMatrix {
  private final List<String> names;
  private final int rows;
  private final int cols;
  private final float[] data;

  private FeatureMatrix(List<String> names, int rows, float[] data) {
    this.names = names;
    this.rows = rows;
    this.cols = names.size();
    this.data = data;
  }

  /**
   * Features from columns.
   *
   * @param names feature names, distinct and non-blank
   * @param columns one array per name (read; copied, narrowed to float32), all of the same length, finite
   * @throws IllegalArgumentException on a count or length mismatch or a non-finite value (naming the
   *     feature and the event)
   */
  public static FeatureMatrix ofColumns(List<String> names, double[]... columns) {
    List<String> n = checkNames(names);
    if (columns.length != n.size()) {
      throw new IllegalArgumentException("feature matrix: " + n.size() + " names but " + columns.length + " columns");
    }
    int rows = n.isEmpty() ? 0 : columns[0].length;
    float[] d = new float[rows * n.size()];
    for (int j = 0; j < columns.length; j++) {
      if (columns[j].length != rows) {
        throw new IllegalArgumentException("feature matrix: column '" + n.get(j) + "' has " + columns[j].length
            + " values, column '" + n.get(0) + "' has " + rows);
      }
      for (int i = 0; i < rows; i++) {
        double v = columns[j][i];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("feature matrix: column '" + n.get(j) + "' event " + i + " is " + v);
        }
        d[i * n.size() + j] = (float) v;
      }
    }
    return new FeatureMatrix(n, rows, d);
  }

  /** Features from float32 columns (read; copied); see {@link #ofColumns(List, double[]...)}. */
  public static FeatureMatrix ofFloatColumns(List<String> names, float[]... columns) {
    double[][] c = new double[columns.length][];
    for (int j = 0; j < columns.length; j++) {
      c[j] = new double[columns[j].length];
      for (int i = 0; i < c[j].length; i++) {
        c[j][i] = columns[j][i];
      }
    }
    return ofColumns(names, c);
  }

  /**
   * Features from a row-major array.
   *
   * @param data {@code rows × names.size()} values (read; copied), finite
   */
  public static FeatureMatrix ofRowMajor(List<String> names, int rows, float[] data) {
    List<String> n = checkNames(names);
    if (rows < 0 || (long) rows * n.size() != data.length) {
      throw new IllegalArgumentException("feature matrix: " + rows + " rows × " + n.size() + " features needs "
          + (long) rows * n.size() + " values, got " + data.length);
    }
    for (int k = 0; k < data.length; k++) {
      if (!Float.isFinite(data[k])) {
        throw new IllegalArgumentException("feature matrix: feature '" + n.get(k % n.size()) + "' event "
            + k / n.size() + " is " + data[k]);
      }
    }
    return new FeatureMatrix(n, rows, data.clone());
  }

  /** Features from rows ({@code rows[i][j]}: feature j of event i; read, copied). */
  public static FeatureMatrix ofRows(List<String> names, double[][] rows) {
    List<String> n = checkNames(names);
    float[] d = new float[rows.length * n.size()];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != n.size()) {
        throw new IllegalArgumentException("feature matrix: row " + i + " has " + rows[i].length + " values, expected "
            + n.size() + " " + n);
      }
      for (int j = 0; j < n.size(); j++) {
        d[i * n.size() + j] = (float) rows[i][j];
      }
    }
    return ofRowMajor(n, rows.length, d);
  }

  private static List<String> checkNames(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String s : names) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException("feature names must be non-blank, got " + names);
      }
      if (!seen.add(s)) {
        throw new IllegalArgumentException("feature name '" + s + "' appears twice in " + names);
      }
    }
    return List.copyOf(names);
  }

  /** Number of events n. */
  public int rows() {
    return rows;
  }

  /** Number of features d. */
  public int cols() {
    return cols;
  }

  /** Feature names, in column order. */
  public List<String> names() {
    return names;
  }

  /** Feature j of event i. */
  public float get(int i, int j) {
    return data[i * cols + j];
  }

  /** Feature {@code j} of all events (a new array). */
  public double[] column(int j) {
    double[] c = new double[rows];
    for (int i = 0; i < rows; i++) {
      c[i] = data[i * cols + j];
    }
    return c;
  }

  /** Feature {@code name} of all events (a new array); unknown names throw. */
  public double[] column(String name) {
    return column(indexOf(name));
  }

  /** Column index of a feature, or an exception listing the names. */
  public int indexOf(String name) {
    int j = names.indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("no feature '" + name + "' (features: " + names + ")");
    }
    return j;
  }

  /** The events with the given indices, in that order (read). */
  public FeatureMatrix rows(int[] index) {
    float[] d = new float[index.length * cols];
    for (int k = 0; k < index.length; k++) {
      int i = index[k];
      if (i < 0 || i >= rows) {
        throw new IndexOutOfBoundsException("event index " + i + " outside [0, " + rows + ")");
      }
      System.arraycopy(data, i * cols, d, k * cols, cols);
    }
    return new FeatureMatrix(names, index.length, d);
  }

  /** The events [from, to). */
  public FeatureMatrix rows(int from, int to) {
    if (from < 0 || to > rows || from > to) {
      throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") outside [0, " + rows + "]");
    }
    float[] d = new float[(to - from) * cols];
    System.arraycopy(data, from * cols, d, 0, d.length);
    return new FeatureMatrix(names, to - from, d);
  }

  /**
   * The named features, in the given order. Used to feed a saved model the inputs it was trained on.
   *
   * @throws IllegalArgumentException naming every missing feature
   */
  public FeatureMatrix select(List<String> wanted) {
    if (wanted.equals(names)) {
      return this;
    }
    List<String> missing = new ArrayList<>();
    int[] idx = new int[wanted.size()];
    for (int k = 0; k < wanted.size(); k++) {
      idx[k] = names.indexOf(wanted.get(k));
      if (idx[k] < 0) {
        missing.add(wanted.get(k));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("features " + missing + " are missing (have " + names + ")");
    }
    float[] d = new float[rows * wanted.size()];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < idx.length; k++) {
        d[i * wanted.size() + k] = data[i * cols + idx[k]];
      }
    }
    return new FeatureMatrix(checkNames(wanted), rows, d);
  }

  /**
   * The backing row-major array itself, not a copy: for the training code of this module, which must only
   * read it (use {@link #column} or {@link #rows} otherwise).
   */
  public float[] raw() {
    return data;
  }

  @Override
  public String toString() {
    return "FeatureMatrix[" + rows + " events × " + names + "]";
  }
}
