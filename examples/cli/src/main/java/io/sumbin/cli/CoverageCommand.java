package io.sumbin.cli;

import io.sumbin.pyhf.results.CoverageReport;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.neyman.Coverage;
import io.sumbin.histmodel.infer.neyman.CoverageResult;
import io.sumbin.histmodel.infer.neyman.NeymanConstruction;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToySettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin coverage WS.json --poi-value V --ntoys N}: the fraction of pseudo-experiments at
 * POI = V whose confidence set (Neyman construction with that pseudo-experiment's own profiled
 * nuisance parameters, Feldman-Cousins ordering by default) contains V. True nuisance parameters:
 * the fit to the observed data with the POI fixed at V.
 */
@Command(name = "coverage", description = "Coverage of Feldman-Cousins (or other Neyman) confidence sets at a true POI value, with its binomial uncertainty.",
    mixinStandardHelpOptions = true)
public final class CoverageCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Option(names = "--poi-value", required = true, paramLabel = "V", description = "true POI value, within its bounds")
  double poiValue;

  @Option(names = "--ntoys", required = true, paramLabel = "N", converter = Converters.Toys.class, description = "pseudo-experiments")
  int ntoys;

  @Option(names = "--inner-toys", paramLabel = "M", defaultValue = "500", converter = Converters.Toys.class,
      description = "toys per pseudo-experiment for its critical value (default ${DEFAULT-VALUE})")
  int innerToys;

  @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.68", converter = Converters.OpenUnit.class,
      description = "confidence level (default ${DEFAULT-VALUE})")
  double cl;

  @Mixin
  SeedOption seed;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Option(names = "--test-stat", paramLabel = "ttilde|t|qtilde|q", defaultValue = "ttilde", description = "ordering statistic (default ${DEFAULT-VALUE})")
  TestStatistic testStat;

  @Option(names = "--measurement", paramLabel = "M")
  String measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--robust-fits", description = "fit each toy from two starts and keep the lower minima (about 2x slower; for likelihoods with several local minima)")
  boolean robustFits;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() {
    engine.check();
    TestStatistic ts = CliSupport.requireStatistic(testStat, "coverage", TestStatistic.TTILDE, TestStatistic.T, TestStatistic.QTILDE,
        TestStatistic.Q);
    CliSupport.Loaded l = input.load(workspace, measurement, null, "coverage");
    CompiledModel m = l.model();
    if (m.poiIndex() < 0) {
      throw new UserError(workspace + ": measurement '" + l.measurement() + "' has no POI; coverage needs one");
    }
    FitOptions o = fix.apply(m, FitOptions.suggested(m)).withUncertainties(false);
    int p = m.poiIndex();
    if (o.fixed()[p]) {
      throw new UserError("the POI '" + m.poiName() + "' cannot be fixed in a coverage study");
    }
    CliSupport.requireWithinBounds(o, m, p, poiValue, "--poi-value");
    FitResult truth = new Fitter(m).fit(l.data(), o.withFixed(p, poiValue));
    NeymanConstruction nc = NeymanConstruction.of(ts, cl)
        .withToys(new ToySettings(innerToys, seed.orElse(1), threads.get(), Shard.ALL, robustFits));
    CoverageResult r;
    try (EngineOption.Started eng = engine.start(threads, "coverage")) {
      r = Coverage.run(m, truth.bestfit(), o, nc.withRunner(eng.runner()), ntoys);
    }
    if (json) {
      CliSupport.printJson(console.out(), CoverageReport.of(r, ts.pyhfName(), truth.bestfit(), truth.converged()));
    } else {
      console.out().printf(Locale.ROOT, "coverage of %.4g%% CL %s sets at %s = %s: %d of %d = %.4f ± %.4f (%+.2fσ from nominal; %d left out)%n",
          100 * cl, ts.pyhfName(), m.poiName(), CliSupport.fmt(poiValue), r.covered(), r.n(), r.fraction(), r.uncertainty(), r.pull(),
          r.failed());
    }
    if (!r.converged() || !truth.converged()) {
      throw new NumericalFailure("coverage of " + workspace + ": " + (truth.converged() ? r.message() : "fit for the true parameters did not converge"));
    }
    return 0;
  }
}
