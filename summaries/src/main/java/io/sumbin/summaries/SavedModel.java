package io.sumbin.summaries;

import java.nio.file.Path;
import java.util.List;

/**
 * A trained (or imported) network with its preprocessing and metadata. Saved as a directory holding
 * {@code summary.json} (inputs, scalers, hyperparameters, seed, library versions, loss history) and one
 * weight file per network; read back with {@link Summaries#load}. Models hold native memory:
 * close them (try-with-resources). Evaluation is thread-safe (calls on one model are serialized).
 */
public interface SavedModel extends AutoCloseable {

  /** Method tag as stored in the metadata ({@code derivative}, {@code carl}, {@code alice}, …). */
  String method();

  /** Names of the input features, in the order the network expects. */
  List<String> inputNames();

  /** The metadata as written to {@code summary.json}. */
  ModelInfo info();

  /**
   * Adds a free-form note to the metadata ({@code annotations.<key>} in {@code summary.json}), e.g. the
   * event files or the command line that produced the model. Saved with the next {@link #save}.
   */
  void annotate(String key, String value);

  /** Writes the model into {@code dir} (created if needed; files of the same names are replaced). */
  void save(Path dir);

  /** Frees the native memory. */
  @Override
  void close();
}
