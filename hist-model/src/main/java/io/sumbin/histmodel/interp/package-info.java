/**
 * Interpolation of normsys and histosys modifiers between their ±1σ variations: pyhf's codes 0, 1,
 * 2, 4 and 4p (HistFactory, CERN-OPEN-2012-016; pyhf arXiv:2211.15838), with analytic first and
 * second derivatives. Imports nothing of sumbin.
 */
package io.sumbin.histmodel.interp;
