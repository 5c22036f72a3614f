/**
 * A small vectorised expression language over the columns of an {@link io.sumbin.binning.EventTable}:
 * selections ({@code "m_jj > 300 && abs(deta_jj) > 2.5"}) and derived observables
 * ({@code "log(pt_h)"}, {@code "sqrt(px^2 + py^2)"}).
 *
 * <p>{@link io.sumbin.binning.expr.Expression#parse} reads the text once into a tree and compiles it
 * into a straight-line program over blocks of {@code double} values (one instruction per operator,
 * each instruction a tight loop over a block of events); evaluation never walks the tree per event
 * and never boxes. The parser is hand-written (about 300 lines): the expression libraries on Maven
 * Central (exp4j, EvalEx, JEXL, MVEL, SpEL) interpret per value with boxing or per-call overhead, and
 * none evaluates over arrays.
 *
 * <p>May import {@code io.sumbin.binning} and {@code io.sumbin.histmodel} (the error hierarchy) only.
 */
package io.sumbin.binning.expr;
