package io.sumbin.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link InformationBinning}: the dynamic programme finds the best contiguous merging (checked against brute
 * force over all partitions), and on a sample whose score has a narrow spike it isolates the spike where
 * equal-yield bins dilute it.
 */
class InformationBinningTest {
  static final double EXACT = 1e-9;

  /** Debiased information of bins given by edges. */
  static double info(double[] edges, double[] x, double[] w, double[] dw) {
    int nb = edges.length - 1;
    double[] a = new double[nb];
    double[] d = new double[nb];
    double[] q = new double[nb];
    for (int i = 0; i < x.length; i++) {
      int b = Math.max(0, Math.min(nb - 1, Histogram.binIndex(edges, x[i])));
      a[b] += w[i];
      d[b] += dw[i];
      q[b] += dw[i] * dw[i];
    }
    double s = 0;
    for (int b = 0; b < nb; b++) {
      if (a[b] > 0) {
        s += (d[b] * d[b] - q[b]) / a[b];
      }
    }
    return s;
  }

  @Test
  void dynamicProgrammeEqualsBruteForceOverAllContiguousPartitions() {
    SplittableRandom r = new SplittableRandom(2);
    int n = 3000;
    double[] x = new double[n];
    double[] w = new double[n];
    double[] dw = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble();
      w[i] = 1;
      double score = Math.sin(9 * x[i]) + (x[i] > 0.42 && x[i] < 0.47 ? 4 : 0);
      dw[i] = score + 3 * (r.nextDouble() - 0.5);
    }
    int fine = 12;
    int bins = 4;
    double[] fe = BinningStrategy.quantile(fine).edges(x, w);
    double best = Double.NEGATIVE_INFINITY;
    // every choice of 3 inner cut positions among the 11 inner fine edges
    for (int a = 1; a < fine; a++) {
      for (int b = a + 1; b < fine; b++) {
        for (int c = b + 1; c < fine; c++) {
          double v = info(new double[] {fe[0], fe[a], fe[b], fe[c], fe[fine]}, x, w, dw);
          best = Math.max(best, v);
        }
      }
    }
    double[] e = InformationBinning.edges(x, w, dw, bins, fine);
    assertThat(e).hasSize(bins + 1);
    assertThat(info(e, x, w, dw)).as("information of the programme's edges vs the brute-force optimum").isCloseTo(best,
        within(EXACT * Math.abs(best)));
  }

  @Test
  void isolatesANarrowInformativeRegionThatEqualYieldBinsDilute() {
    SplittableRandom r = new SplittableRandom(9);
    int n = 20_000;
    double[] x = new double[n];
    double[] w = new double[n];
    double[] dw = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
      w[i] = 1.0 / n;
      // the score is 0 except in a narrow band holding 4 % of the events (a resonance peak)
      double score = x[i] > 0.5 && x[i] < 0.6 ? 5 : 0;
      dw[i] = w[i] * score;
    }
    double[] eq = BinningStrategy.quantile(5).edges(x, w);
    double[] opt = InformationBinning.edges(x, w, dw, 5, InformationBinning.DEFAULT_FINE);
    double iEq = info(eq, x, w, dw);
    double iOpt = info(opt, x, w, dw);
    // the exact information of the band alone: p·s² with p ≈ 3.8 %
    double p = 0;
    for (int i = 0; i < n; i++) {
      p += x[i] > 0.5 && x[i] < 0.6 ? w[i] : 0;
    }
    // with 50 fine bins of 2 % the band (3.4 %) is covered up to the fine bins' granularity
    assertThat(iOpt).as("optimal bins recover most of p·s² = %s", p * 25).isGreaterThan(0.65 * p * 25);
    assertThat(iOpt).as("optimal vs equal-yield").isGreaterThan(2 * iEq);
    // finer merging resolves it almost exactly
    double iFine = info(InformationBinning.edges(x, w, dw, 5, 400), x, w, dw);
    assertThat(iFine).as("400 fine bins").isGreaterThan(0.9 * p * 25);
  }
}
