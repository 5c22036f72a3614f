package io.sumbin.histmodel.infer.neyman;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.TestStatDistribution;
import io.sumbin.histmodel.infer.toys.ToyEnsemble;
import io.sumbin.histmodel.infer.toys.ToyRandom;
import io.sumbin.histmodel.infer.toys.ToyResult;
import io.sumbin.histmodel.infer.toys.ToyRunner;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.infer.toys.ToyWorker;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frequentist coverage of a {@link NeymanConstruction} (e.g. Feldman–Cousins with the profile
 * construction, arXiv:physics/9711021): pseudo-experiments are drawn at the true parameters
 * (μ_true, θ_true); for each one the construction is run at the single point μ_true with that
 * pseudo-experiment's own data — t_obs(μ_true), θ̂̂(μ_true) fitted on it, its own inner toys at
 * (μ_true, θ̂̂) for the critical value — and it covers when μ_true is accepted. (Whether μ_true is
 * in the interval needs only that point.) The covered fraction f estimates the coverage
 * probability with binomial uncertainty √(f(1 − f)/n).
 *
 * <p>Streams: pseudo-experiment j uses stream ("coverage", 0) index j; its inner toys use stream
 * ("coverage-inner", j). Parallel over pseudo-experiments; results do not depend on the threads.
 */
public final class Coverage {
  private Coverage() {}

  /**
   * @param truePars the true parameters (μ_true at the POI index, θ_true elsewhere; read)
   * @param options fit options (POI free)
   * @param construction statistic, CL, inner toys per experiment (its {@code ntoys}), seed, threads
   * @param nExperiments pseudo-experiments to throw
   */
  public static CoverageResult run(LikelihoodModel model, double[] truePars, FitOptions options, NeymanConstruction construction,
      int nExperiments) {
    if (nExperiments < 1) {
      throw new IllegalArgumentException("need at least one pseudo-experiment, got " + nExperiments);
    }
    if (construction.source() != NeymanConstruction.Source.TOYS) {
      throw new IllegalArgumentException("coverage runs the toy construction; exact enumeration is not supported here");
    }
    int poi = model.poiIndex();
    double mu = truePars[poi];
    TestStatistic ts = construction.statistic();
    ToySettings st = construction.toys();
    FitOptions opt = options.withUncertainties(false);
    ToyEnsemble outer = new ToyEnsemble("coverage", model, truePars, mu, ts, opt, ToyRandom.stream("coverage", 0));
    double[] data0 = model.withAuxdata(new double[model.nMain()]);
    AtomicInteger covered = new AtomicInteger();
    AtomicInteger usable = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong innerFailed = new AtomicLong();
    ToyRunner.forEach(nExperiments, st.threads(), 1, ToyWorker::new, (w, j) -> {
      double[] data = data0.clone();
      w.generate(outer, st.seed(), j, data);
      BeltPoint p = new BeltPoint(model, data, mu, opt);
      NeymanConstruction.Observed o = NeymanConstruction.observe(w, ts, p);
      if (!o.converged()) {
        failed.incrementAndGet();
        return;
      }
      ToyEnsemble inner = new ToyEnsemble("coverage-inner", model, o.genPars(), mu, ts, p.options(),
          ToyRandom.stream("coverage-inner", j));
      double[] t = new double[st.ntoys()];
      int k = 0;
      int bad = 0;
      for (int i = 0; i < st.ntoys(); i++) {
        ToyResult r = w.run(inner, st.seed(), i, st.robustFits());
        if (r.usable()) {
          t[k++] = r.t();
        } else {
          bad++;
        }
      }
      innerFailed.addAndGet(bad);
      if (k == 0) {
        failed.incrementAndGet();
        return;
      }
      double c = TestStatDistribution.ofSamples(java.util.Arrays.copyOf(t, k), bad).criticalValue(construction.cl());
      usable.incrementAndGet();
      if (o.t() <= c + NeymanConstruction.ACCEPT_ABS_TOL) {
        covered.incrementAndGet();
      }
    });
    int n = usable.get();
    double f = n == 0 ? Double.NaN : covered.get() / (double) n;
    double u = n == 0 ? Double.NaN : Math.sqrt(f * (1 - f) / n);
    StringBuilder msg = new StringBuilder();
    if (failed.get() > 0) {
      msg.append(String.format(Locale.ROOT, "%d of %d pseudo-experiments left out (fits did not converge)", failed.get(),
          nExperiments));
    }
    if (innerFailed.get() > 0) {
      msg.append(msg.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
          "%d of %d inner toys left out (fits did not converge)", innerFailed.get(), (long) nExperiments * st.ntoys()));
    }
    boolean conv = msg.length() == 0;
    return new CoverageResult(mu, construction.cl(), n, covered.get(), f, u, failed.get(), st.ntoys(), innerFailed.get(),
        conv, conv ? "ok" : msg.toString());
  }
}
