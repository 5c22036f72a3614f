package io.sumbin.summaries;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A saved-model format: reads the model directories whose {@code summary.json} carries one of its
 * {@link #methods() method tags}. {@link Summaries#load} dispatches on the tag through the formats
 * registered in {@code META-INF/services/io.sumbin.summaries.SummaryFormat} (one line per format), so that a
 * new summary method is one package plus one registration line and this package knows none of them.
 * Implementations need a public no-argument constructor.
 */
public interface SummaryFormat {

  /** The {@code method} tags of {@code summary.json} this format reads. */
  List<String> methods();

  /**
   * Reads the model in {@code dir}.
   *
   * @param meta the parsed {@code summary.json} (its format and version already checked)
   * @throws io.sumbin.summaries.persistence.SummaryFormatException naming the file and JSON path when invalid
   */
  SavedModel load(Path dir, ObjectNode meta);
}
