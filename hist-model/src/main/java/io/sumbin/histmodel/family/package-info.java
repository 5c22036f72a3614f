/**
 * Per-scan-point model families: one model per point θ′ with its own observable, binning, templates
 * and data, t(θ′) evaluated inside point θ′'s model; scans, intervals, limits, Asimov data and belts
 * over the whole family, and the fit diagnostics of one point ({@code infer.diagnostics}). May import
 * everything up to {@code infer.neyman}, {@code infer.diagnostics} and the inference facade; not {@code unbinned}.
 */
package io.sumbin.histmodel.family;
