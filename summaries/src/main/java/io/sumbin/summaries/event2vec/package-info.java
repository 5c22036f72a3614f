/**
 * event2vec vector summaries s(x) · (π(θ₁) − π(θ₀)) trained on sampled parameter pairs, and their binwise
 * variant ({@link io.sumbin.summaries.event2vec.Event2Vec} → {@link
 * io.sumbin.summaries.event2vec.Event2VecSummary}). May import the root package, weights, persistence,
 * loss, nn, derivative and ratio; DJL stays out of its public API.
 */
package io.sumbin.summaries.event2vec;
