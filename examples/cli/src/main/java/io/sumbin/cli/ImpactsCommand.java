package io.sumbin.cli;

import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.cli.plot.DiagnosticPlots;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.infer.diagnostics.Impact;
import io.sumbin.histmodel.infer.diagnostics.Impacts;
import io.sumbin.pyhf.results.ImpactsReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin impacts WS.json}: the POI shift when each nuisance parameter is held at θ̂ ± its post-fit
 * and pre-fit uncertainty and the rest refitted (Combine's definition), ranked, with the pulls.
 */
@Command(name = "impacts", description = "Impacts of the nuisance parameters on the POI (held at θ̂ ± post-/pre-fit σ, "
    + "rest refitted; Combine's definition), ranked, with pulls. --poi P chooses the parameter.",
    mixinStandardHelpOptions = true)
public final class ImpactsCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Option(names = "--plot", paramLabel = "ranking.png", description = "the ranking plot (impacts with the pulls beside them)")
  Converters.OutputFile plot;

  @Option(names = "--top", paramLabel = "N", defaultValue = "30", converter = Converters.GridSize.class,
      description = "parameters shown in the plot and the table (default ${DEFAULT-VALUE}; JSON lists all)")
  int top;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    engine.check();
    CliSupport.Loaded l = input.load(workspace, measurement.name(), null, "impacts");
    CompiledModel m = l.model();
    InferenceProblem problem = fix.apply(l.problem());
    int poi = problem.requireFreePoi("impacts");
    Impacts im;
    try (EngineOption.Started eng = engine.start(threads, "impacts", console.progress())) {
      im = InferenceFacade.diagnostics(problem, eng.runner()).impacts(poi);
    }
    if (plot != null) {
      DiagnosticPlots.impacts(im, top, plot.path(), "Impacts on " + im.poi() + ": " + l.file().getFileName());
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), ImpactsReport.of(im));
    } else {
      console.out().print(table(im, top));
    }
    if (!im.converged()) {
      throw new NumericalFailure("impacts for " + workspace + ": " + im.message());
    }
    return 0;
  }

  static String table(Impacts im, int top) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s = %s ± %s; impacts: Δ%s of the refit, ranked by post-fit impact%n", im.poi(),
        CliSupport.fmt(im.best().bestfit()[im.poiIndex()]), CliSupport.fmt(im.best().uncertainties()[im.poiIndex()]), im.poi()));
    int w = 9;
    for (Impact x : im.impacts()) {
      w = Math.max(w, x.parameter().length());
    }
    sb.append(String.format(Locale.ROOT, "%-" + w + "s  %8s  %8s  %11s  %11s  %11s  %11s%n", "parameter", "pull", "constr.",
        "post +1σ", "post −1σ", "pre +1σ", "pre −1σ"));
    for (int k = 0; k < Math.min(top, im.impacts().size()); k++) {
      Impact x = im.impacts().get(k);
      sb.append(String.format(Locale.ROOT, "%-" + w + "s  %8.3f  %8.3f  %+11.4g  %+11.4g  %+11.4g  %+11.4g%n", x.parameter(),
          x.pull(), x.constraint(), x.postfitUp(), x.postfitDown(), x.prefitUp(), x.prefitDown()));
    }
    if (im.impacts().size() > top) {
      sb.append(String.format(Locale.ROOT, "(%d more; --top N or --json for all)%n", im.impacts().size() - top));
    }
    return sb.toString();
  }
}
