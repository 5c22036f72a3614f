package io.sumbin.binning.expr;

import io.sumbin.binning.Column;
import io.sumbin.binning.EventTable;
import io.sumbin.histmodel.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, compiled expression over the columns of an {@link EventTable}, evaluated for all events
 * at once: a selection {@code "m_jj > 300 && abs(deta_jj) > 2.5"} or a derived observable
 * {@code "log(pt_h)"}.
 *
 * <h2>Language</h2>
 * <ul>
 *   <li>numbers ({@code 3}, {@code 2.5}, {@code .5}, {@code 1e-3}); the constant {@code pi};</li>
 *   <li>column names: a letter or {@code _}, then letters, digits, {@code _} and {@code .}
 *       ({@code jet1.pt}); any other name in back-quotes ({@code `p_T [GeV]`}). The name
 *       {@code weight} means the per-event weight when the table has no column of that name;</li>
 *   <li>operators, lowest precedence first: {@code c ? a : b}; {@code || or}; {@code && and};
 *       {@code ! not}; {@code == !=}; {@code < <= > >=}; {@code + -}; {@code * / %}; unary
 *       {@code -}; {@code ^} or {@code **} (right-associative: {@code -2^2 = -4},
 *       {@code 2^3^2 = 512});</li>
 *   <li>functions {@code abs log log10 exp sqrt sin cos tan asin acos atan sinh cosh tanh floor ceil}
 *       (one argument), {@code pow atan2 hypot} (two), {@code min max} (two or more).</li>
 * </ul>
 *
 * <p>Semantics are those of IEEE doubles in Java: {@code log(-1)} is NaN, {@code 1/0} is +∞,
 * {@code %} is the remainder with the sign of the dividend (C {@code fmod}). Comparisons give 1 or 0
 * and are false when an operand is NaN. A value is <em>true</em> when it is non-zero and not NaN, so
 * {@link #test} never selects an event whose selection evaluated to NaN. {@code c ? a : b} evaluates
 * both branches (vectorised) and keeps one per event.
 *
 * <h2>Evaluation</h2>
 * The tree is compiled once, in {@link #parse}, into a straight-line program (constant sub-expressions
 * folded); {@link #evaluate} runs each instruction as one loop over a block of {@value #BLOCK} events.
 * Memory beyond the result is (number of instructions) × {@value #BLOCK} doubles. Instances are
 * immutable and thread-safe.
 *
 * <pre>{@code
 * Expression cut = Expression.parse("m_jj > 300 && abs(deta_jj) > 2.5");
 * EventTable vbf = cut.select(table);
 * double[] logPt = Expression.parse("log(pt_h)").evaluate(table);
 * }</pre>
 */
public final class Expression {
  /** Events per block of the vectorised evaluation. */
  public static final int BLOCK = 1024;

  private final String text;
  private final Program program;

  private Expression(String text, Program program) {
    this.text = text;
    this.program = program;
  }

  /**
   * Parses and compiles {@code text}.
   *
   * @throws BadInputException on a syntax error; the message quotes the expression and gives the
   *     1-based character column, e.g. {@code expression 'm_jj >> 3': unexpected '>' at column 7}
   */
  public static Expression parse(String text) {
    if (text == null) {
      throw new BadInputException("expression: null text");
    }
    Node root = new Parser(text).parseAll();
    return new Expression(text, Program.compile(root));
  }

  /** The source text. */
  public String text() {
    return text;
  }

  /** The column names the expression reads, in order of first appearance (may include {@code weight}). */
  public Set<String> columns() {
    return program.columnNames();
  }

  /** True when the expression reads no column (a constant). */
  public boolean isConstant() {
    return program.columnNames().isEmpty();
  }

  /**
   * Checks that every column the expression reads is available.
   *
   * @param available column names of the input (read)
   * @param source where the columns come from, for the message (a file name), or null
   * @throws BadInputException naming the first unknown column, its character column in the expression,
   *     the source and the available columns
   */
  public void requireColumns(Collection<String> available, String source) {
    for (Map.Entry<String, Integer> e : program.columnPositions().entrySet()) {
      String c = e.getKey();
      if (!available.contains(c) && !c.equals("weight")) {
        throw new BadInputException(quote(text) + ": unknown column '" + c + "' at column " + e.getValue()
            + (source == null ? "" : " in " + source) + " (available: " + abbreviate(available) + ")");
      }
    }
  }

  /**
   * The value for every event.
   *
   * @return a new array of {@code t.size()} values
   * @throws BadInputException if a column is missing (see {@link #requireColumns})
   */
  public double[] evaluate(EventTable t) {
    double[] out = new double[t.size()];
    evaluate(t, out);
    return out;
  }

  /**
   * The value for every event, into {@code out} (written, length ≥ {@code t.size()}).
   *
   * @throws BadInputException if a column is missing
   */
  public void evaluate(EventTable t, double[] out) {
    if (out.length < t.size()) {
      throw new IllegalArgumentException("output array has length " + out.length + ", need " + t.size());
    }
    requireColumns(t.columnNames(), null);
    List<String> names = program.columnList();
    Column[] cols = new Column[names.size()];
    double[] weights = null;
    for (int k = 0; k < cols.length; k++) {
      String name = names.get(k);
      if (t.hasColumn(name)) {
        cols[k] = t.column(name);
      } else if (weights == null) {
        weights = t.weights();
      }
    }
    double[][] regs = program.registers();
    int n = t.size();
    for (int start = 0; start < n; start += BLOCK) {
      int len = Math.min(BLOCK, n - start);
      for (int k = 0; k < cols.length; k++) {
        double[] dst = regs[program.columnRegister(k)];
        if (cols[k] != null) {
          cols[k].copyRange(start, len, dst, 0);
        } else {
          System.arraycopy(weights, start, dst, 0, len);
        }
      }
      program.run(regs, len);
      System.arraycopy(regs[program.resultRegister()], 0, out, start, len);
    }
  }

  /**
   * The truth value for every event: non-zero and not NaN.
   *
   * @throws BadInputException if a column is missing
   */
  public boolean[] test(EventTable t) {
    double[] v = evaluate(t);
    boolean[] b = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Op.truth(v[i]);
    }
    return b;
  }

  /** Number of events for which the expression is true (see {@link #test}). */
  public int count(EventTable t) {
    int c = 0;
    for (boolean b : test(t)) {
      c += b ? 1 : 0;
    }
    return c;
  }

  /**
   * The events for which the expression is true, in order (a new table; columns, weights and process
   * labels kept).
   *
   * @throws BadInputException if a column is missing
   */
  public EventTable select(EventTable t) {
    boolean[] keep = test(t);
    int[] rows = new int[keep.length];
    int n = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        rows[n++] = i;
      }
    }
    return t.select(Arrays.copyOf(rows, n));
  }

  /** The table with the values of this expression added as a double column {@code name} (or replacing it). */
  public EventTable withColumn(EventTable t, String name) {
    return t.withDoubleColumn(name, evaluate(t));
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Expression e && e.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  static String quote(String text) {
    return "expression '" + text + "'";
  }

  private static String abbreviate(Collection<String> names) {
    List<String> l = new ArrayList<>(names);
    return l.size() <= 20 ? l.toString() : l.subList(0, 20) + " ... (" + l.size() + " in all)";
  }

  /** The compiled straight-line program: one instruction per operator, registers of {@value #BLOCK} doubles. */
  static final class Program {
    private final int[] ops; // ordinal of Op
    private final int[] dst;
    private final int[] a;
    private final int[] b;
    private final int[] c;
    private final double[] constants; // value of each register that holds a constant (NaN otherwise)
    private final boolean[] isConstant;
    private final int nRegisters;
    private final int result;
    private final List<String> columns;
    private final int[] columnRegisters;
    private final Map<String, Integer> positions;

    private Program(Builder bld, int result) {
      int n = bld.ops.size();
      ops = new int[n];
      dst = new int[n];
      a = new int[n];
      b = new int[n];
      c = new int[n];
      for (int i = 0; i < n; i++) {
        int[] ins = bld.ops.get(i);
        ops[i] = ins[0];
        dst[i] = ins[1];
        a[i] = ins[2];
        b[i] = ins[3];
        c[i] = ins[4];
      }
      nRegisters = bld.nRegisters;
      constants = new double[nRegisters];
      isConstant = new boolean[nRegisters];
      for (Map.Entry<Integer, Double> e : bld.constants.entrySet()) {
        constants[e.getKey()] = e.getValue();
        isConstant[e.getKey()] = true;
      }
      this.result = result;
      columns = List.copyOf(bld.columnRegister.keySet());
      columnRegisters = bld.columnRegister.values().stream().mapToInt(Integer::intValue).toArray();
      positions = Collections.unmodifiableMap(new LinkedHashMap<>(bld.columnPosition));
    }

    static Program compile(Node root) {
      Builder bld = new Builder();
      int r = bld.emit(root);
      return new Program(bld, r);
    }

    Set<String> columnNames() {
      return Collections.unmodifiableSet(new LinkedHashSet<>(columns));
    }

    List<String> columnList() {
      return columns;
    }

    Map<String, Integer> columnPositions() {
      return positions;
    }

    int columnRegister(int k) {
      return columnRegisters[k];
    }

    int resultRegister() {
      return result;
    }

    /** Fresh registers with the constants filled in. */
    double[][] registers() {
      double[][] regs = new double[nRegisters][BLOCK];
      for (int r = 0; r < nRegisters; r++) {
        if (isConstant[r]) {
          Arrays.fill(regs[r], constants[r]);
        }
      }
      return regs;
    }

    void run(double[][] regs, int len) {
      Op[] all = OPS;
      for (int i = 0; i < ops.length; i++) {
        all[ops[i]].apply(regs[dst[i]], regs[a[i]], b[i] < 0 ? null : regs[b[i]], c[i] < 0 ? null : regs[c[i]], len);
      }
    }

    private static final Op[] OPS = Op.values();

    private static final class Builder {
      final List<int[]> ops = new ArrayList<>();
      final Map<Integer, Double> constants = new LinkedHashMap<>();
      final Map<String, Integer> columnRegister = new LinkedHashMap<>();
      final Map<String, Integer> columnPosition = new LinkedHashMap<>();
      int nRegisters;

      int constant(double v) {
        int r = nRegisters++;
        constants.put(r, v);
        return r;
      }

      /** Emits code for {@code n}; returns its register. */
      int emit(Node n) {
        if (n instanceof Node.Num num) {
          return constant(num.value());
        }
        if (n instanceof Node.Col col) {
          columnPosition.putIfAbsent(col.name(), col.column());
          return columnRegister.computeIfAbsent(col.name(), k -> nRegisters++);
        }
        Node.Apply ap = (Node.Apply) n;
        int[] args = new int[ap.args().size()];
        for (int i = 0; i < args.length; i++) {
          args[i] = emit(ap.args().get(i));
        }
        Op op = ap.op();
        if (op == Op.MIN || op == Op.MAX) {
          int acc = args[0];
          for (int i = 1; i < args.length; i++) {
            acc = binary(op, acc, args[i], -1);
          }
          return acc;
        }
        return binary(op, args[0], args.length > 1 ? args[1] : -1, args.length > 2 ? args[2] : -1);
      }

      private int binary(Op op, int x, int y, int z) {
        if (constants.containsKey(x) && (y < 0 || constants.containsKey(y)) && (z < 0 || constants.containsKey(z))) {
          double[] out = new double[1];
          op.apply(out, new double[] {constants.get(x)}, y < 0 ? null : new double[] {constants.get(y)},
              z < 0 ? null : new double[] {constants.get(z)}, 1);
          return constant(out[0]);
        }
        int r = nRegisters++;
        ops.add(new int[] {op.ordinal(), r, x, y, z});
        return r;
      }
    }
  }
}
