package io.sumbin.summaries.ensemble;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.TrainingHistory;
import java.util.List;

/**
 * What a training run produced (the {@code sumbin train} contract): the inputs it saw, the members
 * of the model, and the first member's history (epochs, the kept epoch, its loss) with the totals
 * over all members (time, whether any diverged).
 *
 * @param bestEpoch the kept epoch, counted from 1
 * @param seconds training time summed over the members, rounded to milliseconds
 */
public record TrainingReport(
    String method,
    String out,
    int events,
    @JsonProperty("dropped_events") int droppedEvents,
    List<String> features,
    List<String> parameters,
    int members,
    int epochs,
    @JsonProperty("best_epoch") int bestEpoch,
    @JsonProperty("best_loss") double bestLoss,
    @JsonProperty("stopped_early") boolean stoppedEarly,
    boolean diverged,
    double seconds,
    @JsonProperty("examples_per_second") double examplesPerSecond) {

  /** The histories of a saved model: one per ensemble member, or the model's own. */
  public static List<TrainingHistory> histories(SavedModel m) {
    if (m instanceof EnsembleModel e) {
      return e.members().stream().map(s -> s.info().history()).toList();
    }
    return List.of(m.info().history());
  }

  /** The report of a model trained by {@code method} on {@code events} events and saved in {@code out}. */
  public static TrainingReport of(String method, String out, int events, int dropped, List<String> features,
      List<String> parameters, List<TrainingHistory> hs) {
    TrainingHistory h = hs.get(0);
    return new TrainingReport(method, out, events, dropped, features, parameters, hs.size(), h.epochs(), h.bestEpoch() + 1,
        h.bestLoss(), h.stoppedEarly(), hs.stream().anyMatch(TrainingHistory::diverged),
        Math.round(hs.stream().mapToDouble(TrainingHistory::seconds).sum() * 1000) / 1000.0, h.examplesPerSecond());
  }
}
