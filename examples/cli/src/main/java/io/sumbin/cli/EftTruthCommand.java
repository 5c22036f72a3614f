package io.sumbin.cli;

import io.sumbin.eft.study.VbfTruthStudy;
import io.sumbin.cli.plot.Plots;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin eft-truth LHE...}: truth-level SMEFT sensitivity, per-point optimal observable vs histograms. */
@Command(name = "eft-truth", description = "Truth-level SMEFT study on LHE files with reweighting weights: expected 68%%/95%% intervals per Wilson coefficient "
    + "from the per-point optimal observable and from pT(H) and m_jj histograms (VBF Higgs).", mixinStandardHelpOptions = true)
public final class EftTruthCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Mixin
  StrictOption strict;

  @Parameters(paramLabel = "FILE.lhe.gz", arity = "1..*", description = "VBF Higgs LHE files of one process with SMEFT reweighting weights")
  List<Path> files;

  @Option(names = "--lumi", paramLabel = "FB", defaultValue = "300", converter = Converters.Luminosity.class,
      description = "integrated luminosity in fb⁻¹ (default ${DEFAULT-VALUE})")
  double lumiFb;

  @Option(names = "--bins", paramLabel = "N", defaultValue = "10", converter = Converters.GridSize.class, description = "quantile bins per observable (default ${DEFAULT-VALUE})")
  int bins;

  @Option(names = "--points", paramLabel = "N", defaultValue = "41", converter = Converters.GridSize.class, description = "scan points per coefficient (default ${DEFAULT-VALUE})")
  int points;

  @Option(names = "--out", paramLabel = "DIR", description = "write eft_truth.png and eft_truth.md here")
  Converters.OutputDir out;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() throws java.io.IOException {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UserError(f + ": no such file");
      }
    }
    if (bins < 2 || points < 5) {
      throw new UserError("need --bins >= 2, --points >= 5");
    }
    VbfTruthStudy.Result r = VbfTruthStudy.run(new VbfTruthStudy.Settings(files, lumiFb, bins, points, 4), console.progress());
    String table = markdown(r);
    if (out != null) {
      try (Outputs.Staged stage = Outputs.stage(out.path())) {
        plot(r, stage.dir().resolve("eft_truth.png"));
        io.sumbin.pyhf.Json.writeAtomically(stage.dir().resolve("eft_truth.md"), table);
        stage.commit();
      }
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), VbfTruthStudy.toJson(r));
    } else {
      console.out().print(table);
    }
    return 0;
  }

  static String markdown(VbfTruthStudy.Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Expected 68%% intervals at the SM, %d VBF events (σ = %.3f pb), L = %.0f fb⁻¹, %d quantile bins, no systematics:%n%n",
        r.events(), r.crossSectionPb(), r.settings().luminosityFb(), r.settings().bins()));
    sb.append("| coefficient | optimal O_c' (per point) | pT(H) | m_jj | width ratio m_jj / optimal |\n|---|---|---|---|---:|\n");
    for (VbfTruthStudy.Row row : r.rows()) {
      sb.append("| ").append(io.sumbin.cli.plot.Plots.cell(row.coefficient()));
      for (String m : List.of(VbfTruthStudy.OPTIMAL, VbfTruthStudy.PT_H, VbfTruthStudy.M_JJ)) {
        double[] i = row.method(m).interval68();
        sb.append(String.format(Locale.ROOT, " | [%.4f, %.4f]", i[0], i[1]));
      }
      sb.append(String.format(Locale.ROOT, " | %.2f |%n", row.method(VbfTruthStudy.M_JJ).width68() / row.method(VbfTruthStudy.OPTIMAL).width68()));
    }
    return sb.toString();
  }

  static void plot(VbfTruthStudy.Result r, Path png) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (VbfTruthStudy.Row row : r.rows()) {
      for (VbfTruthStudy.Interval m : row.methods()) {
        double v = 0.5 * m.width68();
        d.addValue(v, m.method(), row.coefficient());
        if (Double.isFinite(v) && v > 0) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    LogAxis y = new LogAxis("half-width of the expected 68% interval");
    y.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 20));
    y.setTickLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 16));
    double ylo = Math.pow(10, Math.floor(Math.log10(lo / 1.5)));
    y.setRange(ylo, Math.pow(10, Math.ceil(Math.log10(hi * 1.5))));
    CategoryPlot p = new CategoryPlot(d, new CategoryAxis("Wilson coefficient (others at 0)"), y, new BarRenderer());
    BarRenderer br = (BarRenderer) p.getRenderer();
    br.setBarPainter(new StandardBarPainter());
    br.setShadowVisible(false);
    br.setBase(ylo);
    p.getDomainAxis().setTickLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 18));
    p.getDomainAxis().setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 20));
    br.setSeriesPaint(0, Color.BLACK);
    br.setSeriesPaint(1, Plots.BLUE);
    br.setSeriesPaint(2, Plots.RED);
    p.setOrientation(PlotOrientation.VERTICAL);
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(new Color(220, 220, 220));
    JFreeChart c = new JFreeChart(String.format(Locale.ROOT, "VBF H, SMEFT truth level, %.0f fb⁻¹", r.settings().luminosityFb()),
        new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 22), p, true);
    c.setBackgroundPaint(Color.WHITE);
    Plots.note(c, "per-point optimal observable (exact per-event quadratic weights) vs pT(H) and m_jj histograms, " + r.settings().bins() + " quantile bins");
    Plots.save(c, png);
  }
}
