/**
 * Learned shape-systematic ratios for the unbinned likelihood: per process J and systematic m, the
 * per-event factor g_Jm(x, α) = p_J(x|α)/p_J(x|0) of the ATLAS neural simulation-based inference
 * master formula (arXiv:2412.01600, 2412.01548)
 *
 * <pre>
 *   p(x|μ, α)/p_ref(x) = (1/ν(μ, α)) Σ_J f_J(μ) ν_J p_J(x)/p_ref(x) Π_m G_Jm(α_m) g_Jm(x, α_m),
 * </pre>
 *
 * learned at α = ±1 by classifiers of nominal against varied simulation (the CARL density-ratio trick,
 * arXiv:1506.02169), calibrated on held-out events, and handed to
 * {@code io.sumbin.histmodel.unbinned.UnbinnedModel.Builder#shape} as float columns. The rate part
 * G_Jm(±1) = σ_J(±1)/σ_J(0) (weight-sum ratios) is returned separately for a normalisation effect.
 *
 * <p>Entry points: {@link io.sumbin.summaries.shape.ShapeRatios#train} → {@link
 * io.sumbin.summaries.shape.ShapeRatio} (columns, rates, closure, save/load). May import
 * {@code io.sumbin.summaries} (the public, DJL-free API), its {@code persistence} and the sample classifier of
 * {@code ratio}, {@code io.sumbin.binning}, Jackson; no DJL.
 */
package io.sumbin.summaries.shape;
