package io.sumbin.cli;

import io.sumbin.pyhf.results.BeltReport;
import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.neyman.ConfidenceBelt;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin belt WS.json --range LO:HI:N}: Neyman construction on a grid of POI values
 * (Feldman–Cousins t̃_μ ordering by default, nuisance parameters by the profile construction), with
 * the confidence interval it gives for the observed data.
 */
@Command(name = "belt", description = "Confidence belt by Neyman construction on a POI grid (Feldman-Cousins by default) and the observed interval.",
    mixinStandardHelpOptions = true)
public final class BeltCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Option(names = "--range", required = true, paramLabel = "LO:HI:N", description = "POI grid, within the POI's bounds")
  Converters.Grid range;

  @Mixin
  NeymanOptions neyman;

  @Option(names = "--ntoys", paramLabel = "N", defaultValue = "1000", converter = Converters.Toys.class,
      description = "toys per grid point (default ${DEFAULT-VALUE})")
  int ntoys;

  @Mixin
  ToyOptions toys;

  @Option(names = "--exact", description = "enumerate the Poisson outcomes instead of throwing toys (models whose constrained parameters are all fixed)")
  boolean exact;

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "critical and observed statistic versus the POI with the interval")
  Converters.OutputFile plot;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    EngineOption engine = toys.engine();
    engine.check();
    TestStatistic ts = neyman.statistic("belt");
    double[] grid = range.values();
    CliSupport.Loaded l = input.load(workspace, measurement.name(), null, "belt");
    InferenceProblem p = fix.apply(l.problem());
    int poi = p.requireFreePoi("a confidence belt");
    String poiName = p.model().poiName();
    range.requireWithin(p, poi, "--range");
    ConfidenceBelt belt;
    try (EngineOption.Started eng = engine.start(toys.threads(), "belt", console.progress())) {
      InferenceOptions o = InferenceOptions.toys(ts, toys.settings(ntoys, Shard.ALL)).withRunner(eng.runner());
      belt = InferenceFacade.belt(p, grid, neyman.cl(), exact, o);
    }
    if (plot != null) {
      Plots.belt(belt, poiName, plot.path(), (ts == TestStatistic.TTILDE ? "Feldman-Cousins belt" : "Neyman belt (" + ts.pyhfName() + ")")
          + " for " + poiName);
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), BeltReport.of(belt, poiName));
    } else {
      console.out().println(Rendering.belt(belt, poiName));
    }
    if (!belt.converged()) {
      throw new NumericalFailure("belt of " + workspace + ": " + belt.message());
    }
    return 0;
  }
}
