package io.sumbin.summaries;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Loading saved models: reads {@code summary.json}, checks its format and dispatches on its {@code method}
 * tag to the registered {@link SummaryFormat}; a {@code symmetry} entry wraps a per-event summary in its
 * {@link SymmetrizedSummary}.
 */
public final class Summaries {
  private Summaries() {}

  /** The registered formats by method tag, loaded once on first use. */
  private static final class Registry {
    static final Map<String, SummaryFormat> FORMATS = load();

    private static Map<String, SummaryFormat> load() {
      Map<String, SummaryFormat> m = new LinkedHashMap<>();
      for (SummaryFormat f : ServiceLoader.load(SummaryFormat.class, SummaryFormat.class.getClassLoader())) {
        for (String tag : f.methods()) {
          SummaryFormat previous = m.putIfAbsent(tag, f);
          if (previous != null) {
            throw new IllegalStateException("method tag '" + tag + "' is registered by both "
                + previous.getClass().getName() + " and " + f.getClass().getName());
          }
        }
      }
      return Map.copyOf(m);
    }
  }

  /** The method tags of the registered {@link SummaryFormat}s. */
  public static Set<String> methods() {
    return Registry.FORMATS.keySet();
  }

  /**
   * Reads a model directory written by {@link SavedModel#save}.
   *
   * @throws SummaryFormatException naming the file and JSON path when the directory is not a valid model
   */
  public static SavedModel load(Path dir) {
    ObjectNode root = MetaJson.read(dir);
    Path file = dir.resolve(MetaJson.FILE);
    String method = MetaJson.text(file, root, "", "method");
    SummaryFormat format = Registry.FORMATS.get(method);
    if (format == null) {
      throw new SummaryFormatException(file, "method", "unknown method '" + method + "'");
    }
    SavedModel m = format.load(dir, root);
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
