package io.sumbin.eft;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.binning.Histogram;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The classical analyses a physicist tries first, as yardsticks for learned observables: a histogram of every
 * single feature and of every pair of features, with equal-yield bins of the reference (SM) weights — 1-D:
 * {@code bins} quantile bins; 2-D: {@code n} quantile slices of the first feature, each cut into {@code n}
 * quantile bins of the second (so that all n² cells have equal yield), for n = 5 and 10.
 *
 * <p>The best single feature and the best pair are <em>selected on the training events</em> and their
 * information is reported on the test events (debiased, with jackknife errors, {@link FisherInformation}):
 * selecting the maximum of 110 noisy pair estimates on the test events themselves would inflate the baseline
 * by its own noise (a winner's curse the learned observables do not get). The test-set maximum is kept for
 * the record. A learned observable "beats classical" only if it beats the best of these.
 */
public final class ClassicalBaselines {
  private ClassicalBaselines() {}

  /**
   * One classical histogram.
   *
   * @param features its one or two features
   * @param binning {@code "10"} or {@code "10x10"}, …
   * @param fisher its information on the evaluated events
   */
  public record Histogram1or2(List<String> features, String binning, FisherInformation.Estimate fisher) {}

  /**
   * The baselines of one coefficient.
   *
   * @param reference the named reference histogram (e.g. m_jj), on the test events
   * @param best1d the best single feature (selected on the training events), on the test events
   * @param best2d the best pair (selected on the training events), on the test events
   * @param best2dOnTest the largest pair information among all pairs on the test events (optimistic: selected
   *     on the events it is measured on)
   */
  public record Result(Histogram1or2 reference, Histogram1or2 best1d, Histogram1or2 best2d, Histogram1or2 best2dOnTest) {}

  /** Grid sizes of the 2-D baselines. */
  public static final int[] PAIR_BINS = {5, 10};

  /**
   * Selects the best single feature and pair on {@code train} and evaluates them, the reference histogram of
   * {@code referenceColumn} and all pairs on {@code test}, for coefficient {@code coefficient} at the SM.
   *
   * @param luminosityFb integrated luminosity in fb⁻¹ (the information scales with it; weights in pb)
   */
  public static Result evaluate(EftEvents train, EftEvents test, String coefficient, List<String> features,
      String referenceColumn, int bins, double luminosityFb) {
    double luminosityPb = Units.perPb(luminosityFb);
    double[] wTr = train.smWeights();
    double[] dTr = train.smDerivativeWeights(coefficient);
    double[] wTe = test.smWeights();
    double[] dTe = test.smDerivativeWeights(coefficient);
    // selection on the training events (point estimates, no errors)
    String best1 = null;
    double b1 = Double.NEGATIVE_INFINITY;
    for (String f : features) {
      double v = FisherInformation.binned(quantileBins(train.table().doubles(f), wTr, bins), bins, wTr, dTr, 1, 0, 0).value();
      if (v > b1) {
        b1 = v;
        best1 = f;
      }
    }
    String[] best2 = null;
    int best2n = 0;
    double b2 = Double.NEGATIVE_INFINITY;
    Histogram1or2 onTest = null;
    // the outer slices of a feature are the same for every partner: cut once per feature, grid and sample
    java.util.Map<String, int[]> slices = new java.util.HashMap<>();
    for (String f : features) {
      for (int n : PAIR_BINS) {
        slices.put("train " + n + " " + f, quantileBins(train.table().doubles(f), wTr, n));
        slices.put("test " + n + " " + f, quantileBins(test.table().doubles(f), wTe, n));
      }
    }
    for (int p = 0; p < features.size(); p++) {
      for (int q = 0; q < features.size(); q++) {
        if (p == q) {
          continue;
        }
        String fa = features.get(p);
        String fb = features.get(q);
        for (int n : PAIR_BINS) {
          double v = FisherInformation.binned(nestedBins(slices.get("train " + n + " " + fa), train.table().doubles(fb), wTr, n, n),
              n * n, wTr, dTr, 1, 0, 0).value();
          if (v > b2) {
            b2 = v;
            best2 = new String[] {fa, fb};
            best2n = n;
          }
          FisherInformation.Estimate t = FisherInformation.binned(nestedBins(slices.get("test " + n + " " + fa),
              test.table().doubles(fb), wTe, n, n), n * n, wTe, dTe, luminosityPb, 0, 0);
          if (onTest == null || t.value() > onTest.fisher().value()) {
            onTest = new Histogram1or2(List.of(fa, fb), n + "x" + n, t);
          }
        }
      }
    }
    Histogram1or2 ref = oneD(test, referenceColumn, wTe, dTe, bins, luminosityPb);
    Histogram1or2 h1 = oneD(test, best1, wTe, dTe, bins, luminosityPb);
    Histogram1or2 h2 = new Histogram1or2(List.of(best2), best2n + "x" + best2n, FisherInformation.binned(
        nestedBins(test.table().doubles(best2[0]), test.table().doubles(best2[1]), wTe, best2n, best2n), best2n * best2n, wTe,
        dTe, luminosityPb));
    // the test-set maximum with its error
    String[] fo = onTest.features().toArray(new String[0]);
    int no = Integer.parseInt(onTest.binning().split("x")[0]);
    onTest = new Histogram1or2(onTest.features(), onTest.binning(), FisherInformation.binned(
        nestedBins(test.table().doubles(fo[0]), test.table().doubles(fo[1]), wTe, no, no), no * no, wTe, dTe, luminosityPb));
    return new Result(ref, h1, h2, onTest);
  }

  private static Histogram1or2 oneD(EftEvents ev, String f, double[] w, double[] dw, int bins, double scale) {
    return new Histogram1or2(List.of(f), Integer.toString(bins),
        FisherInformation.binned(quantileBins(ev.table().doubles(f), w, bins), bins, w, dw, scale));
  }

  /**
   * Features ordered for a learned observable's candidate input sets: first the best single feature (by its
   * information in 2 × {@code bins} equal-yield bins on these events — finer than the analysis binning, so that
   * narrow structures such as the W and Z peaks of m_jj count), then the others by the information of the pair
   * they form with it (the best of 5 × 5 and 10 × 10 and both nesting orders, as for the classical pairs).
   */
  public static List<String> ranking(EftEvents ev, String coefficient, List<String> features, int bins) {
    double[] w = ev.smWeights();
    double[] dw = ev.smDerivativeWeights(coefficient);
    int fine = 2 * bins;
    String first = features.stream().max(Comparator.comparingDouble(
        f -> FisherInformation.binned(quantileBins(ev.table().doubles(f), w, fine), fine, w, dw, 1, 0, 0).value())).orElseThrow();
    List<String> rest = new ArrayList<>(features);
    rest.remove(first);
    double[] a = ev.table().doubles(first);
    // each pair's information once (the comparator would recompute it at every comparison; same order)
    java.util.Map<String, Double> pair = new java.util.HashMap<>();
    for (String f : rest) {
      pair.put(f, pairInformation(a, ev.table().doubles(f), w, dw));
    }
    rest.sort(Comparator.comparingDouble(f -> -pair.get(f)));
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  /** The best information of the pair (a, b) over both nesting orders and the grids {@link #PAIR_BINS}. */
  static double pairInformation(double[] a, double[] b, double[] w, double[] dw) {
    double best = Double.NEGATIVE_INFINITY;
    for (int n : PAIR_BINS) {
      best = Math.max(best, FisherInformation.binned(nestedBins(a, b, w, n, n), n * n, w, dw, 1, 0, 0).value());
      best = Math.max(best, FisherInformation.binned(nestedBins(b, a, w, n, n), n * n, w, dw, 1, 0, 0).value());
    }
    return best;
  }

  /**
   * Bin of every event in {@code bins} equal-yield bins of {@code values} (edges from these events and
   * {@code weights}); events outside the outer edges go to the outer bins, NaN values to no bin (−1).
   */
  public static int[] quantileBins(double[] values, double[] weights, int bins) {
    double[] e = BinningStrategy.quantile(bins).edges(values, finiteWeights(values, weights));
    return assign(e, values, 0, bins);
  }

  /** Nested equal-yield cells: na quantile slices of a, each cut into nb quantile bins of b (cell = slice·nb + bin). */
  public static int[] nestedBins(double[] a, double[] b, double[] weights, int na, int nb) {
    return nestedBins(quantileBins(a, weights, na), b, weights, na, nb);
  }

  /** {@link #nestedBins(double[], double[], double[], int, int)} with the slices of a given ({@code quantileBins(a, weights, na)}). */
  private static int[] nestedBins(int[] slice, double[] b, double[] weights, int na, int nb) {
    int n = slice.length;
    int[] out = new int[n];
    // the events of every slice, ascending (one counting pass instead of one scan per slice)
    int[] start = new int[na + 1];
    for (int i = 0; i < n; i++) {
      if (slice[i] >= 0 && slice[i] < na) {
        start[slice[i] + 1]++;
      }
    }
    for (int s = 0; s < na; s++) {
      start[s + 1] += start[s];
    }
    int[] members = new int[start[na]];
    int[] fill = java.util.Arrays.copyOf(start, na);
    for (int i = 0; i < n; i++) {
      if (slice[i] >= 0 && slice[i] < na) {
        members[fill[slice[i]]++] = i;
      }
    }
    for (int s = 0; s < na; s++) {
      int[] idx = java.util.Arrays.copyOfRange(members, start[s], start[s + 1]);
      double[] x = new double[idx.length];
      double[] w = new double[idx.length];
      for (int k = 0; k < x.length; k++) {
        x[k] = b[idx[k]];
        w[k] = Double.isNaN(x[k]) ? 0 : weights[idx[k]];
      }
      int[] inner;
      if (x.length == 0 || !(java.util.Arrays.stream(w).sum() > 0)) {
        inner = new int[x.length];
      } else {
        inner = quantileBins(x, w, nb);
      }
      for (int k = 0; k < x.length; k++) {
        out[idx[k]] = inner[k] < 0 ? -1 : s * nb + inner[k];
      }
    }
    for (int i = 0; i < n; i++) {
      if (slice[i] < 0) {
        out[i] = -1;
      }
    }
    return out;
  }

  private static int[] assign(double[] e, double[] values, int offset, int bins) {
    int[] out = Histogram.foldedBins(e, values);
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= 0) {
        out[i] += offset;
      }
    }
    return out;
  }

  private static double[] finiteWeights(double[] v, double[] w) {
    double[] o = w.clone();
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        o[i] = 0;
      }
    }
    return o;
  }
}
