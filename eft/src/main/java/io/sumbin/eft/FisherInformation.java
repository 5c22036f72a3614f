package io.sumbin.eft;

import java.util.SplittableRandom;

/**
 * Fisher information of one parameter c at a point, estimated from weighted Monte-Carlo events with
 * weights w_i and weight derivatives ∂w_i = ∂w_i/∂c (both scaled to expected events by a luminosity),
 * for the three ways an analysis can use the events:
 *
 * <pre>
 *   binned (hard or soft bins s_bi):   I = Σ_b (Σ_i s_bi ∂w_i)² / Σ_i s_bi w_i
 *   a linear statistic R̂(x):          I = (Σ_i ∂w_i R̂_i)² / Σ_i w_i R̂_i²
 *   unbinned (exact per-event ratio):  I = Σ_i ∂w_i² / w_i
 * </pre>
 *
 * <p><b>Debiasing.</b> The squared template derivative of the first two is biased upward by the Monte-Carlo
 * noise of the events: E[(Σ_i s_bi ∂w_i)²] = (E Σ_i s_bi ∂w_i)² + Var(Σ_i s_bi ∂w_i), and the variance is
 * estimated without bias by Σ_i s_bi² ∂w_i² (independent events, the usual sum of squared weights). The
 * estimate subtracts it: I = Σ_b [(Σ s ∂w)² − Σ s² ∂w²] / Σ s w. Where a few heavy events dominate Σ ∂w² the
 * plug-in value is mostly this noise (and for a histogram of pure noise the debiased value is ≈ 0 where the
 * plug-in would count one unit of information per bin). The unbinned estimate is an unbiased Monte-Carlo
 * sum and is left as it is. The denominator's fluctuation is second order and not corrected.
 *
 * <p><b>Errors.</b> The standard error is the standard deviation of the debiased estimate over bootstrap
 * replicates of the events (resampled with replacement, seeded, {@value #DEFAULT_REPLICATES} by default); an
 * event drawn k times enters a replicate as one event of weight k·w (so its squared weight is k²).
 *
 * <p>Hand-written (no library offers weighted-MC Fisher information with this bias correction); the
 * per-bin sums are single passes over the events, so a bootstrap of 10⁵ events × 200 replicates takes a
 * fraction of a second.
 */
public final class FisherInformation {
  private FisherInformation() {}

  /** Bootstrap replicates of the standard error by default. */
  public static final int DEFAULT_REPLICATES = 200;

  /** Seed of the bootstrap by default (results are reproducible). */
  public static final long DEFAULT_SEED = 20261201L;

  /**
   * One estimate.
   *
   * @param value the debiased information (may be slightly negative for an observable with none)
   * @param error its bootstrap standard error (NaN with no replicates)
   * @param plugIn the plug-in (biased) value
   */
  public record Estimate(double value, double error, double plugIn) {
    /** The noise term the debiasing removed. */
    public double bias() {
      return plugIn - value;
    }

    /** This estimate scaled by a constant (luminosity). */
    public Estimate times(double f) {
      return new Estimate(value * f, error * Math.abs(f), plugIn * f);
    }

    /** value/other.value with the error of a ratio of independent estimates. */
    public double[] over(Estimate other) {
      double r = value / other.value;
      double e = Math.abs(r) * Math.hypot(error / value, other.error / other.value);
      return new double[] {r, e};
    }
  }

  /**
   * Hard bins: event i in bin {@code bin[i]} (negative: in no bin).
   *
   * @param bin bin index per event (read)
   * @param nbins number of bins
   * @param w weights (read)
   * @param dw weight derivatives (read)
   * @param scale factor applied to the result (e.g. the luminosity in pb⁻¹)
   */
  public static Estimate binned(int[] bin, int nbins, double[] w, double[] dw, double scale, int replicates, long seed) {
    check(w, dw, bin.length);
    int n = w.length;
    double plug = 0;
    double value;
    {
      double[] s = new double[3 * nbins];
      for (int i = 0; i < n; i++) {
        int b = bin[i];
        if (b >= 0) {
          s[3 * b] += w[i];
          s[3 * b + 1] += dw[i];
          s[3 * b + 2] += dw[i] * dw[i];
        }
      }
      double[] pv = reduce(s, nbins);
      plug = pv[0];
      value = pv[1];
    }
    double err = Double.NaN;
    if (replicates > 1) {
      SplittableRandom rng = new SplittableRandom(seed);
      int[] k = new int[n];
      double[] s = new double[3 * nbins];
      double sum = 0;
      double sum2 = 0;
      for (int r = 0; r < replicates; r++) {
        draw(k, rng);
        java.util.Arrays.fill(s, 0);
        for (int i = 0; i < n; i++) {
          int b = bin[i];
          if (b >= 0 && k[i] > 0) {
            double kw = k[i];
            s[3 * b] += kw * w[i];
            s[3 * b + 1] += kw * dw[i];
            s[3 * b + 2] += kw * kw * dw[i] * dw[i];
          }
        }
        double v = reduce(s, nbins)[1];
        sum += v;
        sum2 += v * v;
      }
      err = std(sum, sum2, replicates);
    }
    return new Estimate(value * scale, err * scale, plug * scale);
  }

  /** {@link #binned} with {@link #DEFAULT_REPLICATES} replicates and the default seed. */
  public static Estimate binned(int[] bin, int nbins, double[] w, double[] dw, double scale) {
    return binned(bin, nbins, w, dw, scale, DEFAULT_REPLICATES, DEFAULT_SEED);
  }

  /**
   * Soft bins: event i contributes s[b][i] ≥ 0 to bin b (a softmax summary; Σ_i w_i s(x_i) is a soft-binned
   * histogram).
   *
   * @param soft soft assignment, [bins][events] (read)
   */
  public static Estimate soft(double[][] soft, double[] w, double[] dw, double scale, int replicates, long seed) {
    int nb = soft.length;
    check(w, dw, nb == 0 ? w.length : soft[0].length);
    int n = w.length;
    double[] s = new double[3 * nb];
    accumulateSoft(soft, w, dw, null, s);
    double[] pv = reduce(s, nb);
    double err = Double.NaN;
    if (replicates > 1) {
      SplittableRandom rng = new SplittableRandom(seed);
      int[] k = new int[n];
      double sum = 0;
      double sum2 = 0;
      for (int r = 0; r < replicates; r++) {
        draw(k, rng);
        java.util.Arrays.fill(s, 0);
        accumulateSoft(soft, w, dw, k, s);
        double v = reduce(s, nb)[1];
        sum += v;
        sum2 += v * v;
      }
      err = std(sum, sum2, replicates);
    }
    return new Estimate(pv[1] * scale, err * scale, pv[0] * scale);
  }

  /**
   * The information a linear statistic Σ_i n_i R̂(x_i) carries about c (the learned score used unbinned):
   * (Σ ∂w R̂)² / Σ w R̂², debiased by Σ (∂w R̂)² in the numerator.
   *
   * @param stat R̂ per event (read)
   */
  public static Estimate linear(double[] stat, double[] w, double[] dw, double scale, int replicates, long seed) {
    check(w, dw, stat.length);
    int n = w.length;
    double[] wr = new double[n];
    double[] dr = new double[n];
    for (int i = 0; i < n; i++) {
      wr[i] = w[i] * stat[i] * stat[i];
      dr[i] = dw[i] * stat[i];
    }
    int[] one = new int[n];
    // one bin whose "yield" is Σ w R̂² and "derivative" Σ ∂w R̂: the binned formula with one bin
    return binned(one, 1, wr, dr, scale, replicates, seed);
  }

  /**
   * Unbinned information Σ_i ∂w_i² / w_i (events with w_i ≤ 0 skipped), an unbiased Monte-Carlo estimate of
   * ∫ (∂p)²/p; its bootstrap error shows how much a few heavy events decide it.
   */
  public static Estimate unbinned(double[] w, double[] dw, double scale, int replicates, long seed) {
    check(w, dw, w.length);
    int n = w.length;
    double[] c = new double[n];
    double v = 0;
    for (int i = 0; i < n; i++) {
      if (w[i] > 0) {
        c[i] = dw[i] * dw[i] / w[i];
        v += c[i];
      }
    }
    double err = Double.NaN;
    if (replicates > 1) {
      SplittableRandom rng = new SplittableRandom(seed);
      int[] k = new int[n];
      double sum = 0;
      double sum2 = 0;
      for (int r = 0; r < replicates; r++) {
        draw(k, rng);
        double x = 0;
        for (int i = 0; i < n; i++) {
          x += k[i] * c[i];
        }
        sum += x;
        sum2 += x * x;
      }
      err = std(sum, sum2, replicates);
    }
    return new Estimate(v * scale, err * scale, v * scale);
  }

  private static void accumulateSoft(double[][] soft, double[] w, double[] dw, int[] k, double[] s) {
    int n = w.length;
    for (int b = 0; b < soft.length; b++) {
      double[] sb = soft[b];
      double a = 0;
      double d = 0;
      double q = 0;
      for (int i = 0; i < n; i++) {
        double kw = k == null ? 1 : k[i];
        if (kw == 0) {
          continue;
        }
        double x = sb[i] * kw;
        a += x * w[i];
        double y = x * dw[i];
        d += y;
        q += y * y;
      }
      s[3 * b] = a;
      s[3 * b + 1] = d;
      s[3 * b + 2] = q;
    }
  }

  /** {plug-in, debiased} from per-bin {Σ w, Σ ∂w, Σ ∂w²}. */
  private static double[] reduce(double[] s, int nb) {
    double plug = 0;
    double deb = 0;
    for (int b = 0; b < nb; b++) {
      double nu = s[3 * b];
      if (nu > 0) {
        double d = s[3 * b + 1];
        plug += d * d / nu;
        deb += (d * d - s[3 * b + 2]) / nu;
      }
    }
    return new double[] {plug, deb};
  }

  /** Bootstrap counts: n draws with replacement. */
  private static void draw(int[] k, SplittableRandom rng) {
    java.util.Arrays.fill(k, 0);
    int n = k.length;
    for (int i = 0; i < n; i++) {
      k[rng.nextInt(n)]++;
    }
  }

  private static double std(double sum, double sum2, int r) {
    double mean = sum / r;
    return Math.sqrt(Math.max(0, (sum2 - r * mean * mean) / (r - 1)));
  }

  private static void check(double[] w, double[] dw, int n) {
    if (w.length != dw.length || w.length != n) {
      throw new IllegalArgumentException("Fisher information: " + w.length + " weights, " + dw.length + " derivatives, " + n
          + " assignments");
    }
  }
}
