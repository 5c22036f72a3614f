package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.interp.InterpCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The additive modifiers ({@code histosys}): modifier h of unit u ({@code h = start[u] ..
 * start[u+1]−1}) shifts bin b of the unit by δ_b(α), α = θ[{@code param[h]}], interpolated with
 * {@code code[h]} through δ(+1) = {@code up[data[h] + b]} = hi − nominal and δ(−1) =
 * −{@code dn[data[h] + b]}, {@code dn} = nominal − lo. The evaluator keeps the shifts' first and second derivatives in
 * scratch arrays of {@link #nBins} entries, modifier h at {@code flat0[h]}. Immutable.
 */
final class HistosysShifts {
  /** Per unit, first modifier (length nUnits + 1). */
  final int[] start;
  final int[] param;
  final InterpCode[] code;
  /** Offset into {@link #up} / {@link #dn} (the unit's bins). */
  final int[] data;
  /** Offset into the evaluator's per-histosys-bin scratch. */
  final int[] flat0;
  /** Total histosys bins (scratch size). */
  final int nBins;
  final double[] up;
  final double[] dn;

  private HistosysShifts(Builder b) {
    this.start = ModelCompiler.toIntArray(b.start);
    this.param = ModelCompiler.toIntArray(b.param);
    this.code = b.code.toArray(new InterpCode[0]);
    this.data = ModelCompiler.toIntArray(b.data);
    this.flat0 = ModelCompiler.toIntArray(b.flat0);
    this.nBins = b.flat;
    this.up = ModelCompiler.toArray(b.up);
    this.dn = ModelCompiler.toArray(b.dn);
  }

  /** Collects modifiers unit by unit. */
  static final class Builder {
    private final List<Integer> start = new ArrayList<>();
    private final List<Integer> param = new ArrayList<>();
    private final List<InterpCode> code = new ArrayList<>();
    private final List<Integer> data = new ArrayList<>();
    private final List<Integer> flat0 = new ArrayList<>();
    private final List<Double> up = new ArrayList<>();
    private final List<Double> dn = new ArrayList<>();
    private int flat;

    /** Starts the next unit (call once per unit). */
    void beginUnit() {
      start.add(param.size());
    }

    /** Adds a modifier to the current unit ({@code up}, {@code dn} read: the unit's bins). */
    void add(int param, InterpCode code, double[] up, double[] dn) {
      this.param.add(param);
      this.code.add(code);
      data.add(this.up.size());
      flat0.add(flat);
      flat += up.length;
      for (int b = 0; b < up.length; b++) {
        this.up.add(up[b]);
        this.dn.add(dn[b]);
      }
    }

    HistosysShifts build() {
      start.add(param.size());
      return new HistosysShifts(this);
    }
  }
}
