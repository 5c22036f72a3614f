package io.sumbin.summaries.ratio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.SummaryFormat;
import io.sumbin.summaries.loss.RatioLoss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads parametrized ratio classifiers ({@link ParametrizedRatio}, method = the tag of any registered {@link RatioLoss}), morphing-aware ratios ({@link MorphingRatio}) and classifiers of samples against a reference ({@link SampleClassifier}). Registered in {@code META-INF/services/io.sumbin.summaries.SummaryFormat}. */
public final class RatioFormat implements SummaryFormat {

  @Override
  public List<String> methods() {
    List<String> tags = new ArrayList<>(RatioLoss.tags());
    tags.add(MorphingAwareRatio.METHOD);
    tags.add(SampleClassifier.METHOD);
    return tags;
  }

  @Override
  public SavedModel load(Path dir, ObjectNode meta) {
    return switch (meta.path("method").asText()) {
      case MorphingAwareRatio.METHOD -> MorphingRatio.load(dir, meta);
      case SampleClassifier.METHOD -> SampleClassifier.load(dir, meta);
      default -> ParametrizedRatio.load(dir, meta);
    };
  }
}
