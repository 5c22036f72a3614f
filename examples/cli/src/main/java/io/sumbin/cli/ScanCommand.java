package io.sumbin.cli;

import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.ProfileScan2D;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.pyhf.results.ScanReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin scan WS.json --param NAME --range LO:HI:N}: profile-likelihood scans (1-D or 2-D). */
@Command(name = "scan", description = "Profile-likelihood scan of a parameter (or of two with --param2), with 68%%/95%% intervals or contours.",
    mixinStandardHelpOptions = true)
public final class ScanCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Option(names = "--param", required = true, paramLabel = "NAME", description = "scanned parameter (expanded names allowed)")
  String param;

  @Option(names = "--range", required = true, paramLabel = "LO:HI:N", description = "grid of the parameter, within its bounds (N <= 10000)")
  Converters.Grid range;

  @Option(names = "--param2", paramLabel = "NAME", description = "second parameter for a 2-D scan")
  String param2;

  @Option(names = "--range2", paramLabel = "LO:HI:N", description = "grid of the second parameter (at most 10^6 points in all)")
  Converters.Grid range2;

  @Option(names = "--asimov", paramLabel = "V", description = "scan the Asimov dataset of POI = V, within its bounds (nuisance parameters fitted to the data at V)")
  Double asimov;

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "plot Δ(−2 ln L) with the 68%%/95%% levels (1-D) or the contours (2-D)")
  Converters.OutputFile plot;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    if (param2 == null && range2 != null) {
      throw new UserError("--range2 needs --param2");
    }
    if (param2 != null && range2 == null) {
      throw new UserError("--param2 needs --range2 LO:HI:N");
    }
    if (range2 != null && (long) range.n() * range2.n() > Converters.MAX_GRID_POINTS_2D) {
      throw new UserError("--range " + range + " × --range2 " + range2 + ": " + (long) range.n() * range2.n()
          + " points exceed the limit of " + Converters.MAX_GRID_POINTS_2D + " for a 2-D grid");
    }
    CliSupport.Loaded l = input.load(workspace, measurement.name());
    InferenceProblem p = fix.apply(l.problem());
    int px = p.parameter(param, "--param");
    range.requireWithin(p, px, "--range");
    int py = -1;
    if (param2 != null) {
      py = p.parameter(param2, "--param2");
      if (py == px) {
        throw new UserError("--param2 must differ from --param");
      }
      range2.requireWithin(p, py, "--range2");
    }
    double[] gx = range.values();
    if (asimov != null) {
      if (p.model().poiIndex() < 0) {
        throw new UserError("--asimov needs a model with a POI");
      }
      p.requireWithin(p.model().poiIndex(), asimov, "--asimov");
      p = InferenceFacade.asimov(p, asimov);
    }
    if (param2 == null) {
      ProfileScan s = InferenceFacade.scan(p, px, gx);
      double[] bounds = {p.options().lower()[px], p.options().upper()[px]};
      boolean[] b68 = Plots.atBound(s, s.interval68(), ProfileLikelihood.DELTA_68_1D, bounds[0], bounds[1]);
      boolean[] b95 = Plots.atBound(s, s.interval95(), ProfileLikelihood.DELTA_95_1D, bounds[0], bounds[1]);
      if (plot != null) {
        Plots.scan(s, bounds, plot.path(), "Profile likelihood of " + Plots.greek(s.parameter())
            + (asimov != null ? " (Asimov, POI = " + CliSupport.fmt(asimov) + ")" : ""));
      }
      if (json.on()) {
        CliSupport.printJson(console.out(), ScanReport.of(s, px, b68, b95));
      } else {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%14s  %14s%n", s.parameter(), "Δ(2NLL)"));
        for (int i = 0; i < s.values().length; i++) {
          sb.append(String.format(Locale.ROOT, "%14s  %14s%n", CliSupport.fmt(s.values()[i]), CliSupport.fmt(s.deltaTwiceNll()[i])));
        }
        sb.append(summaryLine(s.parameter(), s.best().bestfit()[px], s.interval68(), s.interval95(), b68, b95, bounds));
        console.out().println(sb);
      }
      if (!s.converged()) {
        throw new NumericalFailure("scan of " + workspace + ": " + s.message());
      }
      return 0;
    }
    ProfileScan2D s = InferenceFacade.scan2d(p, px, py, gx, range2.values());
    if (plot != null) {
      Plots.contours(s, plot.path(), "Profile-likelihood contours");
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), ScanReport.of(s, px, py));
    } else {
      console.out().printf(Locale.ROOT, "2-D scan of %s × %s on %d × %d points: best fit (%s, %s); 68%% contour %d segments, 95%% contour %d segments%n",
          s.xParameter(), s.yParameter(), s.xValues().length, s.yValues().length, CliSupport.fmt(s.best().bestfit()[px]),
          CliSupport.fmt(s.best().bestfit()[py]), s.contour68().size(), s.contour95().size());
    }
    if (!s.converged()) {
      throw new NumericalFailure("scan of " + workspace + ": " + s.message());
    }
    return 0;
  }

  /**
   * The best fit and intervals; an edge at the parameter bound reads "0 (bound)", and the note on NaN
   * edges comes only when an edge is NaN for another reason (beyond the scanned range).
   */
  static String summaryLine(String parameter, double best, double[] i68, double[] i95, boolean[] b68, boolean[] b95,
      double[] bounds) {
    boolean open = (Double.isNaN(i68[0]) && !b68[0]) || (Double.isNaN(i68[1]) && !b68[1]) || (Double.isNaN(i95[0]) && !b95[0])
        || (Double.isNaN(i95[1]) && !b95[1]);
    boolean bound = b68[0] || b68[1] || b95[0] || b95[1];
    return String.format(Locale.ROOT, "best fit %s = %s; 68%% interval %s; 95%% interval %s%s%s", parameter,
        CliSupport.fmt(best), Plots.interval(i68, b68, bounds, CliSupport::fmt), Plots.interval(i95, b95, bounds, CliSupport::fmt),
        bound ? " (bound: Δ(2NLL) stays below the threshold up to the parameter's bound)" : "",
        open ? " (NaN: beyond the scanned range)" : "");
  }
}
