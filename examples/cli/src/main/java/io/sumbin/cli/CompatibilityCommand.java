package io.sumbin.cli;

import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.infer.diagnostics.ChannelCompatibility;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.pyhf.results.CompatibilityReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin compatibility WS.json}: one POI per channel against a common one (Combine's ChannelCompatibilityCheck). */
@Command(name = "compatibility", description = "Channel compatibility: the POI fitted per channel against a common POI, "
    + "Δ(2NLL) and its χ² p-value (Combine's ChannelCompatibilityCheck).", mixinStandardHelpOptions = true)
public final class CompatibilityCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Mixin
  MeasurementOption measurement;

  @Option(names = "--interp", paramLabel = "TYPE=CODE", converter = Converters.InterpValue.class, description = "interpolation code, e.g. normsys=code1 (default code4 / code4p)")
  java.util.List<Converters.Interp> interp;

  @Mixin
  FixOption fix;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    CliSupport.Loaded l = input.load(workspace, measurement.name(), interp, "compatibility");
    CompiledModel m = l.model();
    InferenceProblem problem = fix.apply(l.problem());
    problem.requireFreePoi("a compatibility check");
    ModelSpec spec = l.workspace().model(l.measurement(), CliSupport.interpSettings(interp)).withPoi(m.poiName());
    ChannelCompatibility c = InferenceFacade.diagnostics(problem, WorkRunner.threads(1)).compatibility(spec, l.source());
    if (json.on()) {
      CliSupport.printJson(console.out(), CompatibilityReport.of(c));
    } else {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < c.channels().size(); k++) {
        sb.append(String.format(Locale.ROOT, "  %-24s %s = %s ± %s%n", c.channels().get(k), c.poi(), CliSupport.fmt(c.muHat()[k]),
            CliSupport.fmt(c.muError()[k])));
      }
      sb.append(String.format(Locale.ROOT, "  %-24s %s = %s ± %s%n", "common", c.poi(), CliSupport.fmt(c.commonMuHat()),
          CliSupport.fmt(c.commonMuError())));
      sb.append(String.format(Locale.ROOT, "Δ(2NLL) = %s, χ²(%d) p-value = %.4g%n", CliSupport.fmt(c.delta()), c.dof(), c.pValue()));
      console.out().print(sb);
    }
    if (!c.converged()) {
      throw new NumericalFailure("compatibility for " + workspace + ": " + c.message());
    }
    return 0;
  }
}
