package io.sumbin.cli;

import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.infer.diagnostics.SaturatedGof;
import io.sumbin.pyhf.results.GofReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin gof WS.json}: the saturated-model goodness of fit with its toy p-value, also per channel. */
@Command(name = "gof", description = "Saturated-model goodness of fit q = −2 ln[L(θ̂)/L_sat] with its p-value from toys "
    + "generated at the best fit (and the χ² references), also per channel.", mixinStandardHelpOptions = true)
public final class GofCommand implements Callable<Integer> {
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

  @Option(names = "--ntoys", paramLabel = "N", defaultValue = "1000", converter = Converters.NonNegative.class,
      description = "toys at the best fit (0: χ² references only; default ${DEFAULT-VALUE}; at most 10^7)")
  int ntoys;

  @Mixin
  SeedOption seed;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    if (ntoys > Converters.MAX_TOYS) {
      throw new UserError("--ntoys " + ntoys + ": at most " + Converters.MAX_TOYS);
    }
    engine.check();
    CliSupport.Loaded l = input.load(workspace, measurement.name());
    CompiledModel m = l.model();
    InferenceProblem problem = fix.apply(l.problem());
    SaturatedGof g;
    try (EngineOption.Started eng = engine.start(threads, "gof", console.progress())) {
      g = InferenceFacade.diagnostics(problem, eng.runner()).gof(ntoys, seed.orElse(1));
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), GofReport.of(g));
    } else {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "saturated q = %s over %d bins%n", CliSupport.fmt(g.q()), g.bins()));
      if (ntoys > 0) {
        sb.append(String.format(Locale.ROOT, "p-value (%d toys at the best fit) = %.4f ± %.4f%n", g.ntoys(), g.pValue(),
            g.pValueError()));
      }
      sb.append(String.format(Locale.ROOT, "χ² references: p(χ²_%d) = %.4g (bins),  p(χ²_%d) = %.4g (bins + constraints − free parameters)%n",
          g.bins(), g.pChi2Bins(), g.dof(), g.pChi2Dof()));
      for (int c = 0; c < g.channels().size(); c++) {
        sb.append(String.format(Locale.ROOT, "  %-20s q = %-10s p = %.4f ± %.4f%n", g.channels().get(c),
            CliSupport.fmt(g.qChannels()[c]), g.channelPValues()[c], g.channelPValueErrors()[c]));
      }
      console.out().print(sb);
    }
    if (!g.converged()) {
      throw new NumericalFailure("goodness of fit for " + workspace + ": " + g.message());
    }
    return 0;
  }
}
