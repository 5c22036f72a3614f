package io.sumbin.binning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoublePredicate;
import java.util.function.IntPredicate;

/**
 * An immutable columnar table of weighted events: named {@link Column}s (double or float32), one
 * weight w_i per event (negative weights allowed, as from NLO generators) and a process label per
 * event.
 *
 * <p>Weights are in units of expected yield per unit luminosity (for LHE input: pb per event, so that
 * Σ_i w_i is the cross section σ and a histogram times the integrated luminosity L is the expected
 * number of events, ν_b = L Σ_{i∈b} w_i). Every "change" returns a new table ({@code withX} copies);
 * column storage is shared between tables, never exposed for writing.
 *
 * <pre>{@code
 * EventTable t = EventTable.of("signal", weights)
 *     .withDoubleColumn("m_jj", mjj)
 *     .withFloatColumn("eta_j1", eta);          // 4 bytes per value
 * EventTable central = t.filter("eta_j1", e -> Math.abs(e) < 2.5);
 * EventTable.Split s = t.split(0.6, 0.2, 42L); // reproducible for a given seed
 * }</pre>
 */
public final class EventTable {
  private final double[] weights;
  private final int[] processIndex;
  private final List<String> processNames;
  private final Map<String, Column> columns;

  private EventTable(double[] weights, int[] processIndex, List<String> processNames, Map<String, Column> columns) {
    this.weights = weights;
    this.processIndex = processIndex;
    this.processNames = processNames;
    this.columns = columns;
  }

  /**
   * A table of {@code weights.length} events of one process, without columns.
   *
   * @param weights per-event weights (read; copied). NaN and infinite weights are rejected.
   */
  public static EventTable of(String process, double[] weights) {
    requireName(process, "process");
    checkWeights(weights, "weights");
    return new EventTable(weights.clone(), new int[weights.length], List.of(process), Map.of());
  }

  /** {@code n} events of one process, each with weight 1. */
  public static EventTable unweighted(String process, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of events must be >= 0, got " + n);
    }
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return of(process, w);
  }

  /**
   * Concatenates tables (rows of the first, then the second, ...). All tables must have the same
   * column names; a column that is float in one table and double in another becomes double.
   * Process labels are merged by name.
   *
   * @throws IllegalArgumentException if the column sets differ (the message names the table index and
   *     the missing or extra columns)
   */
  public static EventTable concat(List<EventTable> tables) {
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one table");
    }
    EventTable first = tables.get(0);
    int n = 0;
    for (int t = 0; t < tables.size(); t++) {
      EventTable tab = tables.get(t);
      if (!tab.columns.keySet().equals(first.columns.keySet())) {
        List<String> missing = new ArrayList<>(first.columns.keySet());
        missing.removeAll(tab.columns.keySet());
        List<String> extra = new ArrayList<>(tab.columns.keySet());
        extra.removeAll(first.columns.keySet());
        throw new IllegalArgumentException("concat: tables[" + t + "] has different columns than tables[0]: missing "
            + missing + ", extra " + extra);
      }
      n += tab.size();
    }
    double[] w = new double[n];
    int[] p = new int[n];
    List<String> names = new ArrayList<>();
    int off = 0;
    for (EventTable tab : tables) {
      System.arraycopy(tab.weights, 0, w, off, tab.size());
      for (int i = 0; i < tab.size(); i++) {
        String label = tab.processNames.get(tab.processIndex[i]);
        int k = names.indexOf(label);
        if (k < 0) {
          names.add(label);
          k = names.size() - 1;
        }
        p[off + i] = k;
      }
      off += tab.size();
    }
    Map<String, Column> cols = new LinkedHashMap<>();
    for (String name : first.columns.keySet()) {
      boolean allFloat = true;
      for (EventTable tab : tables) {
        allFloat &= tab.columns.get(name).type() == Column.Type.FLOAT;
      }
      off = 0;
      if (allFloat) {
        float[] out = new float[n];
        for (EventTable tab : tables) {
          float[] src = tab.columns.get(name).floatsUnsafe();
          System.arraycopy(src, 0, out, off, src.length);
          off += src.length;
        }
        cols.put(name, Column.adoptFloats(name, out));
      } else {
        double[] out = new double[n];
        for (EventTable tab : tables) {
          Column c = tab.columns.get(name);
          for (int i = 0; i < c.size(); i++) {
            out[off + i] = c.get(i);
          }
          off += c.size();
        }
        cols.put(name, Column.adoptDoubles(name, out));
      }
    }
    return new EventTable(w, p, List.copyOf(names), Collections.unmodifiableMap(cols));
  }

  /** Number of events. */
  public int size() {
    return weights.length;
  }

  /** Weight of event {@code i}. */
  public double weight(int i) {
    return weights[i];
  }

  /** A copy of all weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** Copies the weights into {@code out} (written, length ≥ {@link #size()}). */
  public void weights(double[] out) {
    if (out.length < weights.length) {
      throw new IllegalArgumentException("output array has length " + out.length + ", need " + weights.length);
    }
    System.arraycopy(weights, 0, out, 0, weights.length);
  }

  /** Σ_i w_i. */
  public double sumWeights() {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s;
  }

  /** Σ_i w_i². */
  public double sumWeights2() {
    double s = 0;
    for (double w : weights) {
      s += w * w;
    }
    return s;
  }

  /** Kish effective number of events (Σw)²/Σw² (NaN for an empty table). */
  public double effectiveEvents() {
    double s2 = sumWeights2();
    return s2 == 0 ? Double.NaN : sumWeights() * sumWeights() / s2;
  }

  /** Column names in insertion order. */
  public List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  /** True if a column of that name exists. */
  public boolean hasColumn(String name) {
    return columns.containsKey(name);
  }

  /**
   * The column called {@code name}.
   *
   * @throws IllegalArgumentException if there is none (the message lists the available columns)
   */
  public Column column(String name) {
    Column c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no column '" + name + "' in the event table (columns: " + abbreviate(columns.keySet()) + ")");
    }
    return c;
  }

  /** The values of a column as a new double array. */
  public double[] doubles(String name) {
    return column(name).toDoubleArray();
  }

  /** Value of column {@code name} for event {@code i} (a map lookup: use {@link #column} in loops). */
  public double value(String name, int i) {
    return column(name).get(i);
  }

  /** Process label of event {@code i}. */
  public String process(int i) {
    return processNames.get(processIndex[i]);
  }

  /** Distinct process labels in order of first appearance. */
  public List<String> processes() {
    return processNames;
  }

  /** The table with a double column added (or replaced when the name exists). */
  public EventTable withDoubleColumn(String name, double[] values) {
    checkLength(name, values.length);
    return withColumn(Column.ofDoubles(requireName(name, "column"), values));
  }

  /** The table with a float32 column added (or replaced): 4 bytes per value. */
  public EventTable withFloatColumn(String name, float[] values) {
    checkLength(name, values.length);
    return withColumn(Column.ofFloats(requireName(name, "column"), values));
  }

  /** The table with a float32 column holding {@code values} rounded to binary32 (added or replaced). */
  public EventTable withFloatColumn(String name, double[] values) {
    checkLength(name, values.length);
    return withColumn(Column.narrowed(requireName(name, "column"), values));
  }

  /** The table with a column (from another table of the same size) added or replaced. */
  public EventTable withColumn(Column column) {
    checkLength(column.name(), column.size());
    Map<String, Column> m = new LinkedHashMap<>(columns);
    m.put(column.name(), column);
    return new EventTable(weights, processIndex, processNames, Collections.unmodifiableMap(m));
  }

  /** The table without column {@code name} (which must exist). */
  public EventTable withoutColumn(String name) {
    column(name);
    Map<String, Column> m = new LinkedHashMap<>(columns);
    m.remove(name);
    return new EventTable(weights, processIndex, processNames, Collections.unmodifiableMap(m));
  }

  /** The table with other weights (read; copied; same length, finite). */
  public EventTable withWeights(double[] w) {
    checkLength("weights", w.length);
    checkWeights(w, "weights");
    return new EventTable(w.clone(), processIndex, processNames, columns);
  }

  /** The table with every weight multiplied by {@code factor} (e.g. a luminosity, or 1/fraction). */
  public EventTable withScaledWeights(double factor) {
    if (!Double.isFinite(factor)) {
      throw new IllegalArgumentException("weight scale factor must be finite, got " + factor);
    }
    double[] w = new double[weights.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i] * factor;
    }
    return new EventTable(w, processIndex, processNames, columns);
  }

  /** The table with every event labelled {@code process}. */
  public EventTable withProcess(String process) {
    requireName(process, "process");
    return new EventTable(weights, new int[weights.length], List.of(process), columns);
  }

  /** The table with one process label per event (read). */
  public EventTable withProcesses(String[] labels) {
    checkLength("process labels", labels.length);
    List<String> names = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] p = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      String l = requireName(labels[i], "process label of event " + i);
      Integer k = index.get(l);
      if (k == null) {
        k = names.size();
        names.add(l);
        index.put(l, k);
      }
      p[i] = k;
    }
    return new EventTable(weights, p, List.copyOf(names), columns);
  }

  /** The events for which {@code keep.test(i)} is true, in order (a new table). */
  public EventTable filter(IntPredicate keep) {
    int[] rows = new int[weights.length];
    int n = 0;
    for (int i = 0; i < weights.length; i++) {
      if (keep.test(i)) {
        rows[n++] = i;
      }
    }
    return select(Arrays.copyOf(rows, n));
  }

  /** The events whose value of column {@code name} passes {@code keep} (NaN is passed to the predicate). */
  public EventTable filter(String name, DoublePredicate keep) {
    Column c = column(name);
    return filter(i -> keep.test(c.get(i)));
  }

  /** The events of the given processes (each must exist). */
  public EventTable selectProcesses(String... names) {
    boolean[] want = new boolean[processNames.size()];
    for (String n : names) {
      int k = processNames.indexOf(n);
      if (k < 0) {
        throw new IllegalArgumentException("no process '" + n + "' in the event table (processes: " + processNames + ")");
      }
      want[k] = true;
    }
    return filter(i -> want[processIndex[i]]);
  }

  /**
   * The events at the given row indices, in that order (repetitions allowed: bootstrap resampling).
   *
   * @param rows indices in [0, size) (read)
   */
  public EventTable select(int[] rows) {
    for (int k = 0; k < rows.length; k++) {
      if (rows[k] < 0 || rows[k] >= weights.length) {
        throw new IndexOutOfBoundsException("rows[" + k + "] = " + rows[k] + " is outside [0, " + weights.length + ")");
      }
    }
    double[] w = new double[rows.length];
    int[] p = new int[rows.length];
    for (int k = 0; k < rows.length; k++) {
      w[k] = weights[rows[k]];
      p[k] = processIndex[rows[k]];
    }
    Map<String, Column> m = new LinkedHashMap<>();
    for (Column c : columns.values()) {
      m.put(c.name(), c.gather(rows));
    }
    return new EventTable(w, p, processNames, Collections.unmodifiableMap(m));
  }

  /**
   * Seeded random split into training, validation and test sets. A permutation of the events is drawn
   * with {@link SplittableRandom}{@code (seed)} (Fisher–Yates); the first round(f_train·N) events of
   * it go to training, the next round(f_val·N) to validation, the rest to test; each part keeps the
   * original event order. The same seed and table give the same split on every JVM. Weights are not
   * changed; use {@link Split#rescaled()} so that each part's Σw estimates the full table's.
   *
   * @throws IllegalArgumentException if a fraction is outside [0, 1] or they sum to more than 1
   */
  public Split split(double trainFraction, double validationFraction, long seed) {
    if (!(trainFraction >= 0 && trainFraction <= 1) || !(validationFraction >= 0 && validationFraction <= 1)
        || trainFraction + validationFraction > 1 + 1e-12) {
      throw new IllegalArgumentException("split fractions must be in [0, 1] with train + validation <= 1, got train="
          + trainFraction + ", validation=" + validationFraction);
    }
    int n = weights.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int nTrain = (int) Math.round(trainFraction * n);
    int nVal = Math.min(n - nTrain, (int) Math.round(validationFraction * n));
    int[] tr = Arrays.copyOfRange(perm, 0, nTrain);
    int[] va = Arrays.copyOfRange(perm, nTrain, nTrain + nVal);
    int[] te = Arrays.copyOfRange(perm, nTrain + nVal, n);
    Arrays.sort(tr);
    Arrays.sort(va);
    Arrays.sort(te);
    return new Split(select(tr), select(va), select(te), n);
  }

  /**
   * The three parts of a {@link #split}. {@code total} is the number of events of the split table.
   */
  public record Split(EventTable train, EventTable validation, EventTable test, int total) {
    /**
     * The parts with weights multiplied by N/N_part, so that each part alone estimates the yields
     * of the whole table (Σ_part w'_i ≈ Σ_all w_i). Empty parts stay empty.
     */
    public Split rescaled() {
      return new Split(scale(train), scale(validation), scale(test), total);
    }

    private EventTable scale(EventTable t) {
      return t.size() == 0 ? t : t.withScaledWeights((double) total / t.size());
    }
  }

  /** Approximate payload bytes: 8 per weight, 4 per process index, plus each column's storage. */
  public long payloadBytes() {
    long b = 12L * weights.length;
    for (Column c : columns.values()) {
      b += (long) c.size() * c.type().bytesPerValue();
    }
    return b;
  }

  @Override
  public String toString() {
    return "EventTable[" + size() + " events, Σw=" + sumWeights() + ", processes=" + processNames + ", columns="
        + abbreviate(columns.keySet()) + "]";
  }

  private void checkLength(String what, int len) {
    if (len != weights.length) {
      throw new IllegalArgumentException("column '" + what + "' has " + len + " values, the table has " + weights.length + " events");
    }
  }

  private static void checkWeights(double[] w, String what) {
    for (int i = 0; i < w.length; i++) {
      if (!Double.isFinite(w[i])) {
        throw new IllegalArgumentException(what + "[" + i + "] = " + w[i] + ": weights must be finite");
      }
    }
  }

  private static String requireName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " name must be a non-empty string, got " + (name == null ? "null" : "''"));
    }
    return name;
  }

  static String abbreviate(java.util.Collection<String> names) {
    List<String> l = new ArrayList<>(names);
    if (l.size() <= 12) {
      return l.toString();
    }
    return l.subList(0, 12) + " ... (" + l.size() + " in all)";
  }
}
