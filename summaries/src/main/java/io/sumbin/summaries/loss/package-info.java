/**
 * Losses of the likelihood-ratio classifiers ({@link io.sumbin.summaries.loss.RatioLoss}; CARL
 * arXiv:1506.02169, ALICE arXiv:1808.00973). May import the summaries root package and weights; no DJL.
 */
package io.sumbin.summaries.loss;
