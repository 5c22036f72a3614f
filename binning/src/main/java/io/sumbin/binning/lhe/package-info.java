/**
 * Les Houches event files (arXiv:hep-ph/0609017, with MadGraph's reweighting extension): streaming
 * reader of plain or gzip files, the {@code <initrwgt>} weight declarations and per-event
 * {@code <rwgt>} weights, particles and the parton-level observables computed from them (VBF Higgs,
 * Drell–Yan + jet). Malformed files throw {@link io.sumbin.binning.lhe.LheFormatException} naming file
 * and line. May import {@code io.sumbin.binning} and hist-model's error hierarchy.
 */
package io.sumbin.binning.lhe;
