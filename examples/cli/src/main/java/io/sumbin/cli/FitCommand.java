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

  @Option(names = "--correlations", description = "also print the correlations |ρ| ≥ --corr-threshold, largest first")
  boolean correlations;

  @Option(names = "--corr-threshold", paramLabel = "T", defaultValue = "0.2", converter = Converters.UnitInterval.class,
      description = "with --correlations / --corr-plot: smallest |ρ| listed; the plot keeps the parameters with such a "
          + "correlation (0 ≤ T ≤ 1, default ${DEFAULT-VALUE})")
  double corrThreshold;

  @Option(names = "--corr-plot", paramLabel = "FILE.png", description = "correlation matrix heat map (all parameters up to 40, "
      + "else those with a correlation of at least --corr-threshold)")
  Converters.OutputFile corrPlot;

  @Override
  public Integer call() {
    CliSupport.Loaded l = input.load(workspace, measurement.name(), interp, null);
    FitResult r = InferenceFacade.fit(fix.apply(l.problem()));
    if (corrPlot != null && r.covariance() != null) {
      plotCorrelations(r, corrThreshold, corrPlot.path(), "Correlations: " + l.file().getFileName());
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), FitReport.of(r, l.measurement(), l.model().poiName()));
    } else {
      console.out().println(table(r, l));
      if (correlations) {
        console.out().print(correlationTable(r, corrThreshold));
      }
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

  /** The pairs with |ρ| ≥ threshold, largest first. */
  static String correlationTable(FitResult r, double threshold) {
    if (r.covariance() == null) {
      return "correlations: undefined (" + r.message() + ")\n";
    }
    int n = r.parNames().size();
    double[] rho = io.sumbin.histmodel.infer.diagnostics.Diagnostics.correlation(r.covariance(), n);
    java.util.List<int[]> pairs = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Math.abs(rho[i * n + j]) >= threshold && rho[i * n + j] != 0) {
          pairs.add(new int[] {i, j});
        }
      }
    }
    pairs.sort((a, b) -> Double.compare(Math.abs(rho[b[0] * n + b[1]]), Math.abs(rho[a[0] * n + a[1]])));
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "correlations with |ρ| ≥ %s (%d pairs):%n",
        CliSupport.num(threshold), pairs.size()));
    for (int[] p : pairs) {
      sb.append(String.format(Locale.ROOT, "  %+.4f  %s, %s%n", rho[p[0] * n + p[1]], r.parNames().get(p[0]), r.parNames().get(p[1])));
    }
    return sb.toString();
  }

  static void plotCorrelations(FitResult r, double threshold, java.nio.file.Path png, String title) {
    int n = r.parNames().size();
    double[] rho = io.sumbin.histmodel.infer.diagnostics.Diagnostics.correlation(r.covariance(), n);
    java.util.List<Integer> keep = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean any = n <= 40 && rho[i * n + i] != 0;
      for (int j = 0; j < n && !any; j++) {
        any = j != i && Math.abs(rho[i * n + j]) >= threshold && rho[i * n + j] != 0;
      }
      if (any) {
        keep.add(i);
      }
    }
    String[] names = keep.stream().map(r.parNames()::get).toArray(String[]::new);
    double[][] m = new double[keep.size()][keep.size()];
    for (int a = 0; a < keep.size(); a++) {
      for (int b = 0; b < keep.size(); b++) {
        m[a][b] = rho[keep.get(a) * n + keep.get(b)];
      }
    }
    io.sumbin.cli.plot.DiagnosticPlots.correlation(names, m, png, title);
  }
}
