package io.sumbin.cli;

import io.sumbin.cli.plot.Plots;
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

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "CLs versus POI with the Brazil band")
  Converters.OutputFile plot;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    TestStatistic ts = CliSupport.requireStatistic(testStat, "limit", TestStatistic.QTILDE, TestStatistic.Q);
    CliSupport.Loaded l = input.load(workspace, measurement.name(), null, "limit");
    InferenceProblem p = fix.apply(l.problem());
    int poi = p.requireFreePoi("a limit");
    String poiName = p.model().poiName();
    if (scan != null) {
      scan.requireWithin(p, poi, "--scan");
    }
    LimitSettings s = scan != null ? LimitSettings.scan(cl, scan.values()) : LimitSettings.rootFinding(cl);
    LimitRun run = InferenceFacade.upperLimit(p, plot != null ? s.withCurve(PLOT_POINTS) : s, InferenceOptions.asymptotic(ts));
    UpperLimit ul = run.limit();
    if (plot != null) {
      Plots.brazil(run.curve(), poiName, plot.path(), "CLs upper limit on " + poiName);
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
    return 0;
  }
}
