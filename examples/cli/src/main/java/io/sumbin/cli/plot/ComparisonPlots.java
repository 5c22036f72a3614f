package io.sumbin.cli.plot;

import io.sumbin.eft.EftComparison;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Plots of the binned-versus-unbinned comparison ({@link EftComparison}). */
public final class ComparisonPlots {
  private ComparisonPlots() {}

  static final Color[] COLORS = {new Color(120, 120, 120), Plots.BLUE, new Color(0, 150, 60), new Color(230, 120, 0), Color.BLACK};

  /** t(c) of the five methods with the 68%/95% thresholds. */
  public static void curves(EftComparison.Result r, Path png, String title) {
    String c = r.settings().coefficient();
    JFreeChart ch = Plots.chart(title, c, "t(" + c + ") = Δ(−2 ln L)");
    XYPlot p = ch.getXYPlot();
    XYSeriesCollection d = new XYSeriesCollection();
    for (EftComparison.Method m : r.methods()) {
      XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (68%%: ±%.3g)", m.label(), 0.5 * m.width68()));
      for (int i = 0; i < m.values().length; i++) {
        if (Double.isFinite(m.t()[i]) && m.t()[i] <= 12) {
          s.add(m.values()[i], m.t()[i]);
        }
      }
      d.addSeries(s);
    }
    Plots.addLines(p, d, COLORS, new BasicStroke[] {Plots.SOLID, Plots.SOLID, Plots.SOLID, Plots.DASHED, Plots.SOLID}, false);
    Plots.hline(p, ProfileLikelihood.DELTA_68_1D, "68.3%", Plots.BLUE);
    Plots.hline(p, ProfileLikelihood.DELTA_95_1D, "95%", Plots.RED);
    ((NumberAxis) p.getRangeAxis()).setRange(0, 8);
    Plots.note(ch, String.format(Locale.ROOT, "truth %s = %s, L = %s fb⁻¹, %d test events, %d bins", c, r.settings().truth(),
        r.settings().luminosityFb(), r.testEvents(), r.settings().bins()));
    Plots.save(ch, png);
  }

  /** Fisher information at the truth per method, relative to the unbinned truth. */
  public static void fisher(EftComparison.Result r, Path png, String title) {
    double ref = r.method(EftComparison.UNBINNED_TRUTH).fisher();
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (EftComparison.Method m : r.methods()) {
      d.addValue(m.fisher() / ref, "Fisher information / unbinned truth", m.label());
    }
    NumberAxis y = new NumberAxis("Fisher information at the truth / unbinned exact");
    y.setRange(0, 1.1);
    y.setLabelFont(Plots.LABEL);
    y.setTickLabelFont(Plots.TICK);
    CategoryAxis x = new CategoryAxis("");
    x.setTickLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
    x.setMaximumCategoryLabelLines(3);
    CategoryPlot p = new CategoryPlot(d, x, y, new BarRenderer());
    BarRenderer br = (BarRenderer) p.getRenderer();
    br.setBarPainter(new StandardBarPainter());
    br.setShadowVisible(false);
    br.setSeriesPaint(0, Plots.BLUE);
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(new Color(220, 220, 220));
    JFreeChart ch = new JFreeChart(title, Plots.TITLE, p, false);
    ch.setBackgroundPaint(Color.WHITE);
    Plots.save(ch, png);
  }

  /** Validation Fisher information per epoch of the two networks (the quantity that selects their epoch). */
  public static void losses(EftComparison.Result r, Path png) {
    JFreeChart ch = Plots.chart("Training: validation Fisher information per epoch", "epoch",
        "validation information (relative to its best epoch)");
    XYSeriesCollection d = new XYSeriesCollection();
    add(d, "derivative learning (first cross-validation member)", r.derivativeValidation());
    add(d, "event2vec binwise (ALICE), summed summary", r.event2vecValidation());
    Plots.addLines(ch.getXYPlot(), d, new Color[] {Plots.BLUE, new Color(0, 150, 60)}, new BasicStroke[] {Plots.SOLID}, true);
    Plots.save(ch, png);
  }

  private static void add(XYSeriesCollection d, String name, double[] v) {
    XYSeries s = new XYSeries(name);
    if (v != null && v.length > 0) {
      double best = java.util.Arrays.stream(v).filter(Double::isFinite).max().orElse(1);
      for (int i = 0; i < v.length; i++) {
        if (Double.isFinite(v[i]) && best != 0) {
          s.add(i + 1, v[i] / best);
        }
      }
    }
    d.addSeries(s);
  }

  /** The comparison as a markdown table. */
  public static String markdown(EftComparison.Result r) {
    double ref = r.method(EftComparison.UNBINNED_TRUTH).fisher();
    StringBuilder sb = new StringBuilder();
    sb.append("| method | 68% interval | 95% interval | Fisher information | / unbinned truth |\n|---|---|---|---:|---:|\n");
    for (EftComparison.Method m : r.methods()) {
      sb.append(String.format(Locale.ROOT, "| %s | [%.4g, %.4g] | [%.4g, %.4g] | %.4g ± %.2g | %.2f |%n", m.label(), m.interval68()[0],
          m.interval68()[1], m.interval95()[0], m.interval95()[1], m.fisher(), m.fisherError(), m.fisher() / ref));
    }
    return sb.toString();
  }
}
