package io.sumbin.cli;

import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.infer.UpperLimits;
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
  @Parameters(index = "0", paramLabel = "WS.json")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.95", converter = Converters.OpenUnit.class,
      description = "confidence level (default ${DEFAULT-VALUE})")
  double cl;

  @Option(names = "--test-stat", paramLabel = "qtilde|q", defaultValue = "qtilde")
  TestStatistic testStat;

  @Option(names = "--scan", paramLabel = "LO:HI:N", description = "use a grid (within the POI's bounds) with linear interpolation instead of root finding")
  Converters.Grid scan;

  @Option(names = "--measurement", paramLabel = "M")
  String measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "CLs versus POI with the Brazil band")
  Converters.OutputFile plot;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

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
    CliSupport.Loaded l = input.load(workspace, measurement, null, "limit");
    CompiledModel m = l.model();
    if (m.poiIndex() < 0) {
      throw new UserError(workspace + ": measurement '" + l.measurement() + "' has no POI; a limit needs one");
    }
    FitOptions o = fix.apply(m, FitOptions.suggested(m)).withUncertainties(false);
    if (o.fixed()[m.poiIndex()]) {
      throw new UserError("the POI '" + m.poiName() + "' cannot be fixed in a limit");
    }
    CliSupport.requirePossibleBackgroundOnly(m, o, l.data(), l.source());
    if (scan != null) {
      scan.requireWithin(o.lower()[m.poiIndex()], o.upper()[m.poiIndex()], "--scan", m.poiName());
    }
    if (this.calc == Calc.toys) {
      return toys(l, o, ts);
    }
    AsymptoticCalculator calc = new AsymptoticCalculator(new Inference(new Fitter(m), o), l.data(), ts);
    int poi = m.poiIndex();
    UpperLimit ul = scan != null
        ? UpperLimits.scan(calc::hypotest, cl, scan.values())
        // q-tilde tests mu >= 0 only (Cowan et al. 2011, arXiv:1007.1727, sec. 3.7): bracket from max(lower bound, 0)
        : UpperLimits.rootFinding(calc::hypotest, cl, ts == TestStatistic.QTILDE ? Math.max(o.lower()[poi], 0) : o.lower()[poi],
            o.upper()[poi], UpperLimits.REL_TOL);
    if (plot != null) {
      UpperLimit forPlot = ul;
      if (scan == null) {
        double top = Math.max(ul.observed(), ul.expected()[4]);
        top = Double.isFinite(top) ? 1.5 * top : o.upper()[poi];
        forPlot = UpperLimits.scan(calc::hypotest, cl, ProfileLikelihood.linspace(Math.max(o.lower()[poi], 0), top, 41));
        forPlot = new UpperLimit(cl, ul.observed(), ul.expected(), forPlot.points(), ul.converged(), ul.message());
      }
      Plots.brazil(forPlot, m.poiName(), plot.path(), "CLs upper limit on " + m.poiName());
    }
    if (json) {
      CliSupport.printJson(Main.out(), LimitReport.of(ul, ts.pyhfName(), scan != null ? "scan" : "root finding"));
    } else {
      Main.out().printf(Locale.ROOT, "%.0f%% CL upper limit on %s: observed %s%nexpected [-2σ, -1σ, median, +1σ, +2σ] = %s%n",
          100 * cl, m.poiName(), CliSupport.fmt(ul.observed()), HypotestCommand.fmtArr(ul.expected()));
    }
    if (!ul.converged()) {
      throw new NumericalFailure("limit for " + workspace + ": " + ul.message());
    }
    CliSupport.warnings("limit for " + workspace, ul.message());
    return 0;
  }

  /** The toy limit: bracketed from the asymptotic observed limit, toys added until σ(CLs) ≤ --cls-error near the crossing. */
  private int toys(CliSupport.Loaded l, FitOptions o, TestStatistic ts) {
    CompiledModel m = l.model();
    int poi = m.poiIndex();
    AsymptoticCalculator ac = new AsymptoticCalculator(new Inference(new Fitter(m), o), l.data(), ts);
    UpperLimit asym = UpperLimits.rootFinding(ac::hypotest, cl, o.lower()[poi], o.upper()[poi], 1e-3);
    double start = Double.isFinite(asym.observed()) && asym.observed() > 0 ? asym.observed()
        : Double.isFinite(asym.expected()[2]) && asym.expected()[2] > 0 ? asym.expected()[2] : o.upper()[poi] / 10;
    io.sumbin.histmodel.infer.diagnostics.ToyUpperLimit ul;
    try (EngineOption.Started eng = engine.start(threads, "limit")) {
      ul = new io.sumbin.histmodel.infer.diagnostics.Diagnostics(m, l.data(), o, eng.runner()).toyLimit(ts, cl,
          new io.sumbin.histmodel.infer.toys.ToySettings(ntoys, seed.orElse(1), threads.get(),
              io.sumbin.histmodel.infer.toys.Shard.ALL),
          new io.sumbin.histmodel.infer.diagnostics.ToyUpperLimit.Settings(ntoys, maxToys, clsError, 0.01, 16), start);
    }
    if (plot != null) {
      java.util.List<io.sumbin.histmodel.infer.HypoTestResult> pts = new java.util.ArrayList<>();
      for (var p : ul.points()) {
        pts.add(new io.sumbin.histmodel.infer.HypoTestResult(p.mu(), ts, Double.NaN, Double.NaN, Double.NaN, p.cls(), p.clsb(),
            p.clb(), p.clsExpected(), p.clsExpected(), p.clsExpected(), p.converged(), p.message()));
      }
      Plots.brazil(new UpperLimit(cl, ul.observed(), ul.expected(), pts, ul.converged(), ul.message()), m.poiName(),
          plot.path(), "Toy CLs upper limit on " + m.poiName());
    }
    if (json) {
      CliSupport.printJson(Main.out(), io.sumbin.pyhf.results.ToyLimitReport.of(ul, ts.pyhfName(), clsError));
    } else {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
          "%.0f%% CL upper limit on %s from toys: observed %s ± %s (toys)%nexpected [-2σ, -1σ, median, +1σ, +2σ] = %s%n",
          100 * cl, m.poiName(), CliSupport.fmt(ul.observed()), CliSupport.fmt(ul.observedError()),
          HypotestCommand.fmtArr(ul.expected())));
      sb.append(String.format(Locale.ROOT, "  %12s  %10s  %10s  %8s  %8s%n", m.poiName(), "CLs", "± error", "s+b toys", "b toys"));
      for (var p : ul.points()) {
        sb.append(String.format(Locale.ROOT, "  %12s  %10.5f  %10.5f  %8d  %8d%n", CliSupport.fmt(p.mu()), p.cls(), p.clsError(),
            p.nSb(), p.nB()));
      }
      Main.out().print(sb);
    }
    if (!ul.converged()) {
      throw new NumericalFailure("toy limit for " + workspace + ": " + ul.message());
    }
    return 0;
  }
}
