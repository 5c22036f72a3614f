package io.sumbin.summaries.onnx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.SummaryFormat;
import java.nio.file.Path;
import java.util.List;

/** Reads imported ONNX networks ({@link OnnxSummary}). Registered in {@code META-INF/services/io.sumbin.summaries.SummaryFormat}. */
public final class OnnxFormat implements SummaryFormat {

  @Override
  public List<String> methods() {
    return List.of(OnnxSummary.METHOD);
  }

  @Override
  public SavedModel load(Path dir, ObjectNode meta) {
    return OnnxSummary.load(dir, meta);
  }
}
