/**
 * Deep ensembles (Lakshminarayanan et al., arXiv:1612.01474): members trained with different seeds and
 * averaged, with their spread ({@link io.sumbin.summaries.ensemble.Ensembles} → {@link
 * io.sumbin.summaries.ensemble.EnsembleModel}). May import every other summaries package but diagnostics;
 * DJL stays out of its public API.
 */
package io.sumbin.summaries.ensemble;
