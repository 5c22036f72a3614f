package io.sumbin.summaries.ensemble;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.SummaryFormat;
import java.nio.file.Path;
import java.util.List;

/** Reads deep ensembles ({@link EnsembleModel}). Registered in {@code META-INF/services/io.sumbin.summaries.SummaryFormat}. */
public final class EnsembleFormat implements SummaryFormat {

  @Override
  public List<String> methods() {
    return List.of(EnsembleModel.METHOD);
  }

  @Override
  public SavedModel load(Path dir, ObjectNode meta) {
    return EnsembleModel.load(dir, meta);
  }
}
