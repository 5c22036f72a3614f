package io.sumbin.summaries.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.InputEncoding;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.special.Erf;

/**
 * The fitted non-affine input maps of {@link InputEncoding} (the affine standardization that follows is a
 * {@link Standardizer}). {@code knots[j]} holds, for {@link InputEncoding#QUANTILE}, the K quantiles of feature j
 * at probabilities q/(K−1), and for {@link InputEncoding#PIECEWISE_LINEAR} the distinct edges of its quantile
 * bins. Immutable; stored in {@code summary.json} under {@code input_encoding}.
 */
public final class FeatureEncoding {
  /** Knots of the quantile map (resolution of a thousandth of the events). */
  static final int QUANTILE_KNOTS = 1001;

  final InputEncoding kind;
  private final double[][] knots;

  private FeatureEncoding(InputEncoding kind, double[][] knots) {
    this.kind = kind;
    this.knots = knots;
  }

  /** Fits the map on the finite values of every feature (null for {@link InputEncoding#STANDARD}). */
  public static FeatureEncoding fit(FeatureMatrix x, InputEncoding kind, int bins) {
    if (kind == InputEncoding.STANDARD) {
      return null;
    }
    double[][] out = new double[x.cols()][];
    for (int j = 0; j < x.cols(); j++) {
      double[] v = Arrays.stream(x.column(j)).filter(Double::isFinite).sorted().toArray();
      if (v.length == 0) {
        throw new IllegalArgumentException("input encoding: feature '" + x.names().get(j) + "' has no finite value");
      }
      int k = kind == InputEncoding.QUANTILE ? QUANTILE_KNOTS : bins + 1;
      double[] q = new double[k];
      for (int t = 0; t < k; t++) {
        double pos = (double) t / (k - 1) * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        q[t] = v[lo] + (pos - lo) * (v[hi] - v[lo]);
      }
      out[j] = kind == InputEncoding.QUANTILE ? q : Arrays.stream(q).distinct().toArray();
      if (out[j].length < 2) { // a constant feature: one component that is always 0
        out[j] = new double[] {q[0], q[0] + 1};
      }
    }
    return new FeatureEncoding(kind, out);
  }

  /** Number of network inputs for the encoded features. */
  int width() {
    if (kind == InputEncoding.QUANTILE) {
      return knots.length;
    }
    int w = 0;
    for (double[] k : knots) {
      w += k.length - 1;
    }
    return w;
  }

  /** The network input width of a model: encoded width, or the number of features without an encoding. */
  static int width(FeatureEncoding e, int features) {
    return e == null ? features : e.width();
  }

  /** The encoded columns of x (x holds the model's features in order). */
  public FeatureMatrix apply(FeatureMatrix x) {
    if (x.cols() != knots.length) {
      throw new IllegalArgumentException("input encoding fitted on " + knots.length + " features, got " + x.cols());
    }
    List<String> names = new ArrayList<>();
    List<double[]> cols = new ArrayList<>();
    int n = x.rows();
    for (int j = 0; j < knots.length; j++) {
      double[] v = x.column(j);
      double[] k = knots[j];
      if (kind == InputEncoding.QUANTILE) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
          z[i] = quantileScore(k, v[i]);
        }
        names.add(x.names().get(j));
        cols.add(z);
      } else {
        for (int t = 0; t + 1 < k.length; t++) {
          double[] e = new double[n];
          double lo = k[t];
          double w = k[t + 1] - lo;
          for (int i = 0; i < n; i++) {
            double a = v[i];
            e[i] = Double.isNaN(a) ? 0 : a <= lo ? 0 : a >= k[t + 1] ? 1 : (a - lo) / w;
          }
          names.add(x.names().get(j) + "#" + t);
          cols.add(e);
        }
      }
    }
    return FeatureMatrix.ofColumns(names, cols.toArray(new double[0][]));
  }

  /** Φ⁻¹ of the interpolated empirical distribution function; ties get their mean rank, tails stay finite. */
  static double quantileScore(double[] k, double v) {
    int n = k.length;
    if (Double.isNaN(v)) {
      return 0;
    }
    double p;
    if (v <= k[0]) {
      p = 0;
    } else if (v >= k[n - 1]) {
      p = 1;
    } else {
      int lo = lowerBound(k, v);
      int hi = upperBound(k, v);
      if (lo < hi) {
        p = 0.5 * (lo + hi - 1) / (n - 1);
      } else {
        p = (lo - 1 + (v - k[lo - 1]) / (k[lo] - k[lo - 1])) / (n - 1);
      }
    }
    double eps = 0.5 / (n - 1);
    p = Math.max(eps, Math.min(1 - eps, p));
    return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] < v) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] <= v) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  public ObjectNode json() {
    ObjectNode o = MetaJson.F.objectNode();
    o.put("kind", kind.name());
    ArrayNode a = o.putArray("knots");
    for (double[] k : knots) {
      a.add(MetaJson.doubles(k));
    }
    return o;
  }

  /** The encoding stored in a model's metadata (null when there is none: standardized inputs). */
  static FeatureEncoding read(Path file, JsonNode root, int features) {
    JsonNode o = root.get("input_encoding");
    if (o == null || o.isNull()) {
      return null;
    }
    InputEncoding kind;
    try {
      kind = InputEncoding.valueOf(MetaJson.text(file, o, "input_encoding", "kind"));
    } catch (IllegalArgumentException e) {
      throw new SummaryFormatException(file, "input_encoding.kind", "unknown input encoding " + o.get("kind"));
    }
    JsonNode ks = MetaJson.required(file, o, "input_encoding", "knots");
    if (!ks.isArray() || ks.size() != features) {
      throw new SummaryFormatException(file, "input_encoding.knots", "expected one knot list per input (" + features + ")");
    }
    double[][] knots = new double[features][];
    for (int j = 0; j < features; j++) {
      knots[j] = MetaJson.doubleArray(file, ks.get(j), "input_encoding.knots[" + j + "]");
      for (int t = 0; t < knots[j].length; t++) {
        if (!Double.isFinite(knots[j][t]) || (t > 0 && !(knots[j][t] >= knots[j][t - 1]))
            || (kind == InputEncoding.PIECEWISE_LINEAR && t > 0 && knots[j][t] == knots[j][t - 1])) {
          throw new SummaryFormatException(file, "input_encoding.knots[" + j + "]", "knots must be finite and increasing");
        }
      }
      if (knots[j].length < 2) {
        throw new SummaryFormatException(file, "input_encoding.knots[" + j + "]", "need at least 2 knots");
      }
    }
    return new FeatureEncoding(kind, knots);
  }
}
