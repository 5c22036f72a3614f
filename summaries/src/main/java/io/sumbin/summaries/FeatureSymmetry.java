package io.sumbin.summaries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A finite group of sign flips of input features under which the physics is invariant, e.g. for VBF Higgs
 * production with CP-even operators the azimuthal reflection (Δφ_jj → −Δφ_jj) and the exchange of the two
 * proton beams (η → −η for every object, which also reverses the signed Δφ_jj). A learned conditional mean
 * E[R|x] is then invariant too: training on every mirror image of every event (each a valid event with the
 * same weights) and averaging the prediction over the orbit reduces its variance as if the sample were
 * larger (for noisy derivative labels, by up to the order of the group).
 *
 * @param flips the group's non-identity elements, each the list of feature names it negates
 */
public record FeatureSymmetry(List<List<String>> flips) {
  public FeatureSymmetry {
    List<List<String>> c = new ArrayList<>();
    for (List<String> f : flips) {
      if (f.isEmpty()) {
        throw new IllegalArgumentException("a symmetry element must negate at least one feature");
      }
      c.add(List.copyOf(f));
    }
    flips = List.copyOf(c);
  }

  /** Number of group elements (with the identity). */
  public int order() {
    return flips.size() + 1;
  }

  /** x with the features of element g negated (g = 0: x itself; names absent from x are ignored). */
  public FeatureMatrix apply(FeatureMatrix x, int g) {
    if (g == 0) {
      return x;
    }
    List<String> neg = flips.get(g - 1);
    double[][] cols = new double[x.cols()][];
    for (int j = 0; j < x.cols(); j++) {
      cols[j] = x.column(j);
      if (neg.contains(x.names().get(j))) {
        for (int i = 0; i < cols[j].length; i++) {
          cols[j][i] = -cols[j][i];
        }
      }
    }
    return FeatureMatrix.ofColumns(x.names(), cols);
  }

  /** All mirror images stacked: rows g·n .. (g+1)·n − 1 hold element g of the n events. */
  public FeatureMatrix augment(FeatureMatrix x) {
    int n = x.rows();
    int g = order();
    double[][] cols = new double[x.cols()][n * g];
    for (int e = 0; e < g; e++) {
      FeatureMatrix m = apply(x, e);
      for (int j = 0; j < x.cols(); j++) {
        System.arraycopy(m.column(j), 0, cols[j], e * n, n);
      }
    }
    return FeatureMatrix.ofColumns(x.names(), cols);
  }

  ArrayNode json() {
    ArrayNode a = MetaJson.F.arrayNode();
    for (List<String> f : flips) {
      a.add(MetaJson.strings(f));
    }
    return a;
  }

  static FeatureSymmetry read(Path file, JsonNode v) {
    if (!v.isArray()) {
      throw new SummaryFormatException(file, "symmetry", "expected an array of feature-name lists, got " + v);
    }
    List<List<String>> flips = new ArrayList<>();
    for (int g = 0; g < v.size(); g++) {
      JsonNode e = v.get(g);
      if (!e.isArray() || e.isEmpty()) {
        throw new SummaryFormatException(file, "symmetry[" + g + "]", "expected a non-empty array of feature names");
      }
      List<String> names = new ArrayList<>();
      for (JsonNode s : e) {
        if (!s.isTextual()) {
          throw new SummaryFormatException(file, "symmetry[" + g + "]", "expected feature names, got " + s);
        }
        names.add(s.asText());
      }
      flips.add(names);
    }
    return new FeatureSymmetry(flips);
  }
}
