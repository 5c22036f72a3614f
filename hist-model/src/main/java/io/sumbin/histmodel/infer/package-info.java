/**
 * Frequentist inference on a fitted model: the test statistics q_μ, q̃_μ, t_μ, t̃_μ, q₀ of Cowan,
 * Cranmer, Gross and Vitells (arXiv:1007.1727), Asimov data sets, asymptotic CLs with the expected
 * band, upper limits by root finding and by scan, 1-D and 2-D profile-likelihood scans, their
 * intervals and contours. May import every package up to {@code fit} and {@code parallel}; the
 * toy-based calculators live in {@code infer.toys}, belts in {@code infer.neyman}.
 */
package io.sumbin.histmodel.infer;
