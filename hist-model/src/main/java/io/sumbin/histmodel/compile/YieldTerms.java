package io.sumbin.histmodel.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * POI-dependent yields (sumbin's extension of pyhf): the yield of unit u is Σ_k f_k(θ)·T_k over its
 * terms {@code k = start[u] .. start[u+1]−1}, with template T_k = {@code templates[data[k] ..]} (the
 * unit's bins) and coefficient function {@code functions[fn[k]]}. The parameters of function i are
 * {@code fnPar[fnStart[i] .. fnStart[i+1]−1]} (the same as {@code functions[i].par()}, flat for the
 * gradient loops). Immutable; {@link CompiledCoefficient} is stateless, so evaluators share it.
 */
final class YieldTerms {
  /** Per unit, first term (length nUnits + 1). */
  final int[] start;
  /** Per term, its coefficient function. */
  final int[] fn;
  /** Per term, offset of its template in {@link #templates}. */
  final int[] data;
  final double[] templates;
  /** Number of coefficient functions. */
  final int nFn;
  final CompiledCoefficient[] functions;
  /** Per function, first entry in {@link #fnPar} (length nFn + 1). */
  final int[] fnStart;
  final int[] fnPar;
  /** Largest number of parameters of one function (≥ 1: scratch size). */
  final int maxFnPars;

  private YieldTerms(Builder b) {
    this.start = ModelCompiler.toIntArray(b.start);
    this.fn = ModelCompiler.toIntArray(b.fn);
    this.data = ModelCompiler.toIntArray(b.data);
    this.templates = ModelCompiler.toArray(b.templates);
    this.nFn = b.functions.size();
    this.functions = b.functions.toArray(new CompiledCoefficient[0]);
    this.fnStart = new int[nFn + 1];
    int k = 0;
    int max = 1;
    for (int i = 0; i < nFn; i++) {
      fnStart[i] = k;
      k += functions[i].par().length;
      max = Math.max(max, functions[i].par().length);
    }
    fnStart[nFn] = k;
    this.fnPar = new int[k];
    for (int i = 0; i < nFn; i++) {
      System.arraycopy(functions[i].par(), 0, fnPar, fnStart[i], functions[i].par().length);
    }
    this.maxFnPars = max;
  }

  /** Collects terms unit by unit. */
  static final class Builder {
    private final List<Integer> start = new ArrayList<>();
    private final List<Integer> fn = new ArrayList<>();
    private final List<Integer> data = new ArrayList<>();
    private final List<Double> templates = new ArrayList<>();
    private final List<CompiledCoefficient> functions = new ArrayList<>();

    /** Starts the next unit (call once per unit, also for units without terms). */
    void beginUnit() {
      start.add(fn.size());
    }

    /** Adds a term f(θ)·T to the current unit ({@code template} read). */
    void add(CompiledCoefficient f, double[] template) {
      fn.add(functions.size());
      functions.add(f);
      data.add(templates.size());
      for (double v : template) {
        templates.add(v);
      }
    }

    YieldTerms build() {
      start.add(fn.size());
      return new YieldTerms(this);
    }
  }
}
