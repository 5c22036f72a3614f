package io.sumbin.cli;

import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.inference.LimitRun;
import io.sumbin.histmodel.inference.LimitSettings;
import io.sumbin.pyhf.results.LimitReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin limit WS.json}: asymptotic CLs upper limit with the expected band. */
@Command(name = "limit", description = "Asymptotic CLs upper limit on the POI, observed and expected (±1σ, ±2σ).",
    mixinStandardHelpOptions = true)
public final class LimitCommand implements Callable<Integer> {
  /** Points of the CLs curve of the plot when the limit comes from root finding. */
  private static final int PLOT_POINTS = 41;

  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.95", converter = Converters.OpenUnit.class,
      description = "confidence level (default ${DEFAULT-VALUE})")
  double cl;

  @Option(names = "--test-stat", paramLabel = "qtilde|q", defaultValue = "qtilde", description = "test statistic (default ${DEFAULT-VALUE})")
  TestStatistic testStat;

  @Option(names = "--scan", paramLabel = "LO:HI:N", description = "use a grid (within the POI's bounds) with linear interpolation instead of root finding")
  Converters.Grid scan;

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "CLs versus POI with the Brazil band")
  Converters.OutputFile plot;

  @Mixin
  JsonOption json;

  /** Calculators. */
  enum Calc { asymptotic, toys }

  @Option(names = "--calc", paramLabel = "asymptotic|toys", defaultValue = "asymptotic",
      description = "calculator (default ${DEFAULT-VALUE}); toys: CLs from pseudo-experiments, adding toys at each tested "
          + "value until the CLs error near the crossing is below --cls-error (Combine HybridNew)")
  Calc calc;

  @Option(names = "--cls-error", paramLabel = "E", defaultValue = "0.005", converter = Converters.OpenUnit.class,
      description = "with --calc toys: target binomial error of CLs near the crossing (default ${DEFAULT-VALUE})")
  double clsError;

  @Option(names = "--ntoys", paramLabel = "N", defaultValue = "500", converter = Converters.Toys.class,
      description = "with --calc toys: toys per hypothesis at a new POI value (doubled as needed; default ${DEFAULT-VALUE})")
  int ntoys;

  @Option(names = "--max-toys", paramLabel = "N", defaultValue = "64000", converter = Converters.Toys.class,
      description = "with --calc toys: the most toys per hypothesis at one POI value (default ${DEFAULT-VALUE})")
  int maxToys;

  @Mixin
  SeedOption seed;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Override
  public Integer call() {
    TestStatistic ts = CliSupport.requireStatistic(testStat, "limit", TestStatistic.QTILDE, TestStatistic.Q);
    engine.check();
    if (calc == Calc.toys && scan != null) {
      throw new UserError("--scan is for the asymptotic calculator; --calc toys brackets the crossing itself");
    }
    if (calc == Calc.toys && maxToys < ntoys) {
      throw new UserError("--max-toys " + maxToys + " is below --ntoys " + ntoys);
    }
    if (calc != Calc.toys && engine.engine() == EngineOption.Engine.spark) {
      throw new UserError("--engine spark runs the toys of --calc toys; the asymptotic calculator runs here");
    }
    CliSupport.Loaded l = input.load(workspace, measurement.name(), null, "limit");
    InferenceProblem p = fix.apply(l.problem());
    int poi = p.requireFreePoi("a limit");
    String poiName = p.model().poiName();
    CliSupport.requirePossibleBackgroundOnly(l.model(), p.options(), p.data(), l.source());
    if (scan != null) {
      scan.requireWithin(p, poi, "--scan");
    }
    if (calc == Calc.toys) {
      return toys(p, ts);
    }
    LimitSettings s = scan != null ? LimitSettings.scan(cl, scan.values()) : LimitSettings.rootFinding(cl);
    LimitRun run = InferenceFacade.upperLimit(p, plot != null ? s.withCurve(PLOT_POINTS) : s, InferenceOptions.asymptotic(ts));
    UpperLimit ul = run.limit();
    if (plot != null) {
      Plots.brazil(run.curve(), poiName, plot.path(), "CLs upper limit on " + Plots.greek(poiName));
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), LimitReport.of(ul, ts.pyhfName(), scan != null ? "scan" : "root finding"));
    } else {
      console.out().printf(Locale.ROOT, "%.0f%% CL upper limit on %s: observed %s%nexpected [-2σ, -1σ, median, +1σ, +2σ] = %s%n",
          100 * cl, poiName, CliSupport.fmt(ul.observed()), Rendering.array(ul.expected()));
    }
    if (!ul.converged()) {
      throw new NumericalFailure("limit for " + workspace + ": " + ul.message());
    }
    CliSupport.warnings(console.err(), "limit for " + workspace, ul.message());
    return 0;
  }

  /** The toy limit: bracketed from the asymptotic observed limit, toys added until σ(CLs) ≤ --cls-error near the crossing. */
  private int toys(InferenceProblem p, TestStatistic ts) {
    int poi = p.requireFreePoi("a limit");
    String poiName = p.model().poiName();
    FitOptions o = p.options();
    UpperLimit asym = InferenceFacade.upperLimit(p, LimitSettings.rootFinding(cl), InferenceOptions.asymptotic(ts)).limit();
    double start = Double.isFinite(asym.observed()) && asym.observed() > 0 ? asym.observed()
        : Double.isFinite(asym.expected()[2]) && asym.expected()[2] > 0 ? asym.expected()[2] : o.upper()[poi] / 10;
    io.sumbin.histmodel.infer.diagnostics.ToyUpperLimit ul;
    try (EngineOption.Started eng = engine.start(threads, "limit", console.progress())) {
      ul = InferenceFacade.diagnostics(p, eng.runner()).toyLimit(ts, cl,
          new io.sumbin.histmodel.infer.toys.ToySettings(ntoys, seed.orElse(1), threads.get(),
              io.sumbin.histmodel.infer.toys.Shard.ALL),
          new io.sumbin.histmodel.infer.diagnostics.ToyUpperLimit.Settings(ntoys, maxToys, clsError, 0.01, 16), start);
    }
    if (plot != null) {
      java.util.List<io.sumbin.histmodel.infer.HypoTestResult> pts = new java.util.ArrayList<>();
      for (var pt : ul.points()) {
        pts.add(new io.sumbin.histmodel.infer.HypoTestResult(pt.mu(), ts, Double.NaN, Double.NaN, Double.NaN, pt.cls(), pt.clsb(),
            pt.clb(), pt.clsExpected(), pt.clsExpected(), pt.clsExpected(), pt.converged(), pt.message()));
      }
      Plots.brazil(new UpperLimit(cl, ul.observed(), ul.expected(), pts, ul.converged(), ul.message()), poiName,
          plot.path(), "Toy CLs upper limit on " + poiName);
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), io.sumbin.pyhf.results.ToyLimitReport.of(ul, ts.pyhfName(), clsError));
    } else {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
          "%.0f%% CL upper limit on %s from toys: observed %s ± %s (toys)%nexpected [-2σ, -1σ, median, +1σ, +2σ] = %s%n",
          100 * cl, poiName, CliSupport.fmt(ul.observed()), CliSupport.fmt(ul.observedError()),
          Rendering.array(ul.expected())));
      sb.append(String.format(Locale.ROOT, "  %12s  %10s  %10s  %8s  %8s%n", poiName, "CLs", "± error", "s+b toys", "b toys"));
      for (var pt : ul.points()) {
        sb.append(String.format(Locale.ROOT, "  %12s  %10.5f  %10.5f  %8d  %8d%n", CliSupport.fmt(pt.mu()), pt.cls(), pt.clsError(),
            pt.nSb(), pt.nB()));
      }
      console.out().print(sb);
    }
    if (!ul.converged()) {
      throw new NumericalFailure("toy limit for " + workspace + ": " + ul.message());
    }
    return 0;
  }
}
