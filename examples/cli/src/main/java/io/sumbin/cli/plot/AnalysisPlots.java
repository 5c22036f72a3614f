package io.sumbin.cli.plot;

import io.sumbin.eft.analysis.AnalysisResult;
import io.sumbin.eft.analysis.AnalysisResult.RegionTemplates;
import io.sumbin.eft.analysis.AnalysisResult.ScanResult;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Plots of an EFT analysis ({@code sumbin analysis run}): per 1-D scan t(θ′) of the combination and of each region
 * with the 68 %/95 % thresholds; per 2-D scan the combination's contours; per region the pre-fit templates at the
 * reference point (one line per process, the total with its systematic band — per-systematic shifts and MC
 * statistics added in quadrature, each systematic's larger side — and the data).
 */
public final class AnalysisPlots {
  private static final Color[] COLORS = {Color.BLACK, Plots.BLUE, Plots.RED, Plots.GREEN, new Color(150, 60, 170), new Color(230, 120, 0)};

  private AnalysisPlots() {}

  /** Writes every plot into {@code dir}; returns the files. */
  public static List<Path> write(AnalysisResult r, Path dir) {
    List<Path> out = new ArrayList<>();
    List<String> done = new ArrayList<>();
    for (ScanResult s : r.scans()) {
      String key = String.join("_", s.parameters());
      if (done.contains(key)) {
        continue;
      }
      done.add(key);
      List<ScanResult> same = r.scans().stream().filter(x -> x.parameters().equals(s.parameters())).toList();
      Path png = dir.resolve("scan_" + key + ".png");
      if (s.parameters().size() == 1) {
        scan1d(same, png);
      } else {
        contours(s, png);
      }
      out.add(png);
    }
    for (RegionTemplates t : r.templates()) {
      Path png = dir.resolve("templates_" + t.region() + ".png");
      templates(t, png);
      out.add(png);
    }
    return out;
  }

  static void scan1d(List<ScanResult> scans, Path png) {
    String p = scans.get(0).parameters().get(0);
    JFreeChart c = Plots.chart("family scan of " + p, p, "t(θ′)");
    XYPlot plot = c.getXYPlot();
    XYSeriesCollection data = new XYSeriesCollection();
    for (ScanResult s : scans) {
      XYSeries curve = new XYSeries(s.region() == null ? "combined" : s.region());
      for (int i = 0; i < s.t().length; i++) {
        if (Double.isFinite(s.t()[i])) {
          curve.add(s.theta()[i][0], s.t()[i]);
        }
      }
      data.addSeries(curve);
    }
    BasicStroke[] strokes = {Plots.SOLID, Plots.DASHED};
    Plots.addLines(plot, data, COLORS, strokes, false);
    Plots.hline(plot, ProfileLikelihood.DELTA_68_1D, "68.3%", Plots.BLUE);
    Plots.hline(plot, ProfileLikelihood.DELTA_95_1D, "95%", Plots.RED);
    ScanResult comb = scans.get(0);
    Plots.note(c, String.format(Locale.ROOT, "combined 68%%: [%s, %s];  95%%: [%s, %s]", Plots.f(comb.interval68()[0]),
        Plots.f(comb.interval68()[1]), Plots.f(comb.interval95()[0]), Plots.f(comb.interval95()[1])));
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 3 * ProfileLikelihood.DELTA_95_1D);
    Plots.save(c, png);
  }

  static void contours(ScanResult s, Path png) {
    JFreeChart c = Plots.chart("68% and 95% contours (" + (s.region() == null ? "combined" : s.region()) + ")", s.parameters().get(0),
        s.parameters().get(1));
    XYPlot plot = c.getXYPlot();
    XYSeriesCollection data = new XYSeriesCollection();
    int k = 0;
    for (List<double[]> segs : List.of(s.contour68(), s.contour95())) {
      for (double[] seg : segs) {
        XYSeries line = new XYSeries((k == 0 ? "68% " : "95% ") + data.getSeriesCount(), false);
        line.add(seg[0], seg[1]);
        line.add(seg[2], seg[3]);
        data.addSeries(line);
      }
      k++;
    }
    int n68 = s.contour68().size();
    Color[] colors = new Color[Math.max(1, data.getSeriesCount())];
    for (int i = 0; i < colors.length; i++) {
      colors[i] = i < n68 ? Plots.BLUE : Plots.RED;
    }
    Plots.addLines(plot, data, colors, new BasicStroke[] {Plots.SOLID}, false);
    c.removeLegend();
    Plots.save(c, png);
  }

  static void templates(RegionTemplates t, Path png) {
    JFreeChart c = Plots.chart("region " + t.region() + " (pre-fit, reference point)", t.observable() + " bin", "events");
    XYPlot plot = c.getXYPlot();
    int nb = t.edges().length - 1;
    double[] total = new double[nb];
    XYSeriesCollection data = new XYSeriesCollection();
    t.processes().forEach((name, y) -> {
      data.addSeries(steps(name, y));
      for (int b = 0; b < nb; b++) {
        total[b] += y[b];
      }
    });
    double[] up = new double[nb];
    double[] dn = new double[nb];
    for (int b = 0; b < nb; b++) {
      double v = t.mcStat()[b] * t.mcStat()[b];
      for (double[][] s : t.systematics().values()) {
        double m = Math.max(Math.abs(s[0][b]), Math.abs(s[1][b]));
        v += m * m;
      }
      up[b] = total[b] + Math.sqrt(v);
      dn[b] = Math.max(0, total[b] - Math.sqrt(v));
    }
    data.addSeries(steps("total", total));
    data.addSeries(steps("total + syst.", up));
    data.addSeries(steps("total − syst.", dn));
    XYSeries d = new XYSeries("data");
    for (int b = 0; b < nb; b++) {
      d.add(b + 0.5, t.data()[b]);
    }
    int np = t.processes().size();
    Color[] colors = new Color[np + 3];
    BasicStroke[] strokes = new BasicStroke[np + 3];
    for (int i = 0; i < np; i++) {
      colors[i] = COLORS[(i + 1) % COLORS.length];
      strokes[i] = Plots.DASHED;
    }
    colors[np] = Color.BLACK;
    strokes[np] = Plots.SOLID;
    colors[np + 1] = Color.GRAY;
    colors[np + 2] = Color.GRAY;
    strokes[np + 1] = Plots.THIN_DASHED;
    strokes[np + 2] = Plots.THIN_DASHED;
    Plots.addLines(plot, data, colors, strokes, false);
    int di = Plots.addLines(plot, new XYSeriesCollection(d), new Color[] {Color.BLACK}, new BasicStroke[] {Plots.SOLID}, true);
    ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer(di)).setSeriesLinesVisible(0, false);
    Plots.note(c, "bins of equal width shown; edges " + edgesText(t.edges()));
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    Plots.save(c, png);
  }

  private static XYSeries steps(String name, double[] y) {
    XYSeries s = new XYSeries(name, false);
    for (int b = 0; b < y.length; b++) {
      s.add(b, y[b]);
      s.add(b + 1, y[b]);
    }
    return s;
  }

  private static String edgesText(double[] e) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < e.length && i < 12; i++) {
      sb.append(i == 0 ? "" : ", ").append(Plots.f(e[i]));
    }
    return sb.append(e.length > 12 ? ", ..." : "").toString();
  }
}
