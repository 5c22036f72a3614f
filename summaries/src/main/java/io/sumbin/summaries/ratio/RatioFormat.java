package io.sumbin.summaries.ratio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.SummaryFormat;
import io.sumbin.summaries.loss.RatioLoss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads parametrized ratio classifiers ({@link ParametrizedRatio}, method = the tag of any registered {@link RatioLoss}) and morphing-aware ratios ({@link MorphingRatio}). Registered in {@code META-INF/services/io.sumbin.summaries.SummaryFormat}. */
public final class RatioFormat implements SummaryFormat {

  @Override
  public List<String> methods() {
    List<String> tags = new ArrayList<>(RatioLoss.tags());
    tags.add(MorphingAwareRatio.METHOD);
    return tags;
  }

  @Override
  public SavedModel load(Path dir, ObjectNode meta) {
    return MorphingAwareRatio.METHOD.equals(meta.path("method").asText()) ? MorphingRatio.load(dir, meta)
        : ParametrizedRatio.load(dir, meta);
  }
}
