package io.sumbin.summaries;

import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * Named per-event regression targets (for derivative learning: R_a(x_i, z_i) and R_ab(x_i, z_i)).
 * Immutable; arrays are copied in and out.
 *
 * @param names one name per label
 * @param columns {@code [k][n]}: one column per label, finite
 */
public record LabelSet(List<String> names, double[][] columns) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public LabelSet {
    names = List.copyOf(names);
    if (columns.length != names.size()) {
      throw new IllegalArgumentException("label set: " + names.size() + " names but " + columns.length + " columns");
    }
    double[][] c = new double[columns.length][];
    for (int k = 0; k < columns.length; k++) {
      c[k] = columns[k].clone();
      if (c[k].length != columns[0].length) {
        throw new IllegalArgumentException("label '" + names.get(k) + "' has " + c[k].length + " values, label '"
            + names.get(0) + "' has " + columns[0].length);
      }
      for (int i = 0; i < c[k].length; i++) {
        if (!Double.isFinite(c[k][i])) {
          throw new IllegalArgumentException("label '" + names.get(k) + "' of event " + i + " is " + c[k][i]);
        }
      }
    }
    columns = c;
  }

  @Override
  public double[][] columns() {
    double[][] c = new double[columns.length][];
    for (int k = 0; k < c.length; k++) {
      c[k] = columns[k].clone();
    }
    return c;
  }

  /** Label k (a copy). */
  public double[] column(int k) {
    return columns[k].clone();
  }

  /** Number of labels. */
  public int size() {
    return columns.length;
  }

  /** Number of events. */
  public int events() {
    return columns.length == 0 ? 0 : columns[0].length;
  }

  /** The listed events (read), in that order. */
  public LabelSet rows(int[] index) {
    double[][] c = new double[columns.length][index.length];
    for (int k = 0; k < c.length; k++) {
      for (int j = 0; j < index.length; j++) {
        c[k][j] = columns[k][index[j]];
      }
    }
    return new LabelSet(names, c);
  }

  /** The label columns themselves, not copies: for the training code of this module, which must only read them. */
  public double[][] raw() {
    return columns;
  }
}
