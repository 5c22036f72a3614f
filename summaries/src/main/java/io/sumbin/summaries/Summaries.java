package io.sumbin.summaries;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** Loading saved models. */
public final class Summaries {
  private Summaries() {}

  /**
   * Reads a model directory written by {@link SavedModel#save}.
   *
   * @throws SummaryFormatException naming the file and JSON path when the directory is not a valid model
   */
  public static SavedModel load(Path dir) {
    ObjectNode root = MetaJson.read(dir);
    Path file = dir.resolve(MetaJson.FILE);
    String method = MetaJson.text(file, root, "", "method");
    SavedModel m = switch (method) {
      case DerivativeLearning.METHOD -> DerivativeSummary.load(dir, root);
      case "carl", "alice" -> ParametrizedRatio.load(dir, root);
      case MorphingAwareRatio.METHOD -> MorphingRatio.load(dir, root);
      case Event2Vec.METHOD, Event2Vec.METHOD_BINWISE -> Event2VecSummary.load(dir, root);
      case EnsembleModel.METHOD -> EnsembleModel.load(dir, root);
      case OnnxSummary.METHOD -> OnnxSummary.load(dir, root);
      case SampleClassifier.METHOD -> SampleClassifier.load(dir, root);
      default -> throw new SummaryFormatException(file, "method", "unknown method '" + method + "'");
    };
    if (root.has("symmetry")) {
      if (!(m instanceof LearnedSummary s)) {
        m.close();
        throw new SummaryFormatException(file, "symmetry", "only per-event summaries can be symmetrized");
      }
      try {
        return new SymmetrizedSummary(s, FeatureSymmetry.read(file, root.get("symmetry")));
      } catch (RuntimeException e) {
        m.close();
        throw e;
      }
    }
    return m;
  }

  /** Reads a model that provides a per-event summary (see {@link #load}). */
  public static LearnedSummary loadSummary(Path dir) {
    SavedModel m = load(dir);
    if (m instanceof LearnedSummary s) {
      return s;
    }
    m.close();
    throw new SummaryFormatException(dir.resolve(MetaJson.FILE), "method", "a '" + m.method()
        + "' model gives log-ratios for a parameter point, not a per-event summary");
  }

  /** Reads a model that estimates log r(x|θ, θ₀) (see {@link #load}). */
  public static RatioEstimator loadRatio(Path dir) {
    SavedModel m = load(dir);
    if (m instanceof RatioEstimator r) {
      return r;
    }
    m.close();
    throw new SummaryFormatException(dir.resolve(MetaJson.FILE), "method", "a '" + m.method()
        + "' model is not a likelihood-ratio estimator");
  }
}
