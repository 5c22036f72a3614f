package io.sumbin.cli;

import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.pyhf.results.FitReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin fit WS.json}: maximum-likelihood fit of a pyhf workspace. */
@Command(name = "fit", description = "Maximum-likelihood fit of a pyhf (or sumbin) workspace.", mixinStandardHelpOptions = true)
public final class FitCommand implements Callable<Integer> {
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

  @Option(names = "--interp", paramLabel = "TYPE=CODE", converter = Converters.InterpValue.class, description = "interpolation code, e.g. normsys=code1 histosys=code0 (default code4 / code4p)")
  List<Converters.Interp> interp;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    CliSupport.Loaded l = input.load(workspace, measurement.name(), interp, null);
    FitResult r = InferenceFacade.fit(fix.apply(l.problem()));
    if (json.on()) {
      CliSupport.printJson(console.out(), FitReport.of(r, l.measurement(), l.model().poiName()));
    } else {
      console.out().println(table(r, l));
    }
    if (!r.ok()) {
      throw new NumericalFailure("fit of " + workspace + ": " + r.message());
    }
    return 0;
  }

  static String table(FitResult r, CliSupport.Loaded l) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "fit of %s, measurement '%s'%n", l.file(), l.measurement()));
    int w = 9;
    for (String n : r.parNames()) {
      w = Math.max(w, n.length());
    }
    sb.append(String.format(Locale.ROOT, "%-" + w + "s  %14s  %14s%n", "parameter", "best fit", "uncertainty"));
    for (int i = 0; i < r.parNames().size(); i++) {
      sb.append(String.format(Locale.ROOT, "%-" + w + "s  %14s  %14s%n", r.parNames().get(i),
          CliSupport.fmt(r.bestfit()[i]), CliSupport.fmt(r.uncertainties()[i])));
    }
    sb.append(String.format(Locale.ROOT, "twice_nll = %s   converged = %s   (%d iterations; %s)",
        CliSupport.fmt(r.twiceNll()), r.converged(), r.iterations(), r.message()));
    return sb.toString();
  }
}
