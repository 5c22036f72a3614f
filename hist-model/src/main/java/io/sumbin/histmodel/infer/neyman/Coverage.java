package io.sumbin.histmodel.infer.neyman;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.TestStatDistribution;
import io.sumbin.histmodel.infer.toys.ToyEnsemble;
import io.sumbin.histmodel.infer.toys.ToyRandom;
import io.sumbin.histmodel.infer.toys.ToyResult;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.infer.toys.ToyWorker;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import java.util.List;
import java.util.Locale;

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
 * ("coverage-inner", j). Parallel over pseudo-experiments on the construction's runner
 * ({@link NeymanConstruction#runner()}); results do not depend on it.
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
    List<Outcome> outcomes = construction.runner().run(new Experiments(outer, opt, ts, st.seed(), st.ntoys(), st.robustFits(),
        construction.cl()), nExperiments);
    int covered = 0;
    int usable = 0;
    int failed = 0;
    long innerFailed = 0;
    for (Outcome o : outcomes) {
      innerFailed += o.innerFailed();
      if (!o.usable()) {
        failed++;
      } else {
        usable++;
        covered += o.covered() ? 1 : 0;
      }
    }
    return result(mu, construction.cl(), st.ntoys(), nExperiments, usable, covered, failed, innerFailed);
  }

  /** One pseudo-experiment: whether it was usable and covered, and its inner toys that failed. */
  record Outcome(boolean usable, boolean covered, int innerFailed) {}

  /**
   * Unit j: pseudo-experiment j drawn from {@code outer}, its construction at μ_true with its own
   * inner toys, and whether μ_true is accepted.
   */
  record Experiments(ToyEnsemble outer, FitOptions options, TestStatistic statistic, long seed, int innerToys, boolean robust,
      double cl) implements Work<ToyWorker, Outcome> {
    @Override
    public ToyWorker newWorker() {
      return new ToyWorker();
    }

    @Override
    public Outcome run(ToyWorker w, int j) {
      LikelihoodModel model = outer.model();
      double mu = outer.poiValue();
      double[] data = model.withAuxdata(new double[model.nMain()]);
      w.generate(outer, seed, j, data);
      BeltPoint p = new BeltPoint(model, data, mu, options);
      NeymanConstruction.Observed o = NeymanConstruction.observe(w, statistic, p);
      if (!o.converged()) {
        return new Outcome(false, false, 0);
      }
      ToyEnsemble inner = new ToyEnsemble("coverage-inner", model, o.genPars(), mu, statistic, p.options(),
          ToyRandom.stream("coverage-inner", j));
      double[] t = new double[innerToys];
      int k = 0;
      int bad = 0;
      for (int i = 0; i < innerToys; i++) {
        ToyResult r = w.run(inner, seed, i, robust);
        if (r.usable()) {
          t[k++] = r.t();
        } else {
          bad++;
        }
      }
      if (k == 0) {
        return new Outcome(false, false, bad);
      }
      double c = TestStatDistribution.ofSamples(java.util.Arrays.copyOf(t, k), bad).criticalValue(cl);
      return new Outcome(true, o.t() <= c + NeymanConstruction.ACCEPT_ABS_TOL, bad);
    }

    @Override
    public String name() {
      return "coverage";
    }
  }

  private static CoverageResult result(double mu, double cl, int innerToys, int nExperiments, int n, int covered, int failed,
      long innerFailed) {
    double f = n == 0 ? Double.NaN : covered / (double) n;
    double u = n == 0 ? Double.NaN : Math.sqrt(f * (1 - f) / n);
    StringBuilder msg = new StringBuilder();
    if (failed > 0) {
      msg.append(String.format(Locale.ROOT, "%d of %d pseudo-experiments left out (fits did not converge)", failed,
          nExperiments));
    }
    if (innerFailed > 0) {
      msg.append(msg.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
          "%d of %d inner toys left out (fits did not converge)", innerFailed, (long) nExperiments * innerToys));
    }
    boolean conv = msg.length() == 0;
    return new CoverageResult(mu, cl, n, covered, f, u, failed, innerToys, innerFailed, conv, conv ? "ok" : msg.toString());
  }
}
