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
  @Mixin
  Console console;

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

  @Override
  public Integer call() {
    TestStatistic ts = CliSupport.requireStatistic(testStat, "limit", TestStatistic.QTILDE, TestStatistic.Q);
    CliSupport.Loaded l = input.load(workspace, measurement, null, "limit");
    CompiledModel m = l.model();
    if (m.poiIndex() < 0) {
      throw new UserError(workspace + ": measurement '" + l.measurement() + "' has no POI; a limit needs one");
    }
    FitOptions o = fix.apply(m, FitOptions.suggested(m)).withUncertainties(false);
    if (o.fixed()[m.poiIndex()]) {
      throw new UserError("the POI '" + m.poiName() + "' cannot be fixed in a limit");
    }
    if (scan != null) {
      scan.requireWithin(o.lower()[m.poiIndex()], o.upper()[m.poiIndex()], "--scan", m.poiName());
    }
    AsymptoticCalculator calc = new AsymptoticCalculator(new Inference(new Fitter(m), o), l.data(), ts);
    int poi = m.poiIndex();
    UpperLimit ul = scan != null
        ? UpperLimits.scan(calc::hypotest, cl, scan.values())
        : UpperLimits.rootFinding(calc::hypotest, cl, o.lower()[poi], o.upper()[poi], UpperLimits.REL_TOL);
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
      CliSupport.printJson(console.out(), LimitReport.of(ul, ts.pyhfName(), scan != null ? "scan" : "root finding"));
    } else {
      console.out().printf(Locale.ROOT, "%.0f%% CL upper limit on %s: observed %s%nexpected [-2σ, -1σ, median, +1σ, +2σ] = %s%n",
          100 * cl, m.poiName(), CliSupport.fmt(ul.observed()), HypotestCommand.fmtArr(ul.expected()));
    }
    if (!ul.converged()) {
      throw new NumericalFailure("limit for " + workspace + ": " + ul.message());
    }
    return 0;
  }
}
