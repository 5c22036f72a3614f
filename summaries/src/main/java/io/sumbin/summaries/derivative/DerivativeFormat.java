package io.sumbin.summaries.derivative;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.SummaryFormat;
import java.nio.file.Path;
import java.util.List;

/** Reads derivative-learning models ({@link DerivativeSummary}). Registered in {@code META-INF/services/io.sumbin.summaries.SummaryFormat}. */
public final class DerivativeFormat implements SummaryFormat {

  @Override
  public List<String> methods() {
    return List.of(DerivativeLearning.METHOD);
  }

  @Override
  public SavedModel load(Path dir, ObjectNode meta) {
    return DerivativeSummary.load(dir, meta);
  }
}
