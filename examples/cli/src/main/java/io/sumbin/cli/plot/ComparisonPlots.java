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

  /**
   * One likelihood's expected curve.
   *
   * @param label the legend label
   * @param values the parameter grid
   * @param t t(c) on the grid
   * @param halfWidth68 half the 68% interval's width
   * @param fisher the Fisher information at the truth (the curvature there; NaN: unknown)
   */
  public record Curve(String label, double[] values, double[] t, double halfWidth68, double fisher) {
    /**
     * The legend text: the label and the 68% half-width; when the curve is far from a parabola (the
     * half-width differs from 1/√I by more than 30%), also 1/√I — e.g. a learned ratio whose t(c)
     * flattens away from the truth has a wide interval despite a large information at the truth.
     */
    public String legend() {
      String s = String.format(Locale.ROOT, "%s (68%%: ±%.3g", label, halfWidth68);
      double w = 1 / Math.sqrt(fisher);
      if (fisher > 0 && Double.isFinite(w) && Math.abs(halfWidth68 / w - 1) > 0.3) {
        s += String.format(Locale.ROOT, "; not parabolic: 1/√I = %.3g", w);
      }
      return s + ")";
    }
  }

  /** The height of the two-panel comparison (curves over their ratio to the reference). */
  public static final int CURVES_HEIGHT = 900;

  /**
   * t(c) of the five methods with the 68%/95% thresholds over a ratio panel t / (I_exact (c − c₀)²):
   * each curve against the exact likelihood's quadratic (Fisher) approximation, which is defined on
   * every method's own grid. Curves that lie on top of each other above separate there (a parabola's
   * ratio is I/I_exact).
   */
  public static void curves(EftComparison.Result r, Path png, String title) {
    java.util.List<Curve> cs = new java.util.ArrayList<>();
    int ref = 0;
    for (EftComparison.Method m : r.methods()) {
      if (m.key().equals(EftComparison.UNBINNED_TRUTH)) {
        ref = cs.size();
      }
      cs.add(new Curve(m.label(), m.values(), m.t(), 0.5 * m.width68(), m.fisher()));
    }
    String c = r.settings().coefficient();
    JFreeChart ch = curvesChart(cs, ref, r.settings().truth(), c, title, String.format(Locale.ROOT,
        "truth %s = %s, L = %s fb⁻¹, %d test events, %d bins", c, r.settings().truth(), r.settings().luminosityFb(), r.testEvents(),
        r.settings().bins()));
    Plots.save(ch, png, Plots.WIDTH, CURVES_HEIGHT);
  }

  /**
   * The chart of {@link #curves}: an upper panel with t(c) per curve and a lower panel with
   * t / (I_ref (c − c₀)²) where that quadratic is at least 0.2 (away from the minimum's 0/0); a log
   * axis when the ratios spread over more than a factor 4.
   *
   * @param curves the curves (at most six)
   * @param reference the index of the reference curve (the unbinned exact likelihood; its Fisher information is used)
   * @param truth c₀, the point the curves are expanded around
   * @param coefficient the parameter's name
   * @param title the title
   * @param note the subtitle
   * @return the chart
   */
  public static JFreeChart curvesChart(java.util.List<Curve> curves, int reference, double truth, String coefficient, String title,
      String note) {
    NumberAxis x = new NumberAxis(coefficient);
    XYPlot top = new XYPlot(new XYSeriesCollection(), null, new NumberAxis("t(" + coefficient + ") = −2 Δ ln L"),
        new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false));
    XYPlot ratio = new XYPlot(new XYSeriesCollection(), null, new NumberAxis("t / t(exact)"),
        new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false));
    XYSeriesCollection d = new XYSeriesCollection();
    XYSeriesCollection q = new XYSeriesCollection();
    double iref = curves.get(reference).fisher();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Curve cv : curves) {
      XYSeries s = new XYSeries(cv.legend());
      XYSeries rs = new XYSeries(cv.label() + " / exact");
      for (int i = 0; i < cv.values().length; i++) {
        if (Double.isFinite(cv.t()[i]) && cv.t()[i] <= 12) {
          s.add(cv.values()[i], cv.t()[i]);
          double quad = iref * (cv.values()[i] - truth) * (cv.values()[i] - truth);
          if (quad >= 0.2 && cv.t()[i] > 0) {
            double v = cv.t()[i] / quad;
            rs.add(cv.values()[i], v);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
      d.addSeries(s);
      q.addSeries(rs);
    }
    BasicStroke[] strokes = {Plots.SOLID, Plots.SOLID, Plots.SOLID, Plots.DASHED, Plots.SOLID};
    Plots.addLines(top, d, COLORS, strokes, false);
    Plots.addLines(ratio, q, COLORS, strokes, false);
    for (int i = 0; i < q.getSeriesCount(); i++) {
      ratio.getRenderer().setSeriesVisibleInLegend(i, false);
    }
    Plots.hline(top, ProfileLikelihood.DELTA_68_1D, "1σ (68.3%)", Plots.BLUE);
    Plots.hline(top, ProfileLikelihood.DELTA_95_1D, "2σ (95%)", Plots.RED);
    ((NumberAxis) top.getRangeAxis()).setRange(0, 1.5 * ProfileLikelihood.DELTA_95_1D);
    for (XYPlot p : new XYPlot[] {top, ratio}) {
      Plots.style(p, false);
    }
    String ratioLabel = "t / (I_exact·Δc²)";
    if (Double.isFinite(lo) && hi > 4 * lo) {
      org.jfree.chart.axis.LogAxis ly = Plots.powersOfTen(ratioLabel, lo / 2);
      ly.setRange(Math.min(lo, 1) / 1.5, Math.max(hi, 1) * 1.5);
      ratio.setRangeAxis(ly);
    } else {
      ratio.getRangeAxis().setLabel(ratioLabel);
      if (Double.isFinite(lo)) {
        double pad = Math.max(0.05, 0.1 * (hi - lo));
        ((NumberAxis) ratio.getRangeAxis()).setRange(Math.max(0, Math.min(lo, 1) - pad), Math.max(hi, 1) + pad);
      }
    }
    ratio.addRangeMarker(new org.jfree.chart.plot.ValueMarker(1, Color.GRAY, new BasicStroke(1f)));
    org.jfree.chart.plot.CombinedDomainXYPlot both = new org.jfree.chart.plot.CombinedDomainXYPlot(x);
    x.setLabelFont(Plots.LABEL);
    x.setTickLabelFont(Plots.TICK);
    x.setAutoRangeIncludesZero(false);
    both.add(top, 3);
    both.add(ratio, 1);
    both.setGap(8);
    JFreeChart ch = new JFreeChart(title, Plots.TITLE, both, true);
    ch.setBackgroundPaint(Color.WHITE);
    ch.setPadding(Plots.PADDING);
    Plots.note(ch, note);
    Plots.note(ch, "lower panel: each t over the exact likelihood's quadratic approximation I_exact·(c − c₀)² (a parabola gives I/I_exact)");
    Plots.legendInColumn(ch);
    return ch;
  }

  /** Fisher information at the truth per method, relative to the unbinned truth, with its jackknife standard error. */
  public static void fisher(EftComparison.Result r, Path png, String title) {
    double ref = r.method(EftComparison.UNBINNED_TRUTH).fisher();
    java.util.List<String> labels = new java.util.ArrayList<>();
    java.util.List<double[]> v = new java.util.ArrayList<>();
    for (EftComparison.Method m : r.methods()) {
      labels.add(m.label());
      v.add(new double[] {m.fisher() / ref, m.fisherError() / ref});
    }
    Plots.save(fisherChart(labels, v, title), png);
  }

  /**
   * The chart of {@link #fisher}: bars with error bars (±1 standard error) and the value ± error
   * written above each bar.
   *
   * @param labels the methods
   * @param values per method {ratio to the reference, its standard error}
   * @param title the title
   * @return the chart
   */
  public static JFreeChart fisherChart(java.util.List<String> labels, java.util.List<double[]> values, String title) {
    org.jfree.data.statistics.DefaultStatisticalCategoryDataset d = new org.jfree.data.statistics.DefaultStatisticalCategoryDataset();
    for (int i = 0; i < labels.size(); i++) {
      d.add(values.get(i)[0], values.get(i)[1], "Fisher information / unbinned exact (± jackknife standard error)", labels.get(i));
    }
    NumberAxis y = new NumberAxis("Fisher information at the truth / unbinned exact");
    y.setRange(0, 1.15);
    y.setLabelFont(Plots.LABEL);
    y.setTickLabelFont(Plots.TICK);
    CategoryAxis x = new CategoryAxis("");
    x.setTickLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 14));
    x.setMaximumCategoryLabelLines(4);
    org.jfree.chart.renderer.category.StatisticalBarRenderer br = new org.jfree.chart.renderer.category.StatisticalBarRenderer();
    br.setBarPainter(new StandardBarPainter());
    br.setShadowVisible(false);
    br.setSeriesPaint(0, new Color(120, 160, 220));
    br.setErrorIndicatorPaint(Color.BLACK);
    br.setErrorIndicatorStroke(new BasicStroke(2f));
    br.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator() {
      private static final long serialVersionUID = 1L;

      @Override
      public String generateLabel(org.jfree.data.category.CategoryDataset ds, int row, int column) {
        double m = d.getMeanValue(row, column).doubleValue();
        double e = d.getStdDevValue(row, column).doubleValue();
        return String.format(Locale.ROOT, "%.3f ± %.3f", m, e);
      }
    });
    br.setDefaultItemLabelsVisible(true);
    br.setDefaultItemLabelFont(Plots.NOTE);
    br.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
        org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE12, org.jfree.chart.ui.TextAnchor.BOTTOM_CENTER));
    br.setItemLabelAnchorOffset(8);
    CategoryPlot p = new CategoryPlot(d, x, y, br);
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(new Color(220, 220, 220));
    p.addRangeMarker(new org.jfree.chart.plot.ValueMarker(1, Color.GRAY, Plots.THIN_DASHED));
    JFreeChart ch = new JFreeChart(title, Plots.TITLE, p, true);
    ch.setBackgroundPaint(Color.WHITE);
    ch.setPadding(Plots.PADDING);
    ch.getLegend().setItemFont(Plots.NOTE);
    return ch;
  }

  /**
   * The model-selection metric of the two networks per epoch (what selected their kept epoch, not a
   * loss): one panel each, absolute values, the kept epoch (the maximum) marked.
   */
  public static void losses(EftComparison.Result r, Path png) {
    Plots.save(trainingChart(r.derivativeValidation(), r.event2vecValidation()), png, Plots.WIDTH, 800);
  }

  /**
   * The chart of {@link #losses}.
   *
   * @param derivative the validation metric per epoch of derivative learning (first member)
   * @param event2vec the same for event2vec
   * @return the chart
   */
  public static JFreeChart trainingChart(double[] derivative, double[] event2vec) {
    NumberAxis x = new NumberAxis("epoch");
    x.setLabelFont(Plots.LABEL);
    x.setTickLabelFont(Plots.TICK);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    org.jfree.chart.plot.CombinedDomainXYPlot both = new org.jfree.chart.plot.CombinedDomainXYPlot(x);
    both.add(metricPanel("derivative learning (first cross-validation member)", derivative, Plots.BLUE), 1);
    both.add(metricPanel("event2vec binwise (ALICE), summed summary", event2vec, new Color(0, 150, 60)), 1);
    both.setGap(14);
    JFreeChart ch = new JFreeChart("Training: validation information per epoch (model selection)", Plots.TITLE, both, true);
    ch.setBackgroundPaint(Color.WHITE);
    ch.setPadding(Plots.PADDING);
    Plots.note(ch, "y: the metric on the validation events after each epoch (higher is better); the kept epoch is its maximum");
    Plots.legendInColumn(ch);
    return ch;
  }

  private static XYPlot metricPanel(String name, double[] v, Color color) {
    XYSeries s = new XYSeries(name);
    int best = -1;
    for (int i = 0; v != null && i < v.length; i++) {
      if (Double.isFinite(v[i])) {
        s.add(i + 1, v[i]);
        if (best < 0 || v[i] > v[best]) {
          best = i;
        }
      }
    }
    NumberAxis y = new NumberAxis("validation information");
    XYPlot p = new XYPlot(new XYSeriesCollection(), null, y, new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false));
    Plots.addLines(p, new XYSeriesCollection(s), new Color[] {color}, new BasicStroke[] {Plots.SOLID}, true);
    Plots.style(p, false);
    y.setAutoRangeIncludesZero(false);
    if (best >= 0) {
      XYSeries k = new XYSeries("kept epoch " + (best + 1) + " of " + name.split(" ")[0] + " " + name.split(" ")[1]);
      k.add(best + 1, v[best]);
      org.jfree.chart.renderer.xy.XYLineAndShapeRenderer kr = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(false, true);
      kr.setSeriesPaint(0, Plots.RED);
      kr.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-8, -8, 16, 16));
      kr.setSeriesShapesFilled(0, false);
      kr.setSeriesStroke(0, new BasicStroke(2.5f));
      kr.setUseOutlinePaint(false);
      p.setDataset(1, new XYSeriesCollection(k));
      p.setRenderer(1, kr);
    }
    return p;
  }

  /**
   * One pseudo-experiment's observed t(c') (each point in its own binning): the best fit marked, the
   * truth, the 1σ/2σ thresholds, the y range clipped to 1.5× the 95% threshold.
   *
   * @param s the scan
   * @param truth the true value
   * @param png the file
   */
  public static void observed(io.sumbin.histmodel.family.FamilyScan s, double truth, Path png) {
    Plots.save(observedChart(s.theta(), s.t(), s.interval68(), s.interval95(), truth), png);
  }

  /**
   * The chart of {@link #observed}.
   *
   * @param theta the grid (first coordinate used)
   * @param t t on the grid
   * @param i68 the 68% interval
   * @param i95 the 95% interval
   * @param truth the true value
   * @return the chart
   */
  public static JFreeChart observedChart(double[][] theta, double[] t, double[] i68, double[] i95, double truth) {
    JFreeChart c = Plots.chart("One pseudo-experiment: t(c′) with the learned per-point observable", "c′", "t(c′) = −2 Δ ln L");
    XYPlot p = c.getXYPlot();
    XYSeries ser = new XYSeries("observed t(c′), each point in its own binning");
    int best = -1;
    for (int i = 0; i < t.length; i++) {
      if (Double.isFinite(t[i])) {
        ser.add(theta[i][0], t[i]);
        if (best < 0 || t[i] < t[best]) {
          best = i;
        }
      }
    }
    Plots.addLines(p, new XYSeriesCollection(ser), new Color[] {Color.BLACK}, new BasicStroke[] {Plots.SOLID}, true);
    if (best >= 0) {
      XYSeries bf = new XYSeries(String.format(Locale.ROOT, "best fit c′ = %.4g", theta[best][0]));
      bf.add(theta[best][0], t[best]);
      org.jfree.chart.renderer.xy.XYLineAndShapeRenderer br = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(false, true);
      br.setSeriesPaint(0, Plots.RED);
      br.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-7, -7, 14, 14));
      p.setDataset(1, new XYSeriesCollection(bf));
      p.setRenderer(1, br);
    }
    double top = 1.5 * ProfileLikelihood.DELTA_95_1D;
    p.getRangeAxis().setRange(0, top);
    // x: the part of the grid inside the y range (and one point beyond on each side)
    double xlo = Double.POSITIVE_INFINITY;
    double xhi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < t.length; i++) {
      boolean in = Double.isFinite(t[i]) && t[i] <= top;
      boolean next = (i > 0 && Double.isFinite(t[i - 1]) && t[i - 1] <= top) || (i + 1 < t.length && Double.isFinite(t[i + 1]) && t[i + 1] <= top);
      if (in || next) {
        xlo = Math.min(xlo, theta[i][0]);
        xhi = Math.max(xhi, theta[i][0]);
      }
    }
    if (Double.isFinite(truth)) {
      xlo = Math.min(xlo, truth);
      xhi = Math.max(xhi, truth);
    }
    if (xhi > xlo) {
      p.getDomainAxis().setRange(xlo, xhi);
    }
    Plots.hline(p, ProfileLikelihood.DELTA_68_1D, "1σ (68.3%)", Plots.BLUE);
    Plots.hline(p, ProfileLikelihood.DELTA_95_1D, "2σ (95%)", Plots.RED);
    Plots.vline(p, i68[0], "", Plots.BLUE);
    Plots.vline(p, i68[1], "", Plots.BLUE);
    Plots.vline(p, i95[0], "", Plots.RED);
    Plots.vline(p, i95[1], "", Plots.RED);
    Plots.markX(p, truth, "truth c = " + Plots.f(truth), Color.DARK_GRAY);
    Plots.legendInColumns(c, 2);
    Plots.note(c, String.format(Locale.ROOT, "68%%: [%.4g, %.4g];  95%%: [%.4g, %.4g]", i68[0], i68[1], i95[0], i95[1]));
    return c;
  }

  /** The comparison as a markdown table. */
  public static String markdown(EftComparison.Result r) {
    double ref = r.method(EftComparison.UNBINNED_TRUTH).fisher();
    StringBuilder sb = new StringBuilder();
    sb.append("| method | 68% interval | 95% interval | Fisher information | / unbinned truth |\n|---|---|---|---:|---:|\n");
    for (EftComparison.Method m : r.methods()) {
      sb.append(String.format(Locale.ROOT, "| %s | [%.4g, %.4g] | [%.4g, %.4g] | %.4g ± %.2g | %.2f |%n", Plots.cell(m.label()), m.interval68()[0],
          m.interval68()[1], m.interval95()[0], m.interval95()[1], m.fisher(), m.fisherError(), m.fisher() / ref));
    }
    return sb.toString();
  }
}
