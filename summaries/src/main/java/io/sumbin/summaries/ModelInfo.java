package io.sumbin.summaries;

import java.util.List;
import java.util.Map;

/**
 * The metadata of a saved model (the common part of {@code summary.json}).
 *
 * @param method method tag
 * @param inputs input feature names
 * @param outputs summary component names (empty for pure ratio estimators)
 * @param parameters parameter names θ (empty when the model is not parametrized)
 * @param settings hyperparameters (null for imported models)
 * @param history loss history (null for imported models and ensembles)
 * @param versions library versions at training time
 * @param created ISO-8601 creation time
 * @param json the complete metadata as JSON text
 */
public record ModelInfo(
    String method, List<String> inputs, List<String> outputs, List<String> parameters, TrainingSettings settings,
    TrainingHistory history, Map<String, String> versions, String created, String json) {

  public ModelInfo {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    parameters = List.copyOf(parameters);
    versions = Map.copyOf(versions);
  }

  /**
   * The metadata of an imported model (trained elsewhere): no parameters, hyperparameters or loss history.
   */
  public static ModelInfo imported(String method, List<String> inputs, List<String> outputs, Map<String, String> versions,
      String created, String json) {
    return new ModelInfo(method, inputs, outputs, List.of(), null, null, versions, created, json);
  }
}
