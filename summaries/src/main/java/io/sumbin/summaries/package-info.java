/**
 * Learned per-event summaries with DJL (PyTorch engine, CPU, offline): derivative learning of the
 * score and its second derivatives (R_i = ∂r/∂c_i, R_ij; Brehmer et al., arXiv:1805.00020), parametrised
 * ratio classifiers (CARL arXiv:1506.02169, ALICE soft labels), morphing-aware ratios, event2vec vector
 * summaries, classifiers of weighted samples against a reference ({@link io.sumbin.summaries.SampleClassifier},
 * the network part of the learned shape ratios in {@code io.sumbin.summaries.shape}), deep ensembles,
 * persistence (weights + JSON metadata) and diagnostics plots, with the weight algebra they share with eft ({@link io.sumbin.summaries.PolynomialBasis},
 * {@link io.sumbin.summaries.Morphing}). DJL types never leave this package's public API. May import
 * binning and hist-model.
 */
package io.sumbin.summaries;
