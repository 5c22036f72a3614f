package io.sumbin.eft;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.util.Cholesky;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

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
 * and, for a model with nuisance parameters, the {@linkplain #profiled profiled} information of the
 * model's expected (Fisher) matrix, I = 1/(F⁻¹)_cc (Cramér–Rao with the nuisance parameters profiled).
 * With no nuisance parameters and templates from the same events the profiled value is the binned plug-in.
 *
 * <p><b>Debiasing.</b> The squared template derivative of the first two is biased upward by the Monte-Carlo
 * noise of the events: E[(Σ_i s_bi ∂w_i)²] = (E Σ_i s_bi ∂w_i)² + Var(Σ_i s_bi ∂w_i), and the variance is
 * estimated without bias by Σ_i s_bi² ∂w_i² (independent events, the usual sum of squared weights). The
 * estimate subtracts it: I = Σ_b [(Σ s ∂w)² − Σ s² ∂w²] / Σ s w. Where a few heavy events dominate Σ ∂w² the
 * plug-in value is mostly this noise (and for a histogram of pure noise the debiased value is ≈ 0 where the
 * plug-in would count one unit of information per bin). The unbinned estimate is an unbiased Monte-Carlo
 * sum and is left as it is. The denominator's fluctuation is second order and not corrected.
 *
 * <p><b>Errors.</b> The standard error is a seeded delete-group jackknife: the events are dealt at random into
 * {@value #DEFAULT_GROUPS} groups, the estimate is recomputed without each group (rescaled by G/(G − 1) for the
 * missing weight) and Var = (G − 1)/G Σ_g (I_(g) − Ī)². Where the Monte-Carlo noise dominates the binned information
 * the debiased estimate is close to a degenerate U-statistic, for which the nonparametric bootstrap over events is
 * not consistent: on the noise-dominated toy of {@code FisherInformationTest} it overstates the error by 40 %,
 * the jackknife by less than 10 %.
 *
 * <p>Hand-written (no library offers weighted-MC Fisher information with this bias correction); the
 * per-bin sums are single passes over the events (the jackknife keeps per-group sums), so an estimate with its
 * error for 10⁵ events takes a
 * fraction of a second.
 */
public final class FisherInformation {
  private FisherInformation() {}

  /** Jackknife groups of the standard error by default. */
  public static final int DEFAULT_GROUPS = 20;

  /** Alias of {@link #DEFAULT_GROUPS} for callers that think of resampling replicates. */
  public static final int DEFAULT_REPLICATES = DEFAULT_GROUPS;

  /** Seed of the group assignment by default (results are reproducible). */
  public static final long DEFAULT_SEED = 20261201L;

  /**
   * One estimate.
   *
   * @param value the debiased information (may be slightly negative for an observable with none)
   * @param error its jackknife standard error (NaN with fewer than 2 groups)
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
  public static Estimate binned(int[] bin, int nbins, double[] w, double[] dw, double scale, int groups, long seed) {
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
    if (groups > 1) {
      int[] g = groups(n, groups, seed);
      double[][] per = new double[groups][3 * nbins];
      for (int i = 0; i < n; i++) {
        int b = bin[i];
        if (b >= 0) {
          double[] s = per[g[i]];
          s[3 * b] += w[i];
          s[3 * b + 1] += dw[i];
          s[3 * b + 2] += dw[i] * dw[i];
        }
      }
      err = jackknife(per, nbins);
    }
    return new Estimate(value * scale, err * scale, plug * scale);
  }

  /** {@link #binned} with {@link #DEFAULT_GROUPS} jackknife groups and the default seed. */
  public static Estimate binned(int[] bin, int nbins, double[] w, double[] dw, double scale) {
    return binned(bin, nbins, w, dw, scale, DEFAULT_REPLICATES, DEFAULT_SEED);
  }

  /**
   * Soft bins: event i contributes s[b][i] ≥ 0 to bin b (a softmax summary; Σ_i w_i s(x_i) is a soft-binned
   * histogram).
   *
   * @param soft soft assignment, [bins][events] (read)
   */
  public static Estimate soft(double[][] soft, double[] w, double[] dw, double scale, int groups, long seed) {
    int nb = soft.length;
    check(w, dw, nb == 0 ? w.length : soft[0].length);
    int n = w.length;
    double[] s = new double[3 * nb];
    accumulateSoft(soft, w, dw, s);
    double[] pv = reduce(s, nb);
    double err = Double.NaN;
    if (groups > 1) {
      int[] g = groups(n, groups, seed);
      double[][] per = new double[groups][3 * nb];
      for (int b = 0; b < nb; b++) {
        double[] sb = soft[b];
        for (int i = 0; i < n; i++) {
          double[] t = per[g[i]];
          double x = sb[i];
          double y = x * dw[i];
          t[3 * b] += x * w[i];
          t[3 * b + 1] += y;
          t[3 * b + 2] += y * y;
        }
      }
      err = jackknife(per, nb);
    }
    return new Estimate(pv[1] * scale, err * scale, pv[0] * scale);
  }

  /**
   * The information a linear statistic Σ_i n_i R̂(x_i) carries about c (the learned score used unbinned):
   * (Σ ∂w R̂)² / Σ w R̂², debiased by Σ (∂w R̂)² in the numerator.
   *
   * @param stat R̂ per event (read)
   */
  public static Estimate linear(double[] stat, double[] w, double[] dw, double scale, int groups, long seed) {
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
    return binned(one, 1, wr, dr, scale, groups, seed);
  }

  /**
   * Unbinned information Σ_i ∂w_i² / w_i (events with w_i ≤ 0 skipped), an unbiased Monte-Carlo estimate of
   * ∫ (∂p)²/p; its jackknife error shows how much a few heavy events decide it.
   */
  public static Estimate unbinned(double[] w, double[] dw, double scale, int groups, long seed) {
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
    if (groups > 1) {
      int[] g = groups(n, groups, seed);
      double[] per = new double[groups];
      for (int i = 0; i < n; i++) {
        per[g[i]] += c[i];
      }
      double[] loo = new double[groups];
      for (int q = 0; q < groups; q++) {
        loo[q] = (v - per[q]) * groups / (groups - 1.0);
      }
      err = spread(loo);
    }
    return new Estimate(v * scale, err * scale, v * scale);
  }

  /**
   * The profiled (Fisher-matrix) information of one parameter of a model: with F the expected information
   * matrix of −ln L at {@code pars} over the parameters that are not fixed (and the parameter itself),
   * F = Σ_b ∇ν_b∇ν_bᵀ/ν_b + constraint terms,
   *
   * <pre>I_prof = 1 / (F⁻¹)_poi,poi = F_pp − F_pn F_nn⁻¹ F_np   (n: the free nuisance parameters)</pre>
   *
   * (Cramér–Rao: with Asimov data the profile likelihood ratio is ≈ I_prof (θ − θ_A)² near the truth, so the
   * 68% interval is ≈ θ_A ± 1/√I_prof; Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727).
   *
   * @param pars the point (read)
   * @param poi index of the parameter
   * @return I_prof, or NaN when F is not positive definite (e.g. the parameter changes no bin)
   */
  public static double profiled(CompiledModel model, double[] pars, int poi) {
    return profiled(model, pars, poi, new int[0]);
  }

  /**
   * {@link #profiled(CompiledModel, double[], int)} with some of the model's free parameters held at their values
   * in {@code pars} as well (e.g. the other EFT coefficients of a model that floats them): the rows and columns of
   * {@code fixedToo} are left out of F before the Schur complement.
   *
   * @param fixedToo parameter indices held fixed in addition to the model's fixed ones (read)
   */
  public static double profiled(CompiledModel model, double[] pars, int poi, int[] fixedToo) {
    int np = model.nPars();
    double[] full = new double[np * np];
    model.evaluator().fisher(pars, full);
    boolean[] fixed = model.suggestedFixed().clone();
    for (int k : fixedToo) {
      fixed[k] = true;
    }
    int[] free = new int[np];
    int nf = 0;
    int poiFree = -1;
    for (int p = 0; p < np; p++) {
      if (!fixed[p] || p == poi) {
        if (p == poi) {
          poiFree = nf;
        }
        free[nf++] = p;
      }
    }
    double[] sub = new double[nf * nf];
    for (int a = 0; a < nf; a++) {
      for (int b = 0; b < nf; b++) {
        sub[a * nf + b] = full[free[a] * np + free[b]];
      }
    }
    if (!Cholesky.factor(sub, nf)) {
      return Double.NaN;
    }
    double[] e = new double[nf];
    e[poiFree] = 1;
    Cholesky.solve(sub, nf, e);
    return 1.0 / e[poiFree];
  }

  /**
   * The delete-group jackknife of any estimate computed from n weighted events (for those without a closed
   * form here, such as the {@linkplain #profiled profiled} information of a model built from the events): the
   * events are dealt into {@code groups} groups as by the other estimators, and
   * {@code estimate} is called once with every factor 1 (the estimate) and once per group with factor 0 for
   * the group's events and G/(G − 1) for the others.
   *
   * @param estimate per-event weight factors (read, not retained) ↦ the estimate
   * @return the estimate (as value and plug-in; no bias correction) with its jackknife standard error
   */
  public static Estimate jackknife(int n, ToDoubleFunction<double[]> estimate, int groups, long seed) {
    double[] f = new double[n];
    java.util.Arrays.fill(f, 1.0);
    double value = estimate.applyAsDouble(f);
    double err = Double.NaN;
    if (groups > 1) {
      int[] g = groups(n, groups, seed);
      double[] loo = new double[groups];
      for (int q = 0; q < groups; q++) {
        for (int i = 0; i < n; i++) {
          f[i] = g[i] == q ? 0.0 : groups / (groups - 1.0);
        }
        loo[q] = estimate.applyAsDouble(f);
      }
      err = spread(loo);
    }
    return new Estimate(value, err, value);
  }

  /**
   * {@link #jackknife(int, ToDoubleFunction, int, long)} of several estimates computed together from the same
   * replicate (one call per replicate returns all of them; e.g. the information with and without profiling other
   * parameters from one model build), each with its own jackknife error over the same groups.
   *
   * @param estimate per-event weight factors (read, not retained) ↦ the estimates (always the same length)
   */
  public static Estimate[] jackknifeAll(int n, java.util.function.Function<double[], double[]> estimate, int groups, long seed) {
    double[] f = new double[n];
    java.util.Arrays.fill(f, 1.0);
    double[] value = estimate.apply(f).clone();
    int m = value.length;
    double[][] loo = new double[m][groups];
    if (groups > 1) {
      int[] g = groups(n, groups, seed);
      for (int q = 0; q < groups; q++) {
        for (int i = 0; i < n; i++) {
          f[i] = g[i] == q ? 0.0 : groups / (groups - 1.0);
        }
        double[] r = estimate.apply(f);
        for (int k = 0; k < m; k++) {
          loo[k][q] = r[k];
        }
      }
    }
    Estimate[] out = new Estimate[m];
    for (int k = 0; k < m; k++) {
      out[k] = new Estimate(value[k], groups > 1 ? spread(loo[k]) : Double.NaN, value[k]);
    }
    return out;
  }

  private static void accumulateSoft(double[][] soft, double[] w, double[] dw, double[] s) {
    int n = w.length;
    for (int b = 0; b < soft.length; b++) {
      double[] sb = soft[b];
      double a = 0;
      double d = 0;
      double q = 0;
      for (int i = 0; i < n; i++) {
        double x = sb[i];
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

  /** A seeded assignment of n events to G groups of (nearly) equal size. */
  private static int[] groups(int n, int g, long seed) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i % g;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** Jackknife standard error of the debiased estimate from per-group per-bin sums {Σw, Σ∂w, Σ∂w²}. */
  private static double jackknife(double[][] per, int nb) {
    int g = per.length;
    double[] total = new double[3 * nb];
    for (double[] p : per) {
      for (int k = 0; k < total.length; k++) {
        total[k] += p[k];
      }
    }
    double[] loo = new double[g];
    double[] s = new double[3 * nb];
    for (int q = 0; q < g; q++) {
      for (int k = 0; k < s.length; k++) {
        s[k] = total[k] - per[q][k];
      }
      loo[q] = reduce(s, nb)[1] * g / (g - 1.0);
    }
    return spread(loo);
  }

  /** √((G − 1)/G Σ (x_g − x̄)²). */
  private static double spread(double[] x) {
    int g = x.length;
    double m = 0;
    for (double v : x) {
      m += v / g;
    }
    double v = 0;
    for (double t : x) {
      v += (t - m) * (t - m);
    }
    return Math.sqrt((g - 1.0) / g * v);
  }

  private static void check(double[] w, double[] dw, int n) {
    if (w.length != dw.length || w.length != n) {
      throw new IllegalArgumentException("Fisher information: " + w.length + " weights, " + dw.length + " derivatives, " + n
          + " assignments");
    }
  }
}
