package io.sumbin.cli;

import io.sumbin.pyhf.results.FamilyReport;
import io.sumbin.pyhf.results.BeltReport;
import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.pyhf.FamilyIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin family ...}: operations on per-scan-point model families. */
@Command(name = "family", description = "Per-scan-point model families: scan, limits, belt, export to pyhf.", mixinStandardHelpOptions = true,
    subcommands = {FamilyCommand.Scan.class, FamilyCommand.Limits.class, FamilyCommand.Belt.class, FamilyCommand.ExportPyhf.class})
public final class FamilyCommand {

  /** Shared options. */
  static class Common {
    @Mixin
    Console console;

    @Parameters(index = "0", paramLabel = "MANIFEST.json", description = "family manifest")
    Path manifest;

    @Option(names = "--asimov", paramLabel = "V", arity = "1..2", description = "replace each point's data by the Asimov data of truth V (one value per POI)")
    List<Double> asimov;

    @Mixin
    ThreadsOption threads;

    @Mixin
    EngineOption engine;

    @Mixin
    JsonOption json;

    ModelFamily load() {
      engine.check();
      ModelFamily f = FamilyIO.read(manifest);
      if (asimov != null) {
        if (asimov.size() != f.pois().size()) {
          throw new UserError(manifest + ": --asimov needs " + f.pois().size() + " value(s) (POIs " + f.pois() + "), got "
              + asimov.size());
        }
        f = f.asimov(asimov.stream().mapToDouble(Double::doubleValue).toArray(), "--asimov: the Asimov truth");
      }
      return f;
    }

    int threads() {
      return threads.get();
    }

    /** The engine of this command (threads or Spark), started; close it. */
    EngineOption.Started engine(String command) {
      return engine.start(threads, command, console.progress());
    }
  }

  /** {@code family scan}: t(θ′) per point and the 68/95% intervals (1-D) or contours (2-D). */
  @Command(name = "scan", description = "t(θ′) at every scan point, each inside its own model; 68%%/95%% intervals or contours.",
      mixinStandardHelpOptions = true)
  public static final class Scan extends Common implements Callable<Integer> {
    @Option(names = "--plot", paramLabel = "FILE.png", description = "t(θ′) with the 68%%/95%% levels (1-D) or the contours (2-D)")
    Converters.OutputFile plot;

    @Override
    public Integer call() {
      ModelFamily f = load();
      FamilyScan s;
      try (EngineOption.Started eng = engine("family scan")) {
        s = f.scan(eng.runner());
      }
      if (plot != null) {
        plot(f, s, plot.path());
      }
      if (json.on()) {
        CliSupport.printJson(console.out(), FamilyReport.scan(f, s));
      } else {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.t().length; i++) {
          sb.append(String.format(Locale.ROOT, "%-24s t = %s%n", java.util.Arrays.toString(s.theta()[i]), CliSupport.fmt(s.t()[i])));
        }
        if (f.pois().size() == 1) {
          sb.append(String.format(Locale.ROOT, "68%% interval [%s, %s]; 95%% interval [%s, %s]", CliSupport.fmt(s.interval68()[0]),
              CliSupport.fmt(s.interval68()[1]), CliSupport.fmt(s.interval95()[0]), CliSupport.fmt(s.interval95()[1])));
        }
        console.out().println(sb);
      }
      if (!s.converged()) {
        throw new NumericalFailure("family scan of " + manifest + ": " + s.message());
      }
      return 0;
    }

    static void plot(ModelFamily f, FamilyScan s, Path png) {
      if (f.pois().size() == 1) {
        JFreeChart c = Plots.chart("Per-point optimal observables: t(θ′)", f.pois().get(0), "t(θ′)");
        XYPlot p = c.getXYPlot();
        XYSeries ser = new XYSeries("t(θ′), each point in its own binning");
        for (int i = 0; i < s.t().length; i++) {
          if (Double.isFinite(s.t()[i])) {
            ser.add(s.theta()[i][0], s.t()[i]);
          }
        }
        Plots.addLines(p, new XYSeriesCollection(ser), new Color[] {Color.BLACK}, new BasicStroke[] {Plots.SOLID}, s.t().length <= 61);
        Plots.hline(p, ProfileLikelihood.DELTA_68_1D, "68.3%", Plots.BLUE);
        Plots.hline(p, ProfileLikelihood.DELTA_95_1D, "95%", Plots.RED);
        Plots.note(c, String.format(Locale.ROOT, "68%%: [%s, %s];  95%%: [%s, %s]", CliSupport.fmt(s.interval68()[0]),
            CliSupport.fmt(s.interval68()[1]), CliSupport.fmt(s.interval95()[0]), CliSupport.fmt(s.interval95()[1])));
        Plots.save(c, png);
        return;
      }
      JFreeChart c = Plots.chart("Per-point optimal observables: contours of t(θ′)", f.pois().get(0), f.pois().get(1));
      XYPlot p = c.getXYPlot();
      XYSeriesCollection segs = new XYSeriesCollection();
      int k = 0;
      org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
      for (List<double[]> cont : List.of(s.contour68(), s.contour95())) {
        boolean first = true;
        for (double[] sg : cont) {
          XYSeries ser = new XYSeries((cont == s.contour68() ? "68.3% CL" : "95% CL") + (first ? "" : " " + k), false, true);
          ser.add(sg[0], sg[1]);
          ser.add(sg[2], sg[3]);
          segs.addSeries(ser);
          r.setSeriesPaint(k, cont == s.contour68() ? Plots.BLUE : Plots.RED);
          r.setSeriesStroke(k, Plots.SOLID);
          r.setSeriesVisibleInLegend(k, first);
          first = false;
          k++;
        }
      }
      p.setDataset(0, segs);
      p.setRenderer(0, r);
      Plots.save(c, png);
    }
  }

  /** {@code family limits}: CLs of each point's hypothesis against the reference. */
  @Command(name = "limits", description = "Asymptotic CLs of every scan point's hypothesis θ′ against the reference hypothesis.",
      mixinStandardHelpOptions = true)
  public static final class Limits extends Common implements Callable<Integer> {
    @Option(names = "--test-stat", paramLabel = "qtilde|q", defaultValue = "qtilde", description = "test statistic (default ${DEFAULT-VALUE})")
    TestStatistic testStat;

    @Override
    public Integer call() {
      TestStatistic ts = CliSupport.requireStatistic(testStat, "family limits", TestStatistic.QTILDE, TestStatistic.Q);
      ModelFamily f = load();
      List<HypoTestResult> rs;
      try (EngineOption.Started eng = engine("family limits")) {
        rs = f.limits(ts, eng.runner());
      }
      boolean conv = rs.stream().allMatch(HypoTestResult::converged);
      if (json.on()) {
        CliSupport.printJson(console.out(), FamilyReport.limits(f, rs));
      } else {
        for (int i = 0; i < rs.size(); i++) {
          console.out().printf(Locale.ROOT, "%-24s CLs = %s  expected %s%n", java.util.Arrays.toString(f.point(i).theta()),
              CliSupport.fmt(rs.get(i).cls()), Rendering.array(rs.get(i).clsExpected()));
        }
      }
      if (!conv) {
        throw new NumericalFailure("family limits of " + manifest + ": some fits did not converge");
      }
      return 0;
    }
  }

  /** {@code family belt}: the Neyman (Feldman–Cousins) construction over a 1-D family, each point in its own model. */
  @Command(name = "belt", description = "Confidence belt over a 1-D family: toys at every point θ′ in that point's own model; "
      + "θ′ is accepted when its observed statistic is below the toys' critical value.", mixinStandardHelpOptions = true)
  public static final class Belt extends Common implements Callable<Integer> {
    @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.68", converter = Converters.OpenUnit.class,
        description = "confidence level (default ${DEFAULT-VALUE})")
    double cl;

    @Option(names = "--ntoys", paramLabel = "N", defaultValue = "1000", converter = Converters.Toys.class,
        description = "toys per point (default ${DEFAULT-VALUE})")
    int ntoys;

    @Mixin
    SeedOption seed;

    @Option(names = "--test-stat", paramLabel = "t|ttilde|q|qtilde", defaultValue = "t",
        description = "ordering statistic (default ${DEFAULT-VALUE}: two-sided, for signed coefficients; ttilde for μ ≥ 0)")
    TestStatistic testStat;

    @Option(names = "--robust-fits", description = "fit each toy from two starts and keep the lower minima")
    boolean robustFits;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "critical and observed statistic versus θ′ with the interval")
    Converters.OutputFile plot;

    @Override
    public Integer call() {
      TestStatistic ts = CliSupport.requireStatistic(testStat, "family belt", TestStatistic.T, TestStatistic.TTILDE, TestStatistic.Q,
          TestStatistic.QTILDE);
      ModelFamily f = load();
      List<io.sumbin.histmodel.infer.neyman.BeltPoint> points = f.beltPoints();
      io.sumbin.histmodel.infer.neyman.ConfidenceBelt belt;
      try (EngineOption.Started eng = engine("family belt")) {
        InferenceOptions o = InferenceOptions.toys(ts, new ToySettings(ntoys, seed.orElse(1), threads(), Shard.ALL, robustFits))
            .withRunner(eng.runner());
        belt = InferenceFacade.belt(points, cl, false, o);
      }
      if (plot != null) {
        Plots.belt(belt, f.pois().get(0), plot.path(), "Neyman belt over the family (" + ts.pyhfName() + ", each point its own model)");
      }
      if (json.on()) {
        CliSupport.printJson(console.out(), BeltReport.of(belt, f.pois().get(0)));
      } else {
        console.out().println(Rendering.belt(belt, f.pois().get(0)));
      }
      if (!belt.converged()) {
        throw new NumericalFailure("family belt of " + manifest + ": " + belt.message());
      }
      CliSupport.warnings(console.err(), "family belt of " + manifest, belt.message());
      return 0;
    }
  }

  /** A path inside a staging directory as the user will find it: under the --out they gave. */
  static Path shown(Outputs.Staged stage, Path inStaging) {
    return stage.finalPath(inStaging);
  }

  /** {@code family export-pyhf MANIFEST --out DIR}. */
  @Command(name = "export-pyhf", description = "Export every point as a pyhf workspace and the grid as a pyhf patch set (bkgonly.json + patchset.json).",
      mixinStandardHelpOptions = true)
  public static final class ExportPyhf implements Callable<Integer> {
    @Mixin
    Console console;

    @Parameters(index = "0", paramLabel = "MANIFEST.json", description = "family manifest")
    Path manifest;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (files of the same name are replaced)")
    Converters.OutputDir out;

    @Option(names = "--hepdata", paramLabel = "insNNNNNNN", defaultValue = "ins0000000",
        description = "HEPData record for the patch set's required reference (default ${DEFAULT-VALUE}: none)")
    String hepdata;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      if (!hepdata.matches("^ins[0-9]{7}$")) {
        throw new UserError("--hepdata must look like ins1234567, got '" + hepdata + "'");
      }
      Path familyDir = manifest.toAbsolutePath().getParent();
      if (familyDir != null && Outputs.sameFile(out.path(), familyDir)) {
        throw new UserError("--out " + out.path() + ": is the directory of the family " + manifest
            + "; the export would replace the point workspaces it reads: choose another directory");
      }
      ModelFamily f = FamilyIO.read(manifest);
      FamilyIO.Export e;
      try (Outputs.Staged stage = Outputs.stage(out.path())) {
        FamilyIO.Export staged = FamilyIO.exportPyhf(f, stage.dir(), hepdata);
        stage.commit();
        e = new FamilyIO.Export(staged.pointWorkspaces().stream().map(p -> shown(stage, p)).toList(), shown(stage, staged.bkgonly()),
            shown(stage, staged.patchset()));
      }
      if (json.on()) {
        com.fasterxml.jackson.databind.node.ObjectNode o = CliSupport.F.objectNode();
        o.put("points", e.pointWorkspaces().size());
        com.fasterxml.jackson.databind.node.ArrayNode ws = o.putArray("workspaces");
        e.pointWorkspaces().forEach(x -> ws.add(x.toString()));
        o.put("bkgonly", e.bkgonly().toString());
        o.put("patchset", e.patchset().toString());
        o.put("hepdata", hepdata);
        CliSupport.printJson(console.out(), o);
      } else {
        console.out().println("wrote " + e.pointWorkspaces().size() + " point workspaces, " + e.bkgonly() + " and " + e.patchset());
      }
      return 0;
    }
  }
}
