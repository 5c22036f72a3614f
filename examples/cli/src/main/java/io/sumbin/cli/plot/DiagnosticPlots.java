package io.sumbin.cli.plot;

import io.sumbin.histmodel.infer.diagnostics.ChannelYields;
import io.sumbin.histmodel.infer.diagnostics.Impact;
import io.sumbin.histmodel.infer.diagnostics.Impacts;
import io.sumbin.histmodel.infer.diagnostics.Pull;
import io.sumbin.histmodel.infer.diagnostics.Pulls;
import io.sumbin.histmodel.infer.diagnostics.SampleYields;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The plots of the fit diagnostics (issue 21), in the style of cabinetry's and Combine's: the pull
 * plot, the impact ranking with the pulls beside it, pre-/post-fit distributions (stacked samples,
 * data with Poisson errors, the hatched uncertainty band, a data/prediction ratio panel) and the
 * correlation matrix. PNG through JFreeChart, written atomically.
 */
public final class DiagnosticPlots {
  private DiagnosticPlots() {}

  /** Sample colours (a colour-blind-friendly cycle, Petroff 2021). */
  static final Color[] SAMPLE_COLORS = {new Color(63, 144, 218), new Color(255, 169, 14), new Color(189, 31, 1),
    new Color(148, 164, 162), new Color(131, 45, 182), new Color(169, 107, 89), new Color(231, 99, 0),
    new Color(185, 172, 112), new Color(113, 117, 129), new Color(146, 218, 221)};
  static final Color BAND = new Color(0, 0, 0, 70);
  static final Color POST = new Color(31, 90, 180);
  static final Color PRE = new Color(31, 90, 180, 60);

  /** Writes a chart of the given size as PNG atomically. */
  static void save(JFreeChart chart, Path png, int width, int height) {
    try {
      Path abs = png.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
      try {
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  private static SymbolAxis names(String label, String[] names) {
    SymbolAxis a = new SymbolAxis(label, names);
    a.setTickLabelFont(Plots.NOTE.deriveFont(names.length > 40 ? 10f : names.length > 20 ? 13f : 15f));
    a.setLabelFont(Plots.LABEL);
    a.setGridBandsVisible(false);
    a.setInverted(true);
    return a;
  }

  /** A horizontal plot (categories down the left, values across) of points with error bars. */
  private static XYPlot pullPlot(SymbolAxis cats, List<double[]> pulls, String valueLabel) {
    XYIntervalSeries s = new XYIntervalSeries("pull ± constraint");
    for (int i = 0; i < pulls.size(); i++) {
      double[] p = pulls.get(i);
      if (Double.isFinite(p[0])) {
        double c = Double.isFinite(p[1]) ? p[1] : 0;
        s.add(i, i, i, p[0], p[0] - c, p[0] + c);
      }
    }
    XYIntervalSeriesCollection d = new XYIntervalSeriesCollection();
    d.addSeries(s);
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setSeriesPaint(0, Color.BLACK);
    r.setErrorPaint(Color.BLACK);
    r.setErrorStroke(new BasicStroke(1.5f));
    r.setSeriesShape(0, Plots.dot(8));
    r.setSeriesLinesVisible(0, false);
    NumberAxis v = new NumberAxis(valueLabel);
    v.setLabelFont(Plots.LABEL);
    v.setTickLabelFont(Plots.TICK);
    v.setRange(-2.5, 2.5);
    XYPlot p = new XYPlot(d, cats, v, r);
    p.setOrientation(PlotOrientation.HORIZONTAL);
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(new Color(225, 225, 225));
    p.setDomainGridlinesVisible(false);
    for (double x : new double[] {-2, -1, 1, 2}) {
      p.addRangeMarker(new ValueMarker(x, Math.abs(x) == 1 ? new Color(0, 160, 0) : new Color(220, 190, 0), Plots.THIN_DASHED));
    }
    p.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    return p;
  }

  /** The pull plot: (θ̂ − θ₀)/Δθ with the constraint as error bar, grouped by modifier type. */
  public static void pulls(Pulls pulls, Path png, String title) {
    List<Pull> ps = pulls.byKind().values().stream().flatMap(List::stream).toList();
    String[] names = ps.stream().map(p -> p.parameter() + " (" + p.kind() + ")").toArray(String[]::new);
    XYPlot p = pullPlot(names("", names), ps.stream().map(x -> new double[] {x.pull(), x.constraint()}).toList(),
        "(θ̂ − θ₀) / Δθ");
    JFreeChart c = new JFreeChart(title, Plots.TITLE, p, false);
    c.setBackgroundPaint(Color.WHITE);
    Plots.note(c, "error bars: post-fit / pre-fit uncertainty;  dashed: ±1, ±2");
    save(c, png, 1000, Math.max(400, 140 + 22 * names.length));
  }

  /**
   * The impact ranking (Combine's impact plot): the {@code top} largest impacts, their pulls on the
   * left, Δμ̂ on the right (post-fit filled, pre-fit outlined; up: θ̂ + Δθ, down: θ̂ − Δθ).
   */
  public static void impacts(Impacts im, int top, Path png, String title) {
    List<Impact> list = im.impacts().subList(0, Math.min(top, im.impacts().size()));
    String[] names = list.stream().map(Impact::parameter).toArray(String[]::new);
    SymbolAxis cats = names("", names);
    XYPlot left = pullPlot(cats, list.stream().map(x -> new double[] {x.pull(), x.constraint()}).toList(),
        "(θ̂ − θ₀) / Δθ");
    XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
    String[] labels = {"post-fit +1σ", "post-fit −1σ", "pre-fit +1σ", "pre-fit −1σ"};
    double[] width = {0.35, 0.35, 0.42, 0.42};
    for (int k = 0; k < 4; k++) {
      XYIntervalSeries s = new XYIntervalSeries(labels[k]);
      for (int i = 0; i < list.size(); i++) {
        Impact x = list.get(i);
        double v = switch (k) {
          case 0 -> x.postfitUp();
          case 1 -> x.postfitDown();
          case 2 -> x.prefitUp();
          default -> x.prefitDown();
        };
        if (Double.isFinite(v)) {
          s.add(i, i - width[k], i + width[k], v, Math.min(0, v), Math.max(0, v));
        }
      }
      bars.addSeries(s);
    }
    XYBarRenderer r = new XYBarRenderer();
    r.setUseYInterval(true);
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    Color up = new Color(220, 50, 50);
    Color dn = new Color(31, 90, 180);
    r.setSeriesPaint(0, up);
    r.setSeriesPaint(1, dn);
    r.setSeriesPaint(2, new Color(220, 50, 50, 0));
    r.setSeriesPaint(3, new Color(31, 90, 180, 0));
    r.setDrawBarOutline(true);
    r.setSeriesOutlinePaint(0, up);
    r.setSeriesOutlinePaint(1, dn);
    r.setSeriesOutlinePaint(2, up);
    r.setSeriesOutlinePaint(3, dn);
    r.setSeriesOutlineStroke(2, new BasicStroke(1.5f));
    r.setSeriesOutlineStroke(3, new BasicStroke(1.5f));
    NumberAxis dmu = new NumberAxis("Δ" + im.poi() + " (refit − best fit)");
    dmu.setLabelFont(Plots.LABEL);
    dmu.setTickLabelFont(Plots.TICK);
    XYPlot right = new XYPlot(bars, cats, dmu, r);
    right.setOrientation(PlotOrientation.HORIZONTAL);
    right.setDomainGridlinesVisible(false);
    right.setBackgroundPaint(Color.WHITE);
    right.setRangeGridlinePaint(new Color(225, 225, 225));
    right.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    // the two panels share the parameter axis (vertical in the horizontal orientation)
    CombinedDomainXYPlot both = new CombinedDomainXYPlot(cats);
    both.setOrientation(PlotOrientation.HORIZONTAL);
    both.add(left, 1);
    both.add(right, 1);
    both.setGap(12);
    JFreeChart c = new JFreeChart(title, Plots.TITLE, both, true);
    c.setBackgroundPaint(Color.WHITE);
    c.getLegend().setItemFont(Plots.NOTE);
    LegendItemCollection items = new LegendItemCollection();
    items.add(new LegendItem("pull ± constraint", Color.BLACK));
    for (int k = 0; k < 4; k++) {
      items.add(new LegendItem(labels[k], null, null, null, new java.awt.Rectangle(-6, -6, 12, 12),
          k < 2 ? (Paint) r.getSeriesPaint(k) : Color.WHITE, new BasicStroke(1.5f), (Paint) r.getSeriesOutlinePaint(k)));
    }
    both.setFixedLegendItems(items);
    Plots.note(c, String.format(Locale.ROOT, "%s = %.4g ± %.2g;  %d of %d parameters, ranked by post-fit impact", im.poi(),
        im.best().bestfit()[im.poiIndex()], im.best().uncertainties()[im.poiIndex()], list.size(), im.impacts().size()));
    save(c, png, 1200, Math.max(450, 180 + 26 * names.length));
  }

  /**
   * One channel's pre- or post-fit distribution: samples stacked, data with √n error bars, the
   * hatched total uncertainty, and data / prediction below.
   */
  public static void distribution(ChannelYields ch, boolean prefit, Path png, String title) {
    int nb = ch.total().length;
    XYIntervalSeriesCollection stack = new XYIntervalSeriesCollection();
    double[] base = new double[nb];
    List<SampleYields> samples = ch.samples();
    for (SampleYields s : samples) {
      XYIntervalSeries ser = new XYIntervalSeries(s.name());
      for (int b = 0; b < nb; b++) {
        ser.add(b, b - 0.5, b + 0.5, base[b] + s.yields()[b], base[b], base[b] + s.yields()[b]);
        base[b] += s.yields()[b];
      }
      stack.addSeries(ser);
    }
    XYBarRenderer sr = new XYBarRenderer();
    sr.setUseYInterval(true);
    sr.setBarPainter(new StandardXYBarPainter());
    sr.setShadowVisible(false);
    sr.setMargin(0);
    for (int i = 0; i < samples.size(); i++) {
      sr.setSeriesPaint(i, SAMPLE_COLORS[i % SAMPLE_COLORS.length]);
    }
    XYIntervalSeriesCollection band = new XYIntervalSeriesCollection();
    XYIntervalSeries bs = new XYIntervalSeries(prefit ? "pre-fit uncertainty" : "post-fit uncertainty");
    XYIntervalSeries rb = new XYIntervalSeries("uncertainty");
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    XYIntervalSeries ds = new XYIntervalSeries("data");
    XYIntervalSeries rs = new XYIntervalSeries("data / prediction");
    double ymax = 0;
    for (int b = 0; b < nb; b++) {
      double t = ch.total()[b];
      double u = Double.isFinite(ch.totalUncertainty()[b]) ? ch.totalUncertainty()[b] : 0;
      double n = ch.data()[b];
      bs.add(b, b - 0.5, b + 0.5, t, t - u, t + u);
      double e = Math.sqrt(n);
      ds.add(b, b, b, n, n - e, n + e);
      if (t > 0) {
        rb.add(b, b - 0.5, b + 0.5, 1, 1 - u / t, 1 + u / t);
        rs.add(b, b, b, n / t, (n - e) / t, (n + e) / t);
      }
      ymax = Math.max(ymax, Math.max(t + u, n + e));
    }
    band.addSeries(bs);
    data.addSeries(ds);
    XYBarRenderer br = new XYBarRenderer();
    br.setUseYInterval(true);
    br.setBarPainter(new StandardXYBarPainter());
    br.setShadowVisible(false);
    br.setMargin(0);
    br.setSeriesPaint(0, hatch());
    XYErrorRenderer dr = new XYErrorRenderer();
    dr.setDrawXError(false);
    dr.setSeriesPaint(0, Color.BLACK);
    dr.setErrorPaint(Color.BLACK);
    dr.setSeriesShape(0, Plots.dot(9));
    dr.setSeriesLinesVisible(0, false);
    NumberAxis x = new NumberAxis("bin");
    x.setLabelFont(Plots.LABEL);
    x.setTickLabelFont(Plots.TICK);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setRange(-0.5, nb - 0.5);
    NumberAxis y = new NumberAxis("events / bin");
    y.setLabelFont(Plots.LABEL);
    y.setTickLabelFont(Plots.TICK);
    y.setRange(0, 1.35 * Math.max(ymax, 1e-9));
    XYPlot top = new XYPlot(data, null, y, dr);
    top.setDataset(1, band);
    top.setRenderer(1, br);
    top.setDataset(2, stack);
    top.setRenderer(2, sr);
    top.setBackgroundPaint(Color.WHITE);
    top.setDomainGridlinesVisible(false);
    top.setRangeGridlinePaint(new Color(225, 225, 225));
    XYIntervalSeriesCollection rband = new XYIntervalSeriesCollection();
    rband.addSeries(rb);
    XYIntervalSeriesCollection rdata = new XYIntervalSeriesCollection();
    rdata.addSeries(rs);
    XYBarRenderer rbr = new XYBarRenderer();
    rbr.setUseYInterval(true);
    rbr.setBarPainter(new StandardXYBarPainter());
    rbr.setShadowVisible(false);
    rbr.setMargin(0);
    rbr.setSeriesPaint(0, hatch());
    rbr.setSeriesVisibleInLegend(0, false);
    XYErrorRenderer rdr = new XYErrorRenderer();
    rdr.setDrawXError(false);
    rdr.setSeriesPaint(0, Color.BLACK);
    rdr.setErrorPaint(Color.BLACK);
    rdr.setSeriesShape(0, Plots.dot(9));
    rdr.setSeriesLinesVisible(0, false);
    rdr.setSeriesVisibleInLegend(0, false);
    NumberAxis ry = new NumberAxis("data / pred.");
    ry.setLabelFont(Plots.LABEL);
    ry.setTickLabelFont(Plots.TICK);
    ry.setRange(0.5, 1.5);
    XYPlot ratio = new XYPlot(rdata, null, ry, rdr);
    ratio.setDataset(1, rband);
    ratio.setRenderer(1, rbr);
    ratio.setBackgroundPaint(Color.WHITE);
    ratio.setDomainGridlinesVisible(false);
    ratio.setRangeGridlinePaint(new Color(225, 225, 225));
    ratio.addRangeMarker(new ValueMarker(1, Color.GRAY, Plots.THIN_DASHED));
    CombinedDomainXYPlot both = new CombinedDomainXYPlot(x);
    both.add(top, 3);
    both.add(ratio, 1);
    both.setGap(6);
    JFreeChart c = new JFreeChart(title, Plots.TITLE, both, true);
    c.setBackgroundPaint(Color.WHITE);
    c.getLegend().setItemFont(Plots.NOTE);
    Plots.note(c, String.format(Locale.ROOT, "%s: data %.0f, prediction %.1f ± %.1f", prefit ? "pre-fit" : "post-fit",
        ch.dataSum(), ch.totalSum(), ch.totalSumUncertainty()));
    save(c, png, 1000, 850);
  }

  private static Paint hatch() {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = img.createGraphics();
    g.setColor(new Color(0, 0, 0, 0));
    g.fillRect(0, 0, 8, 8);
    g.setColor(new Color(40, 40, 40, 200));
    g.setStroke(new BasicStroke(1.2f));
    g.drawLine(0, 8, 8, 0);
    g.dispose();
    return new java.awt.TexturePaint(img, new java.awt.Rectangle(0, 0, 8, 8));
  }

  /** The correlation matrix of the listed parameters as a heat map (−1 blue … +1 red). */
  public static void correlation(String[] names, double[][] rho, Path png, String title) {
    int n = names.length;
    double[][] xyz = new double[3][n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        xyz[0][i * n + j] = i;
        xyz[1][i * n + j] = j;
        xyz[2][i * n + j] = rho[i][j];
      }
    }
    DefaultXYZDataset d = new DefaultXYZDataset();
    d.addSeries("ρ", xyz);
    LookupPaintScale scale = new LookupPaintScale(-1.0000001, 1.0000001, Color.WHITE);
    for (int k = 0; k <= 40; k++) {
      double v = -1 + k / 20.0;
      float t = (float) Math.min(1, Math.abs(v));
      Color col = v < 0 ? new Color(1 - t, 1 - 0.6f * t, 1f) : new Color(1f, 1 - 0.8f * t, 1 - 0.8f * t);
      scale.add(v - 0.025, col);
    }
    XYBlockRenderer r = new XYBlockRenderer();
    r.setPaintScale(scale);
    SymbolAxis xa = new SymbolAxis("", names);
    xa.setVerticalTickLabels(true);
    xa.setTickLabelFont(Plots.NOTE.deriveFont(n > 30 ? 9f : 13f));
    xa.setGridBandsVisible(false);
    SymbolAxis ya = names("", names);
    ya.setTickLabelFont(Plots.NOTE.deriveFont(n > 30 ? 9f : 13f));
    XYPlot p = new XYPlot(d, xa, ya, r);
    p.setBackgroundPaint(Color.WHITE);
    p.setDomainGridlinesVisible(false);
    p.setRangeGridlinesVisible(false);
    JFreeChart c = new JFreeChart(title, Plots.TITLE, p, false);
    c.setBackgroundPaint(Color.WHITE);
    NumberAxis za = new NumberAxis("correlation");
    za.setRange(-1, 1);
    PaintScaleLegend legend = new PaintScaleLegend(scale, za);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(4, 4, 40, 4);
    c.addSubtitle(legend);
    int size = Math.max(600, Math.min(2400, 200 + 22 * n));
    save(c, png, size + 120, size);
  }
}
