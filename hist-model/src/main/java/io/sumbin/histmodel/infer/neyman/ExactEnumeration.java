package io.sumbin.histmodel.infer.neyman;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.PoissonSampler;
import io.sumbin.histmodel.infer.toys.TestStatDistribution;

/**
 * The exact distribution of a statistic for models whose only random data are the main bins
 * (counting experiments with known background: no constrained parameter is free): every outcome
 * n = (n_1, …, n_B) with per-bin Poisson tail probability above a cut is enumerated, weighted by
 * Π_b Pois(n_b | ν_b) and evaluated with the same fits as the observed data. This is the classical
 * construction of Feldman and Cousins (arXiv:physics/9711021, §IV) without Monte Carlo error; the
 * probability left out by the cut is at most {@code tailMass} and shows as
 * {@code 1 − totalWeight()}. Outcomes whose fits do not converge are left out and counted
 * ({@link TestStatDistribution#nFailed()}).
 *
 * <p>Auxiliary data, if any, are held at their observed values; this is exact only because the
 * parameters they constrain are fixed (checked by {@link #check}).
 */
public final class ExactEnumeration {
  private ExactEnumeration() {}

  /**
   * Throws {@link io.sumbin.histmodel.BadInputException} unless the model's data are purely Poisson main counts
   * for these options (every constrained parameter fixed), listing the offending parameters.
   */
  public static void check(LikelihoodModel m, FitOptions o) {
    StringBuilder bad = new StringBuilder();
    boolean[] constrained = new boolean[m.nPars()];
    m.gaussianConstraints().forEach(c -> constrained[c.parameter()] = true);
    m.poissonConstraints().forEach(c -> constrained[c.parameter()] = true);
    for (int i = 0; i < m.nPars(); i++) {
      if (constrained[i] && !o.fixed()[i]) {
        bad.append(bad.length() == 0 ? "" : ", ").append(m.parName(i));
      }
    }
    if (bad.length() > 0) {
      throw new io.sumbin.histmodel.BadInputException("exact enumeration needs a model whose only random data are the main bins, "
          + "but these constrained parameters are free: " + bad + " (fix them, or use toys)");
    }
  }

  /**
   * Enumerates the outcomes at generating parameters {@code genPars} and evaluates the statistic
   * at μ for each (fits started at {@code genPars} and at the suggested start, keeping the lower
   * conditional minimum).
   *
   * @param observed observed data (read; its auxiliary part is copied into every outcome)
   * @param tailMass total probability the per-bin cuts may leave out
   * @param maxOutcomes refuse (IllegalArgumentException) when more outcomes would be needed
   */
  public static TestStatDistribution distribution(Inference inf, TestStatistic ts, double mu, double[] genPars,
      double[] observed, double tailMass, long maxOutcomes) {
    LikelihoodModel m = inf.model();
    check(m, inf.options());
    if (!(tailMass > 0 && tailMass < 1)) {
      throw new IllegalArgumentException("tail mass must be in (0, 1), got " + tailMass);
    }
    int nb = m.nMain();
    double[] nu = new double[nb + m.nAux()];
    m.expectedData(genPars, nu);
    int[] lo = new int[nb];
    int[] hi = new int[nb];
    double[][] pmf = new double[nb][];
    long count = 1;
    double perBin = tailMass / (2.0 * nb);
    for (int b = 0; b < nb; b++) {
      double lam = nu[b];
      if (!(lam >= 0) || Double.isInfinite(lam)) {
        throw new io.sumbin.histmodel.BadInputException("expected count of main bin " + b + " is " + lam + " at the generating parameters");
      }
      // walk up until the upper tail is below perBin, then find the lower cut
      int mode = (int) Math.floor(lam);
      double cdfBelow = 0;
      int k = 0;
      int lower = -1;
      double[] p = new double[Math.max(16, mode * 2 + 16)];
      while (true) {
        double pk = PoissonSampler.pmf(k, lam);
        if (k >= p.length) {
          p = java.util.Arrays.copyOf(p, p.length * 2);
        }
        p[k] = pk;
        if (lower < 0 && cdfBelow + pk > perBin) {
          lower = k;
        }
        cdfBelow += pk;
        if (k >= mode && 1 - cdfBelow < perBin && tailUpper(k, lam) < perBin) {
          break;
        }
        k++;
      }
      lo[b] = Math.max(lower, 0);
      hi[b] = k;
      pmf[b] = p;
      count = Math.multiplyExact(count, hi[b] - lo[b] + 1L);
      if (count > maxOutcomes) {
        throw new io.sumbin.histmodel.BadInputException("exact enumeration would need more than " + maxOutcomes + " outcomes ("
            + nb + " bins); use toys");
      }
    }
    double[] data = observed.clone();
    int n = (int) count;
    double[] t = new double[n];
    double[] w = new double[n];
    int[] cur = lo.clone();
    int kept = 0;
    int failed = 0;
    for (int j = 0; j < n; j++) {
      double prob = 1;
      for (int b = 0; b < nb; b++) {
        data[b] = cur[b];
        prob *= pmf[b][cur[b]];
      }
      TestStatResult r = inf.compute(ts, mu, data, genPars);
      if (r.converged() && Double.isFinite(r.value())) {
        t[kept] = r.value();
        w[kept++] = prob;
      } else {
        failed++; // its probability becomes missing mass; the point is reported as not converged
      }
      for (int b = 0; b < nb; b++) { // odometer
        if (cur[b] < hi[b]) {
          cur[b]++;
          break;
        }
        cur[b] = lo[b];
      }
    }
    return TestStatDistribution.ofWeighted(java.util.Arrays.copyOf(t, kept), java.util.Arrays.copyOf(w, kept), failed);
  }

  /** P(N &gt; k | λ) by summing the pmf terms above k until they vanish. */
  static double tailUpper(int k, double lam) {
    double s = 0;
    double term = PoissonSampler.pmf(k + 1, lam);
    int j = k + 1;
    while (term > 1e-300 && j < k + 100000) {
      s += term;
      j++;
      term *= lam / j;
      if (term < s * 1e-17) {
        break;
      }
    }
    return s;
  }
}
