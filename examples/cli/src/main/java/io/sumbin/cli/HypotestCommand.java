package io.sumbin.cli;

import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.pyhf.results.HypotestReport;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatistic;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;
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

  @Parameters(index = "0", paramLabel = "WS.json")
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

  @Option(names = "--ntoys", paramLabel = "N", defaultValue = "2000", converter = Converters.Toys.class,
      description = "pseudo-experiments per hypothesis with --calc toys")
  int ntoys;

  @Mixin
  SeedOption seed;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Option(names = "--robust-fits", description = "with --calc toys: fit each toy from two starts and keep the lower minima (about 2x slower; for likelihoods with several local minima)")
  boolean robustFits;

  @Option(names = "--measurement", paramLabel = "M")
  String measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "plot the test-statistic distributions")
  Converters.OutputFile plot;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() {
    engine.check();
    if (engine.engine() == EngineOption.Engine.spark && calc != Calc.toys) {
      throw new UserError("--engine spark runs the toys of --calc toys; the asymptotic calculator runs here");
    }
    TestStatistic ts = CliSupport.requireStatistic(testStat, "hypotest", TestStatistic.QTILDE, TestStatistic.Q, TestStatistic.Q0);
    if (ts != TestStatistic.Q0 && poiValue == null) {
      throw new UserError("--poi-value is required for test statistic " + ts.pyhfName());
    }
    double mu = ts == TestStatistic.Q0 ? 0.0 : poiValue;
    CliSupport.Loaded l = input.load(workspace, measurement, null, "hypotest");
    CompiledModel m = l.model();
    if (m.poiIndex() < 0) {
      throw new UserError(workspace + ": measurement '" + l.measurement() + "' has no POI; a hypothesis test needs one");
    }
    FitOptions o = fix.apply(m, FitOptions.suggested(m)).withUncertainties(false);
    if (o.fixed()[m.poiIndex()]) {
      throw new UserError("the POI '" + m.poiName() + "' cannot be fixed in a hypothesis test");
    }
    if (ts != TestStatistic.Q0) {
      CliSupport.requireWithinBounds(o, m, m.poiIndex(), mu, "--poi-value");
    }
    HypoTestResult r;
    Path png = plot == null ? null : plot.path();
    switch (calc) {
      case asymptotic -> {
        AsymptoticCalculator ac = new AsymptoticCalculator(new Inference(new Fitter(m), o), l.data(), ts);
        r = ac.hypotest(mu);
        if (png != null) {
          plotAsymptotic(r, m.poiName(), png);
        }
      }
      default -> {
        try (EngineOption.Started eng = engine.start(threads, "hypotest")) {
          r = ToyHypotest.run(l, o, ts, mu, ntoys, seed.orElse(1), threads.get(), eng.runner(), robustFits, png, json);
        }
      }
    }
    if (json) {
      CliSupport.printJson(console.out(), HypotestReport.of(r));
    } else {
      console.out().println(text(r, m.poiName()));
    }
    if (!r.converged()) {
      throw new NumericalFailure("hypotest of " + workspace + ": " + r.message());
    }
    CliSupport.warnings(console.err(), "hypotest of " + workspace, r.message());
    return 0;
  }

  static String text(HypoTestResult r, String poi) {
    if (r.testStatistic() == TestStatistic.Q0) {
      return String.format(Locale.ROOT, "discovery test (q0): p0 = %s, Z = %.3f; expected p0 [-2σ..+2σ] = %s",
          CliSupport.fmt(r.clsb()), r.significance(), fmtArr(r.clsExpected()));
    }
    return String.format(Locale.ROOT, "%s = %s (%s): CLs = %s  CLs+b = %s  CLb = %s%nexpected CLs [-2σ, -1σ, median, +1σ, +2σ] = %s",
        poi, CliSupport.fmt(r.mu()), r.testStatistic().pyhfName(), CliSupport.fmt(r.cls()), CliSupport.fmt(r.clsb()),
        CliSupport.fmt(r.clb()), fmtArr(r.clsExpected()));
  }

  static String fmtArr(double[] a) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(CliSupport.fmt(a[i]));
    }
    return sb.append(']').toString();
  }

  /**
   * Asymptotic densities of the calculator's statistic under the tested and the background-only
   * hypotheses (unit Gaussians shifted by √q_A), with the observed value marked.
   */
  static void plotAsymptotic(HypoTestResult r, String poi, Path png) {
    double sqA = Math.sqrt(r.qAsimov());
    JFreeChart c = Plots.chart("Asymptotic test-statistic distributions", "t = √q − √q_A (asymptotic scale)", "density");
    XYPlot p = c.getXYPlot();
    XYSeries sb = new XYSeries(r.testStatistic() == TestStatistic.Q0 ? "signal (μ = 1)" : "signal + background (" + poi + " = " + CliSupport.fmt(r.mu()) + ")");
    XYSeries b = new XYSeries(r.testStatistic() == TestStatistic.Q0 ? "background only" : "background only");
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
