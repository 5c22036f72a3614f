package io.sumbin.cli;

import io.sumbin.pyhf.results.CoverageReport;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.neyman.CoverageResult;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.inference.CoverageRun;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
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

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
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

  @Mixin
  NeymanOptions neyman;

  @Mixin
  ToyOptions toys;

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    EngineOption engine = toys.engine();
    engine.check();
    TestStatistic ts = neyman.statistic("coverage");
    CliSupport.Loaded l = input.load(workspace, measurement.name(), null, "coverage");
    InferenceProblem p = fix.apply(l.problem());
    int poi = p.requireFreePoi("a coverage study");
    p.requireWithin(poi, poiValue, "--poi-value");
    CoverageRun run;
    try (EngineOption.Started eng = engine.start(toys.threads(), "coverage", console.progress())) {
      InferenceOptions o = InferenceOptions.toys(ts, toys.settings(innerToys, Shard.ALL)).withRunner(eng.runner());
      run = InferenceFacade.coverage(p, poiValue, ntoys, neyman.cl(), o);
    }
    CoverageResult r = run.result();
    FitResult truth = run.truth();
    if (json.on()) {
      CliSupport.printJson(console.out(), CoverageReport.of(r, ts.pyhfName(), truth.bestfit(), truth.converged()));
    } else {
      console.out().printf(Locale.ROOT, "coverage of %.4g%% CL %s sets at %s = %s: %d of %d = %.4f ± %.4f (%+.2fσ from nominal; %d left out)%n",
          100 * neyman.cl(), ts.pyhfName(), p.model().poiName(), CliSupport.fmt(poiValue), r.covered(), r.n(), r.fraction(), r.uncertainty(),
          r.pull(), r.failed());
    }
    if (!run.converged()) {
      throw new NumericalFailure("coverage of " + workspace + ": " + (truth.converged() ? r.message() : "fit for the true parameters did not converge"));
    }
    return 0;
  }
}
