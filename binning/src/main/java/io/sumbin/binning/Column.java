package io.sumbin.binning;

import java.util.Arrays;

/**
 * One read-only column of an {@link EventTable}: one value per event, stored either as
 * {@code double[]} (8 bytes per value) or as {@code float[]} (4 bytes per value, IEEE binary32).
 *
 * <p>Float columns are meant for large samples of observables whose precision is far below
 * 2⁻²⁴ ≈ 6·10⁻⁸ relative anyway (momenta, angles, network inputs). Values are widened to
 * {@code double} exactly on read. Weights and anything that must reproduce numbers to better than
 * 10⁻⁷ (reweighting weights, EFT coefficients) belong in double columns.
 *
 * <p>The backing array is never exposed; {@link #get(int)} is a plain array access, suitable for
 * hot loops.
 */
public final class Column {
  /** Storage type of a column. */
  public enum Type {
    /** IEEE binary64, 8 bytes per value. */
    DOUBLE(8),
    /** IEEE binary32, 4 bytes per value. */
    FLOAT(4);

    private final int bytes;

    Type(int bytes) {
      this.bytes = bytes;
    }

    /** Bytes used to store one value. */
    public int bytesPerValue() {
      return bytes;
    }
  }

  private final String name;
  private final double[] d;
  private final float[] f;

  private Column(String name, double[] d, float[] f) {
    this.name = name;
    this.d = d;
    this.f = f;
  }

  /** A double column over a private copy of {@code values}. */
  static Column ofDoubles(String name, double[] values) {
    return new Column(name, values.clone(), null);
  }

  /** A float column over a private copy of {@code values}. */
  static Column ofFloats(String name, float[] values) {
    return new Column(name, null, values.clone());
  }

  /** A float column narrowing {@code values} (round to nearest binary32). */
  static Column narrowed(String name, double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return new Column(name, null, f);
  }

  /** Wraps an array the caller gives up (no copy). */
  static Column adoptDoubles(String name, double[] values) {
    return new Column(name, values, null);
  }

  static Column adoptFloats(String name, float[] values) {
    return new Column(name, null, values);
  }

  /** Column name. */
  public String name() {
    return name;
  }

  /** Storage type. */
  public Type type() {
    return d != null ? Type.DOUBLE : Type.FLOAT;
  }

  /** Number of values. */
  public int size() {
    return d != null ? d.length : f.length;
  }

  /** Value of event {@code i} (widened to double when the column is float). */
  public double get(int i) {
    return d != null ? d[i] : f[i];
  }

  /**
   * Copies all values into {@code out} (written; length at least {@link #size()}).
   *
   * @throws IllegalArgumentException if {@code out} is too short
   */
  public void copyTo(double[] out) {
    if (out.length < size()) {
      throw new IllegalArgumentException("column '" + name + "': output array has length " + out.length
          + ", need at least " + size());
    }
    if (d != null) {
      System.arraycopy(d, 0, out, 0, d.length);
    } else {
      for (int i = 0; i < f.length; i++) {
        out[i] = f[i];
      }
    }
  }

  /**
   * Copies values {@code [from, from + length)} into {@code out[offset ..]} (written), widening float
   * values exactly; for block-wise (vectorised) evaluation over large tables.
   *
   * @throws IndexOutOfBoundsException if either range is outside its array
   */
  public void copyRange(int from, int length, double[] out, int offset) {
    java.util.Objects.checkFromIndexSize(from, length, size());
    java.util.Objects.checkFromIndexSize(offset, length, out.length);
    if (d != null) {
      System.arraycopy(d, from, out, offset, length);
    } else {
      for (int i = 0; i < length; i++) {
        out[offset + i] = f[from + i];
      }
    }
  }

  /** A new array with all values as doubles. */
  public double[] toDoubleArray() {
    double[] out = new double[size()];
    copyTo(out);
    return out;
  }

  /** A new array with all values as floats (narrowing a double column). */
  public float[] toFloatArray() {
    if (f != null) {
      return f.clone();
    }
    float[] out = new float[d.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  /** The rows {@code rows} of this column, same type, same name. */
  Column gather(int[] rows) {
    if (d != null) {
      double[] out = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = d[rows[i]];
      }
      return new Column(name, out, null);
    }
    float[] out = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = f[rows[i]];
    }
    return new Column(name, null, out);
  }

  Column renamed(String newName) {
    return new Column(newName, d, f);
  }

  double[] doublesUnsafe() {
    return d;
  }

  float[] floatsUnsafe() {
    return f;
  }

  @Override
  public String toString() {
    return name + " (" + type().name().toLowerCase(java.util.Locale.ROOT) + "[" + size() + "])";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Column c && c.name.equals(name) && Arrays.equals(c.d, d) && Arrays.equals(c.f, f);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + (d != null ? Arrays.hashCode(d) : Arrays.hashCode(f));
  }
}
