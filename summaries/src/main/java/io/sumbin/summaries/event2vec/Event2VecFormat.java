package io.sumbin.summaries.event2vec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.SummaryFormat;
import java.nio.file.Path;
import java.util.List;

/** Reads event2vec summaries, pairwise and binwise ({@link Event2VecSummary}). Registered in {@code META-INF/services/io.sumbin.summaries.SummaryFormat}. */
public final class Event2VecFormat implements SummaryFormat {

  @Override
  public List<String> methods() {
    return List.of(Event2Vec.METHOD, Event2Vec.METHOD_BINWISE);
  }

  @Override
  public SavedModel load(Path dir, ObjectNode meta) {
    return Event2VecSummary.load(dir, meta);
  }
}
