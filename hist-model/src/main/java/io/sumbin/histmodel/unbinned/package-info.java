/**
 * The extended unbinned likelihood over weighted events with per-event ratio columns and learned
 * shape ratios (the per-process density-ratio "master formula" of ATLAS NSBI, arXiv:2412.01600),
 * behind the same {@link io.sumbin.histmodel.likelihood.LikelihoodModel} contract as the binned model.
 * May import everything up to {@code infer.neyman} and the inference facade; not {@code family}.
 */
package io.sumbin.histmodel.unbinned;
