package io.sumbin.summaries;

import java.util.List;

/**
 * A per-event summary s(x) ∈ ℝ^m: learned derivatives R_i(x), R_ij(x) (derivative learning), an
 * event2vec vector, soft-bin memberships, per-component ratios of a morphing-aware estimator, or the
 * outputs of an imported ONNX network. The rest of sumbin sees plain columns.
 */
public interface LearnedSummary extends SavedModel {

  /** Names of the m summary components. */
  List<String> outputNames();

  /**
   * s(x) for all events, computed in batches.
   *
   * @param x events with (at least) the {@link #inputNames() input features}; extra columns are ignored
   * @return {@code [m][n]}: one column per summary component
   */
  double[][] evaluate(FeatureMatrix x);

  /** The parameters the outputs refer to (e.g. R_a, R_ab of derivative learning), empty when none. */
  default List<String> parameterNames() {
    return List.of();
  }
}
