package io.sumbin.cli;

import io.sumbin.pyhf.results.BeltReport;
import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.neyman.BeltPoint;
import io.sumbin.histmodel.infer.neyman.ConfidenceBelt;
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
 * {@code sumbin belt WS.json --range LO:HI:N}: Neyman construction on a grid of POI values
 * (Feldman–Cousins t̃_μ ordering by default, nuisance parameters by the profile construction), with
 * the confidence interval it gives for the observed data.
 */
@Command(name = "belt", description = "Confidence belt by Neyman construction on a POI grid (Feldman-Cousins by default) and the observed interval.",
    mixinStandardHelpOptions = true)
public final class BeltCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Option(names = "--range", required = true, paramLabel = "LO:HI:N", description = "POI grid, within the POI's bounds")
  Converters.Grid range;

  @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.68", converter = Converters.OpenUnit.class,
      description = "confidence level (default ${DEFAULT-VALUE}; 0.6827 for exactly 1σ)")
  double cl;

  @Option(names = "--ntoys", paramLabel = "N", defaultValue = "1000", converter = Converters.Toys.class,
      description = "toys per grid point (default ${DEFAULT-VALUE})")
  int ntoys;

  @Mixin
  SeedOption seed;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Option(names = "--test-stat", paramLabel = "ttilde|t|qtilde|q", defaultValue = "ttilde",
      description = "ordering statistic (default ${DEFAULT-VALUE}: Feldman-Cousins)")
  TestStatistic testStat;

  @Option(names = "--exact", description = "enumerate the Poisson outcomes instead of throwing toys (models whose constrained parameters are all fixed)")
  boolean exact;

  @Option(names = "--measurement", paramLabel = "M")
  String measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "critical and observed statistic versus the POI with the interval")
  Converters.OutputFile plot;

  @Option(names = "--robust-fits", description = "fit each toy from two starts and keep the lower minima (about 2x slower; for likelihoods with several local minima)")
  boolean robustFits;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() {
    engine.check();
    TestStatistic ts = CliSupport.requireStatistic(testStat, "belt", TestStatistic.TTILDE, TestStatistic.T, TestStatistic.QTILDE,
        TestStatistic.Q);
    double[] grid = range.values();
    CliSupport.Loaded l = input.load(workspace, measurement, null, "belt");
    CompiledModel m = l.model();
    if (m.poiIndex() < 0) {
      throw new UserError(workspace + ": measurement '" + l.measurement() + "' has no POI; a confidence belt needs one");
    }
    FitOptions o = fix.apply(m, FitOptions.suggested(m)).withUncertainties(false);
    if (o.fixed()[m.poiIndex()]) {
      throw new UserError("the POI '" + m.poiName() + "' cannot be fixed in a confidence belt");
    }
    int p = m.poiIndex();
    range.requireWithin(o.lower()[p], o.upper()[p], "--range", m.poiName());
    NeymanConstruction nc = NeymanConstruction.of(ts, cl)
        .withToys(new ToySettings(ntoys, seed.orElse(1), threads.get(), Shard.ALL, robustFits))
        .withSource(exact ? NeymanConstruction.Source.EXACT : NeymanConstruction.Source.TOYS);
    ConfidenceBelt belt;
    try (EngineOption.Started eng = engine.start(threads, "belt")) {
      belt = nc.withRunner(eng.runner()).construct(BeltPoint.grid(m, l.data(), o, grid));
    } catch (IllegalArgumentException e) {
      if (exact) {
        throw new UserError("--exact: " + e.getMessage());
      }
      throw e;
    }
    if (plot != null) {
      Plots.belt(belt, m.poiName(), plot.path(), (ts == TestStatistic.TTILDE ? "Feldman-Cousins belt" : "Neyman belt (" + ts.pyhfName() + ")")
          + " for " + m.poiName());
    }
    if (json) {
      CliSupport.printJson(console.out(), BeltReport.of(belt, m.poiName()));
    } else {
      console.out().println(text(belt, m.poiName()));
    }
    if (!belt.converged()) {
      throw new NumericalFailure("belt of " + workspace + ": " + belt.message());
    }
    return 0;
  }

  /** The belt as a table (POI, critical value, t_obs, accepted) and the confidence set. */
  static String text(ConfidenceBelt belt, String poi) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%14s  %14s  %14s  %s%n", poi, "critical", "t_obs", "accepted"));
    for (int k = 0; k < belt.size(); k++) {
      sb.append(String.format(Locale.ROOT, "%14s  %14s  %14s  %s%n", CliSupport.fmt(belt.values()[k]),
          CliSupport.fmt(belt.criticalValues()[k]), CliSupport.fmt(belt.tObs()[k]), belt.accepted()[k] ? "yes" : "no"));
    }
    sb.append(String.format(Locale.ROOT, "%.4g%% CL confidence set (%s ordering, %s): %s", 100 * belt.cl(), belt.statistic().pyhfName(),
        belt.source(), pieces(belt)));
    return sb.toString();
  }

  static String pieces(ConfidenceBelt b) {
    if (b.intervals().isEmpty()) {
      return "empty on this grid";
    }
    StringBuilder sb = new StringBuilder();
    for (double[] p : b.intervals()) {
      sb.append(sb.length() == 0 ? "" : " ∪ ").append('[').append(CliSupport.fmt(p[0])).append(", ").append(CliSupport.fmt(p[1])).append(']');
    }
    return sb.toString();
  }
}
