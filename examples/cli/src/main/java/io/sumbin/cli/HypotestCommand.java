package io.sumbin.cli;

import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.inference.HypotestRun;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.pyhf.results.HypotestReport;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin hypotest WS.json --poi-value V}: CLs of one POI value. */
@Command(name = "hypotest", description = "Hypothesis test of one POI value: CLs, CLs+b, CLb and the expected band (q0: discovery p0 and Z).",
    mixinStandardHelpOptions = true)
public final class HypotestCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Option(names = "--poi-value", paramLabel = "V", description = "tested POI value, within its bounds (ignored for q0)")
  Double poiValue;

  @Option(names = "--test-stat", paramLabel = "qtilde|q|q0", defaultValue = "qtilde", description = "test statistic (default ${DEFAULT-VALUE})")
  TestStatistic testStat;

  /** Calculators. */
  enum Calc { asymptotic, toys }

  @Option(names = "--calc", paramLabel = "asymptotic|toys", defaultValue = "asymptotic", description = "calculator (default ${DEFAULT-VALUE})")
  Calc calc;

  /** Pseudo-experiments per hypothesis when {@code --ntoys} is not given. */
  static final int DEFAULT_NTOYS = 2000;

  @Option(names = "--ntoys", paramLabel = "N", converter = Converters.Toys.class,
      description = "pseudo-experiments per hypothesis with --calc toys (default " + DEFAULT_NTOYS + ")")
  Integer ntoys;

  @Mixin
  ToyOptions toys;

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "plot the test-statistic distributions")
  Converters.OutputFile plot;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    EngineOption engine = toys.engine();
    engine.check();
    if (engine.engine() == EngineOption.Engine.spark && calc != Calc.toys) {
      throw new UserError("--engine spark runs the toys of --calc toys; the asymptotic calculator runs here");
    }
    if (calc == Calc.asymptotic) {
      List<String> unused = new java.util.ArrayList<>();
      if (ntoys != null) {
        unused.add("--ntoys");
      }
      if (toys.seed.seed != null) {
        unused.add("--seed");
      }
      if (toys.robustFits) {
        unused.add("--robust-fits");
      }
      if (!unused.isEmpty()) {
        console.questionable(String.join(", ", unused) + (unused.size() == 1 ? " has" : " have")
            + " no effect with the asymptotic calculator (they are options of --calc toys)");
      }
    }
    TestStatistic ts = CliSupport.requireStatistic(testStat, "hypotest", TestStatistic.QTILDE, TestStatistic.Q, TestStatistic.Q0);
    if (ts.fixedMu().isEmpty() && poiValue == null) {
      throw new UserError("--poi-value is required for test statistic " + ts.pyhfName());
    }
    double mu = ts.fixedMu().isPresent() ? ts.fixedMu().getAsDouble() : poiValue;
    CliSupport.Loaded l = input.load(workspace, measurement.name(), null, "hypotest");
    InferenceProblem p = fix.apply(l.problem());
    int poi = p.requireFreePoi("a hypothesis test");
    if (ts.fixedMu().isEmpty()) {
      p.requireWithin(poi, mu, "--poi-value");
    }
    CliSupport.requirePossibleBackgroundOnly(l.model(), p.options(), p.data(), l.source());
    String poiName = p.model().poiName();
    InferenceOptions o = calc == Calc.toys
        ? InferenceOptions.toys(ts, toys.settings(ntoys == null ? DEFAULT_NTOYS : ntoys, Shard.ALL)) : InferenceOptions.asymptotic(ts);
    HypotestRun run;
    try (EngineOption.Started eng = calc == Calc.toys ? engine.start(toys.threads(), "hypotest", console.progress()) : null) {
      run = InferenceFacade.hypotest(p, mu, eng == null ? o : o.withRunner(eng.runner()));
    }
    HypoTestResult r = run.result();
    if (plot != null) {
      if (run.toys() != null) {
        ToyHypotest.plot(run.toys(), p, plot.path());
      } else {
        plotAsymptotic(r, poiName, plot.path());
      }
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), HypotestReport.of(r));
    } else {
      console.out().println(Rendering.hypotest(r, poiName));
    }
    if (!r.converged()) {
      throw new NumericalFailure("hypotest of " + workspace + ": " + r.message());
    }
    CliSupport.warnings(console.err(), "hypotest of " + workspace, r.message());
    return 0;
  }

  /**
   * Asymptotic densities of the calculator's statistic under the tested and the background-only
   * hypotheses (unit Gaussians shifted by √q_A), with the observed value marked.
   */
  static void plotAsymptotic(HypoTestResult r, String poi, Path png) {
    double sqA = Math.sqrt(r.qAsimov());
    JFreeChart c = Plots.chart("Asymptotic test-statistic distributions", "t = √q − √q_A (asymptotic scale)", "density");
    XYPlot p = c.getXYPlot();
    XYSeries sb = new XYSeries(r.testStatistic().discovery() ? "signal (μ = 1)" : "signal + background (" + poi + " = " + CliSupport.fmt(r.mu()) + ")");
    XYSeries b = new XYSeries("background only");
    double lo = Math.min(-sqA, r.teststat()) - 4;
    double hi = Math.max(0, r.teststat()) + 4;
    for (int i = 0; i <= 400; i++) {
      double t = lo + (hi - lo) * i / 400;
      sb.add(t, Math.exp(-0.5 * (t + sqA) * (t + sqA)) / Math.sqrt(2 * Math.PI));
      b.add(t, Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI));
    }
    XYSeriesCollection d = new XYSeriesCollection();
    d.addSeries(sb);
    d.addSeries(b);
    Plots.addLines(p, d, new Color[] {Plots.RED, Plots.BLUE}, new java.awt.BasicStroke[] {Plots.SOLID}, false);
    Plots.vline(p, r.teststat(), "observed", Color.BLACK);
    Plots.note(c, String.format(Locale.ROOT, "CLs+b = %s, CLb = %s, CLs = %s", CliSupport.fmt(r.clsb()), CliSupport.fmt(r.clb()), CliSupport.fmt(r.cls())));
    Plots.save(c, png);
  }
}
