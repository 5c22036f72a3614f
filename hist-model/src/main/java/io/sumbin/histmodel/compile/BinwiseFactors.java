package io.sumbin.histmodel.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * The multiplicative modifiers with one parameter per bin — {@code shapesys}, {@code staterror},
 * {@code shapefactor}: modifier q of unit u ({@code q = start[u] .. start[u+1]−1}) multiplies bin b
 * of the unit by θ[{@code param[index[q] + b]}], or leaves it alone where that entry is −1. Immutable.
 */
final class BinwiseFactors {
  /** Per unit, first modifier (length nUnits + 1). */
  final int[] start;
  /** Per modifier, offset of its per-bin parameters in {@link #param}. */
  final int[] index;
  /** Parameter per (modifier, bin), −1 where the modifier does not act. */
  final int[] param;

  private BinwiseFactors(Builder b) {
    this.start = ModelCompiler.toIntArray(b.start);
    this.index = ModelCompiler.toIntArray(b.index);
    this.param = ModelCompiler.toIntArray(b.param);
  }

  /** Collects modifiers unit by unit. */
  static final class Builder {
    private final List<Integer> start = new ArrayList<>();
    private final List<Integer> index = new ArrayList<>();
    private final List<Integer> param = new ArrayList<>();

    /** Starts the next unit (call once per unit). */
    void beginUnit() {
      start.add(index.size());
    }

    /** Adds a modifier to the current unit: its parameter per bin, −1 where it does not act (read). */
    void add(int[] paramPerBin) {
      index.add(param.size());
      for (int p : paramPerBin) {
        param.add(p);
      }
    }

    BinwiseFactors build() {
      start.add(index.size());
      return new BinwiseFactors(this);
    }
  }
}
