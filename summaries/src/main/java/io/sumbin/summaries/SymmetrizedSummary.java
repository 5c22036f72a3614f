package io.sumbin.summaries;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.persistence.MetaJson;
import java.nio.file.Path;
import java.util.List;

/**
 * A summary averaged over the orbit of a {@link FeatureSymmetry}: s̄(x) = (1/|G|) Σ_g s(g·x), exactly invariant.
 * Saved as the inner model with a {@code symmetry} entry in its {@code summary.json};
 * {@link Summaries#load} restores the wrapper. Closing it closes the inner model.
 */
public final class SymmetrizedSummary implements LearnedSummary {
  private final LearnedSummary inner;
  private final FeatureSymmetry symmetry;

  public SymmetrizedSummary(LearnedSummary inner, FeatureSymmetry symmetry) {
    this.inner = inner;
    this.symmetry = symmetry;
  }

  /** The wrapped summary. */
  public LearnedSummary inner() {
    return inner;
  }

  public FeatureSymmetry symmetry() {
    return symmetry;
  }

  @Override
  public List<String> outputNames() {
    return inner.outputNames();
  }

  @Override
  public List<String> parameterNames() {
    return inner.parameterNames();
  }

  @Override
  public double[][] evaluate(FeatureMatrix x) {
    int g = symmetry.order();
    double[][] sum = null;
    for (int e = 0; e < g; e++) {
      double[][] v = inner.evaluate(symmetry.apply(x, e));
      if (sum == null) {
        sum = v;
      } else {
        for (int k = 0; k < v.length; k++) {
          for (int i = 0; i < v[k].length; i++) {
            sum[k][i] += v[k][i];
          }
        }
      }
    }
    for (double[] c : sum) {
      for (int i = 0; i < c.length; i++) {
        c[i] /= g;
      }
    }
    return sum;
  }

  @Override
  public String method() {
    return inner.method();
  }

  @Override
  public List<String> inputNames() {
    return inner.inputNames();
  }

  @Override
  public ModelInfo info() {
    return inner.info();
  }

  @Override
  public void annotate(String key, String value) {
    inner.annotate(key, value);
  }

  @Override
  public void save(Path dir) {
    inner.save(dir);
    ObjectNode root = MetaJson.read(dir);
    root.set("symmetry", symmetry.json());
    MetaJson.write(dir, root);
  }

  @Override
  public void close() {
    inner.close();
  }
}
