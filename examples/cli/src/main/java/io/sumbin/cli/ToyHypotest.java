package io.sumbin.cli;

import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceProblem;
import java.nio.file.Path;

/** The plot of toy test-statistic distributions that {@code hypotest --calc toys} and {@code toys} share. */
final class ToyHypotest {
  private ToyHypotest() {}

  /** The toy distributions against the asymptotic densities (σ of μ̂ from the facade's Asimov dataset). */
  static void plot(ToyDistributions d, InferenceProblem p, Path png) {
    double sigma = InferenceFacade.muHatSigma(p, d.statistic(), d.mu());
    String poi = p.model().poiName();
    Plots.toyStatistics(d, sigma, poi, png, "Toy distributions of " + Plots.plain(Plots.symbol(d.statistic()))
        + (d.statistic().fixedMu().isPresent() ? "" : " at " + Plots.greek(poi) + " = " + String.format(java.util.Locale.ROOT, "%.4g", d.mu())));
  }
}
