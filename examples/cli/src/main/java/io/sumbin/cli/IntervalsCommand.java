package io.sumbin.cli;

import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.infer.diagnostics.ParameterInterval;
import io.sumbin.histmodel.infer.diagnostics.ProfileIntervals;
import io.sumbin.pyhf.results.IntervalsReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin intervals WS.json}: profile-likelihood 68 %/95 % intervals of the POI or of every free parameter. */
@Command(name = "intervals", description = "Profile-likelihood 68%%/95%% intervals of the POI (--param for others, --all for every "
    + "free parameter), root-found like scan, in parallel (Combine MultiDimFit --algo singles).",
    mixinStandardHelpOptions = true)
public final class IntervalsCommand implements Callable<Integer> {
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

  @Option(names = "--all", description = "every free parameter")
  boolean all;

  @Option(names = "--param", paramLabel = "NAME", description = "a parameter (repeatable; expanded names allowed)")
  List<String> params;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    engine.check();
    if (all && params != null) {
      throw new UserError("give either --all or --param, not both");
    }
    CliSupport.Loaded l = input.load(workspace, measurement.name());
    CompiledModel m = l.model();
    InferenceProblem problem = fix.apply(l.problem());
    FitOptions o = problem.options();
    List<Integer> idx = new ArrayList<>();
    if (all) {
      for (int i = 0; i < m.nPars(); i++) {
        if (!o.fixed()[i]) {
          idx.add(i);
        }
      }
    } else if (params != null) {
      for (String p : params) {
        int i = m.parIndex(p);
        if (i < 0) {
          throw new UserError("--param " + p + ": unknown parameter (parameters: " + CliSupport.abbreviate(m.parNames()) + ")");
        }
        if (o.fixed()[i]) {
          throw new UserError("--param " + p + ": the parameter is fixed");
        }
        idx.add(i);
      }
    } else {
      if (m.poiIndex() < 0) {
        throw new UserError(l.source() + ": the model has no POI; name parameters with --param or use --all");
      }
      if (o.fixed()[m.poiIndex()]) {
        throw new UserError("the POI '" + m.poiName() + "' is fixed");
      }
      idx.add(m.poiIndex());
    }
    ProfileIntervals pi;
    try (EngineOption.Started eng = engine.start(threads, "intervals", console.progress())) {
      pi = InferenceFacade.diagnostics(problem, eng.runner()).intervals(idx.stream().mapToInt(Integer::intValue).toArray());
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), IntervalsReport.of(pi));
    } else {
      int w = 9;
      for (ParameterInterval x : pi.intervals()) {
        w = Math.max(w, x.parameter().length());
      }
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %12s  %27s  %27s  %10s%n", "parameter",
          "best fit", "68% interval", "95% interval", "Hesse σ"));
      for (ParameterInterval x : pi.intervals()) {
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %12s  [%12s, %12s]  [%12s, %12s]  %10s%n", x.parameter(),
            CliSupport.fmt(x.best()), CliSupport.fmt(x.interval68()[0]), CliSupport.fmt(x.interval68()[1]),
            CliSupport.fmt(x.interval95()[0]), CliSupport.fmt(x.interval95()[1]), CliSupport.fmt(x.hesseError())));
      }
      console.out().print(sb);
    }
    if (!pi.converged()) {
      throw new NumericalFailure("intervals for " + workspace + ": some fits did not converge");
    }
    return 0;
  }
}
