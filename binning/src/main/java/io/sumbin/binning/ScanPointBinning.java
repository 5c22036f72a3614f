package io.sumbin.binning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-scan-point binning for a family of observables O_θ′(x): at every scan point θ′ the events
 * are described by their own observable (e.g. the optimal observable r(x|θ′), or a learned
 * summary trained for θ′), binned with edges chosen for that point by a {@link BinningStrategy}
 * applied to reference weights w_ref(θ′). Each point then fills histograms of any weight vector
 * (the processes, or the templates of a polynomial yield) with <em>its</em> observable and edges,
 * which is what a per-point model family needs: at θ′ the test statistic is evaluated inside the
 * model built from point θ′'s histograms.
 *
 * <pre>{@code
 * List<ScanPointBinning<double[]>> family = ScanPointBinning.build(scan,
 *     theta -> observableAt(theta), theta -> weightsAt(theta), BinningStrategy.quantile(8));
 * Histogram sig = family.get(3).histogram(signalWeights);
 * }</pre>
 *
 * @param <P> the scan point type (e.g. {@code double[]} of Wilson coefficients)
 */
public final class ScanPointBinning<P> {
  private final P point;
  private final double[] values;
  private final double[] edges;
  private final double[] referenceWeights;

  private ScanPointBinning(P point, double[] values, double[] edges, double[] referenceWeights) {
    this.point = point;
    this.values = values;
    this.edges = edges;
    this.referenceWeights = referenceWeights;
  }

  /**
   * Computes O_θ′ and the edges at every point.
   *
   * @param observable θ′ ↦ per-event values O_θ′(x_i) (a fresh or caller-owned array, read once and
   *     copied)
   * @param referenceWeights θ′ ↦ per-event reference weights for the strategy (read, copied)
   * @throws IllegalArgumentException if the arrays of a point have inconsistent lengths (the message
   *     names the point index)
   */
  public static <P> List<ScanPointBinning<P>> build(List<P> points, Function<? super P, double[]> observable,
      Function<? super P, double[]> referenceWeights, BinningStrategy strategy) {
    List<ScanPointBinning<P>> out = new ArrayList<>(points.size());
    int n = -1;
    for (int k = 0; k < points.size(); k++) {
      P p = points.get(k);
      double[] v = observable.apply(p).clone();
      double[] w = referenceWeights.apply(p).clone();
      if (v.length != w.length || (n >= 0 && v.length != n)) {
        throw new IllegalArgumentException("scan point " + k + " (" + describe(p) + "): observable has " + v.length
            + " values, reference weights " + w.length + (n >= 0 ? ", earlier points had " + n : ""));
      }
      n = v.length;
      double[] e;
      try {
        e = strategy.edges(v, w);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("scan point " + k + " (" + describe(p) + "): " + ex.getMessage(), ex);
      }
      out.add(new ScanPointBinning<>(p, v, e, w));
    }
    return Collections.unmodifiableList(out);
  }

  /** As {@link #build(List, Function, Function, BinningStrategy)} with the same reference weights at every point. */
  public static <P> List<ScanPointBinning<P>> build(List<P> points, Function<? super P, double[]> observable,
      double[] referenceWeights, BinningStrategy strategy) {
    double[] w = referenceWeights.clone();
    return build(points, observable, p -> w, strategy);
  }

  /** The scan point θ′. */
  public P point() {
    return point;
  }

  /** A copy of the edges chosen at this point. */
  public double[] edges() {
    return edges.clone();
  }

  /** Number of bins at this point. */
  public int nbins() {
    return edges.length - 1;
  }

  /** Number of events. */
  public int size() {
    return values.length;
  }

  /** O_θ′(x_i). */
  public double value(int i) {
    return values[i];
  }

  /** A copy of O_θ′ for all events. */
  public double[] values() {
    return values.clone();
  }

  /** Histogram of the reference weights (default overflow policy). */
  public Histogram reference() {
    return Histogram.fill(edges, values, referenceWeights, OverflowPolicy.DEFAULT);
  }

  /** Histogram of O_θ′ with per-event weights {@code w} (read; one per event), default policy. */
  public Histogram histogram(double[] w) {
    return histogram(w, OverflowPolicy.DEFAULT);
  }

  /** Histogram of O_θ′ with per-event weights {@code w} (read). */
  public Histogram histogram(double[] w, OverflowPolicy policy) {
    if (w.length != values.length) {
      throw new IllegalArgumentException("scan point " + describe(point) + ": " + w.length + " weights for "
          + values.length + " events");
    }
    return Histogram.fill(edges, values, w, policy);
  }

  /** One histogram per named weight vector, in the map's order. */
  public Map<String, Histogram> histograms(Map<String, double[]> weightSets) {
    Map<String, Histogram> m = new LinkedHashMap<>();
    weightSets.forEach((name, w) -> m.put(name, histogram(w)));
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return "ScanPointBinning[point=" + describe(point) + ", edges=" + Arrays.toString(edges) + "]";
  }

  static String describe(Object p) {
    if (p instanceof double[] d) {
      return Arrays.toString(d);
    }
    return String.valueOf(p);
  }
}
