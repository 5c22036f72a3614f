package io.sumbin.cli.plot;

import io.sumbin.eft.study.StudyDefinition;
import io.sumbin.eft.study.StudyResult;
import io.sumbin.eft.study.StudyRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The plots of a batch Asimov study ({@code sumbin study}): the expected 68% CL width of the
 * coefficient
 *
 * <ul>
 *   <li>versus the number of bins ({@code width68_vs_bins_L<L>[_mcstat].png}), one file per
 *       luminosity and staterror setting, one line per (observable, strategy) — with the Cramér–Rao
 *       bound 2/√I of the sample's per-event (unbinned) information as a dashed line, and for the toy
 *       the closed-form (infinite-MC) value where it differs;
 *   <li>versus the luminosity, log–log ({@code width68_vs_luminosity_<B>bins[_mcstat].png}), one
 *       file per number of bins and staterror setting, the same lines and the bound 2/√(I₁L), which
 *       scales as L^−½.
 * </ul>
 *
 * Colour encodes the observable, the dash pattern the binning strategy. Cells without a closed 68%
 * interval are left out of the lines.
 */
public final class StudyPlots {
  private StudyPlots() {}

  private static final Color[] COLORS = {Plots.BLUE, Plots.RED, new Color(0, 140, 60), new Color(230, 130, 0),
      new Color(120, 60, 170), new Color(0, 150, 170), new Color(150, 100, 40), new Color(200, 60, 150)};
  private static final float[][] DASHES = {null, {10f, 6f}, {3f, 4f}, {12f, 4f, 3f, 4f}, {6f, 3f}};

  /**
   * Writes the plots into {@code dir}.
   *
   * @return the files written (none when the grid has a single number of bins and a single luminosity)
   */
  public static List<Path> write(StudyResult r, Path dir) {
    List<Path> out = new ArrayList<>();
    List<Runnable> draw = new ArrayList<>();
    TreeSet<Double> lumis = new TreeSet<>();
    TreeSet<Integer> bins = new TreeSet<>();
    Set<Boolean> mcstat = new LinkedHashSet<>();
    for (StudyRow row : r.rows()) {
      lumis.add(row.cell().luminosity());
      bins.add(row.cell().bins());
      mcstat.add(row.cell().mcstat());
    }
    boolean showMcstat = mcstat.size() > 1;
    if (bins.size() > 1) {
      for (double l : lumis) {
        for (boolean m : mcstat) {
          Path png = dir.resolve("width68_vs_bins_L" + compact(l) + (showMcstat && m ? "_mcstat" : "") + ".png");
          draw.add(() -> versusBins(r, l, showMcstat ? m : null, png));
          out.add(png);
        }
      }
    }
    if (lumis.size() > 1) {
      for (int b : bins) {
        for (boolean m : mcstat) {
          Path png = dir.resolve("width68_vs_luminosity_" + b + "bins" + (showMcstat && m ? "_mcstat" : "") + ".png");
          draw.add(() -> versusLuminosity(r, b, showMcstat ? m : null, png));
          out.add(png);
        }
      }
    }
    drawAll(draw);
    return out;
  }

  /**
   * Draws the independent charts on all cores (each chart, renderer and image belongs to one thread; the files
   * are the same as drawn one after another).
   */
  private static void drawAll(List<Runnable> draw) {
    int threads = Math.min(draw.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      draw.forEach(Runnable::run);
      return;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, t -> {
      Thread th = new Thread(t, "sumbin-plots");
      th.setDaemon(true);
      return th;
    });
    try {
      List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
      for (Runnable d : draw) {
        fs.add(pool.submit(d));
      }
      for (java.util.concurrent.Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while drawing", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The series key of a row. */
  record Key(String observable, String strategy, boolean mcstat) {}

  private static String observableLabel(StudyDefinition.ObservableSpec o) {
    return o.hasRange() ? o.name() + " [" + compact(o.lo()) + ", " + compact(o.hi()) + "]" : o.name();
  }

  private static Key key(StudyRow row) {
    return new Key(observableLabel(row.cell().observable()), row.cell().strategy().label(), row.cell().mcstat());
  }

  private static String label(Key k) {
    return k.observable() + " · " + k.strategy();
  }

  /**
   * @param mcstat only the cells with this staterror setting (null: all cells; the grid has one setting)
   */
  static void versusBins(StudyResult r, double lumi, Boolean mcstat, Path png) {
    Map<Key, XYSeries> series = new LinkedHashMap<>();
    double bound = Double.NaN;
    double analytic = Double.NaN;
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (StudyRow row : r.rows()) {
      if (row.cell().luminosity() != lumi || (mcstat != null && row.cell().mcstat() != mcstat)) {
        continue;
      }
      Key k = key(row);
      XYSeries s = series.computeIfAbsent(k, kk -> new XYSeries(label(kk), true, true));
      double w = row.width68();
      if (Double.isFinite(w) && w > 0) {
        s.add(row.cell().bins(), w);
        min = Math.min(min, w);
        max = Math.max(max, w);
      }
      bound = row.width68Bound();
      analytic = row.width68Analytic();
    }
    String title = r.name() + ": expected 68% CL width vs bins";
    JFreeChart c = Plots.chart(title, "bins (requested)", "68% CL width of " + Plots.greek(r.poi()));
    XYPlot p = c.getXYPlot();
    List<XYPlot> panels = panels(p, series);
    int minBins = Integer.MAX_VALUE;
    int maxBins = 0;
    for (StudyRow row : r.rows()) {
      minBins = Math.min(minBins, row.cell().bins());
      maxBins = Math.max(maxBins, row.cell().bins());
    }
    if (maxBins >= 8 * minBins) {
      LogAxis x = new LogAxis("bins (requested, log scale)");
      x.setBase(2);
      x.setTickUnit(new NumberTickUnit(1), false, true);
      x.setNumberFormatOverride(new DecimalFormat("0"));
      x.setMinorTickCount(1);
      style(x);
      x.setRange(minBins / 1.15, maxBins * 1.15);
      p.setDomainAxis(x);
    } else {
      ((NumberAxis) p.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    // the bounds are named in the legend (a label on the line hides curves or is clipped by the axis margin)
    for (XYPlot q : panels) {
      if (Double.isFinite(bound) && bound > 0) {
        marker(q, bound, null, Plots.DASHED, RectangleAnchor.TOP_LEFT, TextAnchor.BOTTOM_LEFT);
        Plots.legendLine(q, "per-event (unbinned) bound 2/√I = " + String.format(Locale.ROOT, "%.4g", bound), Color.BLACK, Plots.DASHED);
      }
      if (Double.isFinite(analytic) && analytic > 0 && Math.abs(analytic / bound - 1) > 1e-3) {
        marker(q, analytic, null, Plots.THIN_DASHED, RectangleAnchor.TOP_RIGHT, TextAnchor.BOTTOM_RIGHT);
        Plots.legendLine(q, "analytic (infinite MC) 2/√I = " + String.format(Locale.ROOT, "%.4g", analytic), Color.BLACK,
            Plots.THIN_DASHED);
      }
    }
    if (Double.isFinite(bound) && bound > 0) {
      min = Math.min(min, bound);
    }
    if (Double.isFinite(analytic) && analytic > 0 && Math.abs(analytic / bound - 1) > 1e-3) {
      min = Math.min(min, analytic);
    }
    for (XYPlot q : panels) {
      yAxis(q, min, max, "68% CL width of " + Plots.greek(r.poi()));
    }
    c = combine(c, p, panels);
    double events = lumi * r.source().path("expected_events_per_unit_luminosity").asDouble();
    Plots.note(c, String.format(Locale.ROOT, "Asimov data at %s = %s, L = %s %s (%s expected events), %s%s", Plots.greek(r.poi()),
        compact(r.source().path("truth").asDouble()), compact(lumi), unit(r),
        events >= 100 ? String.format(Locale.ROOT, "%.0f", events) : String.format(Locale.ROOT, "%.3g", events), sourceText(r),
        mcstatText(mcstat)));
    save(c, panels.size(), png);
  }

  /**
   * @param mcstat only the cells with this staterror setting (null: all cells; the grid has one setting)
   */
  static void versusLuminosity(StudyResult r, int bins, Boolean mcstat, Path png) {
    Map<Key, XYSeries> series = new LinkedHashMap<>();
    XYSeries boundSeries = new XYSeries("per-event (unbinned) bound 2/√I", true, true);
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    double lmin = Double.POSITIVE_INFINITY;
    double lmax = 0;
    for (StudyRow row : r.rows()) {
      if (row.cell().bins() != bins || (mcstat != null && row.cell().mcstat() != mcstat)) {
        continue;
      }
      Key k = key(row);
      XYSeries s = series.computeIfAbsent(k, kk -> new XYSeries(label(kk), true, true));
      double l = row.cell().luminosity();
      lmin = Math.min(lmin, l);
      lmax = Math.max(lmax, l);
      double w = row.width68();
      if (Double.isFinite(w) && w > 0) {
        s.add(l, w);
        min = Math.min(min, w);
        max = Math.max(max, w);
      }
      double b = row.width68Bound();
      if (Double.isFinite(b) && b > 0 && boundSeries.indexOf(l) < 0) {
        boundSeries.add(l, b);
        min = Math.min(min, b);
        max = Math.max(max, b);
      }
    }
    JFreeChart c = Plots.chart(r.name() + ": expected 68% CL width vs luminosity", "luminosity", "68% CL width of " + Plots.greek(r.poi()));
    XYPlot p = c.getXYPlot();
    List<XYPlot> panels = panels(p, series);
    for (XYPlot q : panels) {
      if (boundSeries.getItemCount() > 0) {
        XYSeriesCollection bc = new XYSeriesCollection(boundSeries);
        Plots.addLines(q, bc, new Color[] {Color.BLACK}, new BasicStroke[] {Plots.DASHED}, false);
      }
    }
    if (lmax >= 10 * lmin) {
      p.setDomainAxis(decades("luminosity (" + unit(r) + ", log scale)", lmin / 1.3, lmax * 1.3));
    } else {
      p.getDomainAxis().setLabel("luminosity (" + unit(r) + ")");
    }
    for (XYPlot q : panels) {
      yAxis(q, min, max, "68% CL width of " + Plots.greek(r.poi()));
    }
    c = combine(c, p, panels);
    Plots.note(c, String.format(Locale.ROOT, "Asimov data at %s = %s, %d bins, %s%s", Plots.greek(r.poi()), compact(r.source().path("truth").asDouble()),
        bins, sourceText(r), mcstatText(mcstat)));
    save(c, panels.size(), png);
  }

  /** The most series one panel shows; more are split into one panel per binning strategy. */
  public static final int MAX_SERIES_PER_PANEL = 6;

  /**
   * The panels of a plot: {@code p} itself when the series fit in one panel, else one new panel per
   * binning strategy (and per group of at most {@value #MAX_SERIES_PER_PANEL} observables), colours
   * kept per observable across panels. {@link #combine} stacks them.
   */
  static List<XYPlot> panels(XYPlot p, Map<Key, XYSeries> series) {
    List<String> observables = new ArrayList<>();
    List<String> strategies = new ArrayList<>();
    for (Key k : series.keySet()) {
      if (!observables.contains(k.observable())) {
        observables.add(k.observable());
      }
      if (!strategies.contains(k.strategy())) {
        strategies.add(k.strategy());
      }
    }
    if (series.size() <= MAX_SERIES_PER_PANEL) {
      draw(p, series, observables, strategies, false);
      return List.of(p);
    }
    List<XYPlot> out = new ArrayList<>();
    for (String st : strategies) {
      List<Map.Entry<Key, XYSeries>> of = new ArrayList<>();
      for (Map.Entry<Key, XYSeries> e : series.entrySet()) {
        if (e.getKey().strategy().equals(st)) {
          of.add(e);
        }
      }
      for (int from = 0; from < of.size(); from += MAX_SERIES_PER_PANEL) {
        Map<Key, XYSeries> part = new LinkedHashMap<>();
        for (Map.Entry<Key, XYSeries> e : of.subList(from, Math.min(of.size(), from + MAX_SERIES_PER_PANEL))) {
          XYSeries renamed = new XYSeries(e.getKey().observable() + (e.getKey().mcstat() ? " (staterror)" : ""), true, true);
          for (int i = 0; i < e.getValue().getItemCount(); i++) {
            renamed.add(e.getValue().getX(i), e.getValue().getY(i));
          }
          part.put(e.getKey(), renamed);
        }
        NumberAxis y = new NumberAxis("68% CL width");
        XYPlot q = new XYPlot(new XYSeriesCollection(), null, y, new XYLineAndShapeRenderer(true, true));
        Plots.style(q, false);
        draw(q, part, observables, strategies, true);
        org.jfree.chart.title.TextTitle t = new org.jfree.chart.title.TextTitle("binning: " + st, Plots.LABEL);
        t.setBackgroundPaint(new Color(255, 255, 255, 220));
        q.addAnnotation(new org.jfree.chart.annotations.XYTitleAnnotation(0.99, 0.98, t, RectangleAnchor.TOP_RIGHT));
        out.add(q);
      }
    }
    return out;
  }

  /**
   * The chart with the panels stacked over the shared x axis of {@code p} (the chart itself for a
   * single panel); its legend lists each observable once.
   */
  static JFreeChart combine(JFreeChart c, XYPlot p, List<XYPlot> panels) {
    if (panels.size() == 1 && panels.get(0) == p) {
      return c;
    }
    org.jfree.chart.plot.CombinedDomainXYPlot both = new org.jfree.chart.plot.CombinedDomainXYPlot(p.getDomainAxis());
    both.setGap(10);
    org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (XYPlot q : panels) {
      both.add(q, 1);
      org.jfree.chart.LegendItemCollection li = q.getLegendItems();
      for (int i = 0; i < li.getItemCount(); i++) {
        if (seen.add(li.get(i).getLabel())) {
          items.add(li.get(i));
        }
      }
    }
    both.setFixedLegendItems(items);
    JFreeChart out = new JFreeChart(c.getTitle().getText(), Plots.TITLE, both, true);
    out.setBackgroundPaint(Color.WHITE);
    out.setPadding(Plots.PADDING);
    out.getLegend().setItemFont(Plots.NOTE);
    for (int i = 0; i < c.getSubtitleCount(); i++) {
      if (c.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
        out.addSubtitle(t);
      }
    }
    return out;
  }

  private static void draw(XYPlot p, Map<Key, XYSeries> series, List<String> observables, List<String> strategies,
      boolean oneStrategy) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer rd = new XYLineAndShapeRenderer(true, true);
    rd.setLegendLine(new java.awt.geom.Line2D.Double(-16, 0, 16, 0)); // long enough to show the dash pattern
    int i = 0;
    for (Map.Entry<Key, XYSeries> e : series.entrySet()) {
      Key k = e.getKey();
      data.addSeries(e.getValue());
      Color col = COLORS[observables.indexOf(k.observable()) % COLORS.length];
      float[] dash = oneStrategy ? null : DASHES[strategies.indexOf(k.strategy()) % DASHES.length];
      float width = k.mcstat() ? 1.4f : 2.6f;
      rd.setSeriesPaint(i, col);
      rd.setSeriesStroke(i, dash == null ? new BasicStroke(width)
          : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
      rd.setSeriesShape(i, Plots.dot(k.mcstat() ? 6 : 8));
      rd.setSeriesShapesFilled(i, !k.mcstat());
      i++;
    }
    p.setDataset(0, data);
    p.setRenderer(0, rd);
  }

  /** The luminosity unit for display: fb⁻¹, σ₀⁻¹. */
  private static String unit(StudyResult r) {
    return r.luminosityUnit().replace("fb^-1", "fb⁻¹").replace("1/sigma0", "σ₀⁻¹");
  }

  private static void marker(XYPlot p, double y, String label, BasicStroke stroke, RectangleAnchor anchor, TextAnchor text) {
    ValueMarker m = new ValueMarker(y, Color.BLACK, stroke);
    m.setLabel(label);
    m.setLabelFont(Plots.NOTE);
    m.setLabelPaint(Color.BLACK);
    m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
    m.setLabelAnchor(anchor);
    m.setLabelTextAnchor(text);
    p.addRangeMarker(m);
  }

  private static String mcstatText(Boolean mcstat) {
    return mcstat == null ? "" : mcstat ? ", with staterror (MC statistics)" : ", no staterror";
  }

  /** PNG, taller with more panels (written atomically). */
  private static void save(JFreeChart c, int panels, Path png) {
    int height = panels <= 1 ? Plots.HEIGHT : 260 + 300 * panels;
    try {
      Path abs = png.toAbsolutePath();
      Files.createDirectories(abs.getParent());
      Path tmp = io.sumbin.histmodel.util.AtomicFiles.tempBeside(abs);
      try {
        ChartUtils.saveChartAsPNG(tmp.toFile(), c, Plots.WIDTH, height);
        io.sumbin.histmodel.util.AtomicFiles.replace(tmp, abs);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  private static void yAxis(XYPlot p, double min, double max, String label) {
    if (!(max > 0) || !(min > 0)) {
      return;
    }
    if (max / min >= 10) {
      p.setRangeAxis(decades(label + " (log scale)", min / 1.2, max * 1.2));
    } else {
      NumberAxis y = (NumberAxis) p.getRangeAxis();
      double pad = 0.06 * (max - min) + 1e-12 * max;
      y.setRange(min - pad, max + pad);
    }
  }

  /** A base-10 log axis with labelled decades and 8 unlabelled minor ticks between them. */
  private static LogAxis decades(String label, double lo, double hi) {
    LogAxis a = new LogAxis(label);
    a.setTickUnit(new NumberTickUnit(1), false, true);
    a.setMinorTickCount(9);
    a.setMinorTickMarksVisible(true);
    a.setNumberFormatOverride(lo >= 1e-4 && hi < 1e6 ? new DecimalFormat("0.####") : new DecimalFormat("0E0"));
    style(a);
    a.setRange(lo, hi);
    return a;
  }

  private static void style(ValueAxis a) {
    a.setLabelFont(Plots.LABEL);
    a.setTickLabelFont(Plots.TICK);
  }

  private static String sourceText(StudyResult r) {
    String type = r.source().path("type").asText();
    int events = r.source().path("events").asInt();
    if (type.equals("lhe")) {
      return String.format(Locale.ROOT, "%d LHE events", events);
    }
    return String.format(Locale.ROOT, "quadratic toy, %d MC events", events);
  }

  static String compact(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
