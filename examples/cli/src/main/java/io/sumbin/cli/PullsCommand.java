package io.sumbin.cli;

import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.cli.plot.DiagnosticPlots;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.infer.diagnostics.Pull;
import io.sumbin.histmodel.infer.diagnostics.Pulls;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.pyhf.results.PullsReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin pulls WS.json}: pulls and constraints of the nuisance parameters, grouped by modifier type. */
@Command(name = "pulls", description = "Pulls (θ̂−θ₀)/Δθ and constraints Δθ_post/Δθ_pre of the constrained nuisance parameters, "
    + "grouped by modifier type.", mixinStandardHelpOptions = true)
public final class PullsCommand implements Callable<Integer> {
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

  @Option(names = "--plot", paramLabel = "FILE.png", description = "the pull plot")
  Converters.OutputFile plot;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    CliSupport.Loaded l = input.load(workspace, measurement.name());
    CompiledModel m = l.model();
    InferenceProblem problem = fix.apply(l.problem());
    Diagnostics d = InferenceFacade.diagnostics(problem, WorkRunner.threads(1));
    FitResult f = d.fit();
    Pulls p = d.pulls(f);
    if (plot != null) {
      DiagnosticPlots.pulls(p, plot.path(), "Pulls: " + l.file().getFileName());
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), PullsReport.of(p));
    } else {
      console.out().print(table(p));
    }
    if (!f.ok()) {
      throw new NumericalFailure("fit of " + workspace + ": " + f.message());
    }
    return 0;
  }

  static String table(Pulls p) {
    StringBuilder sb = new StringBuilder();
    int w = 9;
    for (Pull x : p.pulls()) {
      w = Math.max(w, x.parameter().length());
    }
    for (Map.Entry<String, List<Pull>> e : p.byKind().entrySet()) {
      sb.append(e.getKey()).append('\n');
      sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %12s  %12s  %10s  %10s%n", "parameter", "best fit", "± post-fit",
          "pull", "constraint"));
      for (Pull x : e.getValue()) {
        sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %12s  %12s  %10.4f  %10.4f%n", x.parameter(),
            CliSupport.fmt(x.bestfit()), CliSupport.fmt(x.postfitSigma()), x.pull(), x.constraint()));
      }
    }
    return sb.toString();
  }
}
