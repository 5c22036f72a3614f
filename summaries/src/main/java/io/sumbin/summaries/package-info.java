/**
 * Learned per-event summaries with DJL (PyTorch engine, CPU, offline) — this root package is the small
 * public API: features ({@link io.sumbin.summaries.FeatureMatrix}, {@link io.sumbin.summaries.EventTables}),
 * hyperparameters ({@link io.sumbin.summaries.TrainingSettings}), the model types
 * ({@link io.sumbin.summaries.SavedModel}, {@link io.sumbin.summaries.LearnedSummary},
 * {@link io.sumbin.summaries.RatioEstimator}) and loading them ({@link io.sumbin.summaries.Summaries}, which
 * dispatches on the saved method through the registered {@link io.sumbin.summaries.SummaryFormat}s).
 *
 * <p>The packages, bottom up (checked by {@code SummariesLayeringTest}):
 * <pre>
 *   weights, persistence → (root) → loss → nn (internal, DJL) → derivative, ratio, onnx → event2vec → ensemble;
 *   ratio → shape;  diagnostics → (root), weights
 * </pre>
 * the methods: derivative learning of the score and its second derivatives (R_i = ∂r/∂c_i, R_ij; Brehmer et
 * al., arXiv:1805.00020), parametrised ratio classifiers (CARL arXiv:1506.02169, ALICE soft labels),
 * morphing-aware ratios, classifiers of weighted samples against a reference ({@code ratio.SampleClassifier}) and the
 * learned shape-systematic ratios built on them ({@code shape}), event2vec vector summaries, deep ensembles,
 * imported ONNX networks; with the weight
 * algebra they share with eft ({@link io.sumbin.summaries.weights.PolynomialBasis},
 * {@link io.sumbin.summaries.weights.Morphing}). DJL types appear in the public signatures of
 * {@code nn} only. The root package may import weights, persistence, binning and hist-model.
 */
package io.sumbin.summaries;
