package io.sumbin.cli;

import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.parallel.WorkRunner;
import java.nio.file.Path;

/** Toy-based hypothesis tests for {@code hypotest --calc toys} and the helpers the toy commands share. */
final class ToyHypotest {
  private ToyHypotest() {}

  static HypoTestResult run(CliSupport.Loaded l, FitOptions o, TestStatistic ts, double mu, int ntoys, long seed,
      int threads, WorkRunner runner, boolean robustFits, Path plot, boolean json) {
    ToyCalculator calc = new ToyCalculator(l.model(), l.data(), o, ts, new ToySettings(ntoys, seed, threads, Shard.ALL, robustFits))
        .withRunner(runner);
    ToyDistributions d = calc.distributions(mu);
    if (plot != null) {
      plot(d, l, o, plot);
    }
    return d.hypoTestResult();
  }

  /** σ of μ̂ for the asymptotic curves of the toy plots (the library's Asimov σ; NaN when undefined). */
  static double sigma(CliSupport.Loaded l, FitOptions o, TestStatistic ts, double mu) {
    return new AsymptoticCalculator(new Inference(new Fitter(l.model()), o.withUncertainties(false)), l.data(), ts).muHatSigma(mu);
  }

  static void plot(ToyDistributions d, CliSupport.Loaded l, FitOptions o, Path png) {
    double sigma = sigma(l, o, d.statistic(), d.mu());
    Plots.toyStatistics(d, sigma, l.model().poiName(), png, "Toy distributions of " + d.statistic().pyhfName()
        + (d.statistic() == TestStatistic.Q0 ? "" : " at " + l.model().poiName() + " = " + String.format(java.util.Locale.ROOT, "%.4g", d.mu())));
  }
}
