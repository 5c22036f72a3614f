package io.sumbin.cli.plot;

import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.ProfileScan2D;
import io.sumbin.histmodel.infer.UpperLimit;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG plots in a style fit for a talk (JFreeChart, headless): white background, light grid, large
 * fonts, the usual colour conventions (observed black, expected dashed, ±1σ green, ±2σ yellow).
 */
public final class Plots {
  public static final int WIDTH = 1000;
  public static final int HEIGHT = 700;
  public static final Color GREEN = new Color(0, 200, 0);
  public static final Color YELLOW = new Color(255, 230, 0);
  public static final Color BLUE = new Color(31, 90, 180);
  public static final Color RED = new Color(200, 30, 30);
  public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);
  public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
  public static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
  public static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
  /** Chart padding: room on the right for the last tick label of the x axis. */
  public static final org.jfree.chart.ui.RectangleInsets PADDING = new org.jfree.chart.ui.RectangleInsets(6, 6, 6, 28);
  public static final BasicStroke SOLID = new BasicStroke(2.5f);
  public static final BasicStroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f);
  public static final BasicStroke THIN_DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f);

  private Plots() {}

  /** An empty XY chart with sumbin's style. */
  public static JFreeChart chart(String title, String xLabel, String yLabel) {
    System.setProperty("java.awt.headless", "true");
    NumberAxis x = new NumberAxis(xLabel);
    NumberAxis y = new NumberAxis(yLabel);
    XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, false));
    style(plot);
    JFreeChart c = new JFreeChart(title, TITLE, plot, true);
    c.setBackgroundPaint(Color.WHITE);
    c.setPadding(PADDING);
    c.getLegend().setItemFont(NOTE);
    return c;
  }

  /** A text for a markdown table cell: '|' escaped (it would end the cell), line breaks as spaces. */
  public static String cell(String text) {
    return text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }

  static void style(XYPlot plot) {
    style(plot, true);
  }

  /** The sumbin style of an XY plot; {@code withDomain}: style its domain axis too (false for subplots that share one). */
  static void style(XYPlot plot, boolean withDomain) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(225, 225, 225));
    plot.setRangeGridlinePaint(new Color(225, 225, 225));
    plot.setOutlinePaint(Color.BLACK);
    for (var a : new org.jfree.chart.axis.ValueAxis[] {withDomain ? plot.getDomainAxis() : null, plot.getRangeAxis()}) {
      if (a != null) {
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
      }
    }
    if (withDomain && plot.getDomainAxis() instanceof NumberAxis na) {
      na.setAutoRangeIncludesZero(false);
    }
    if (plot.getRangeAxis() instanceof NumberAxis na) {
      na.setAutoRangeIncludesZero(false);
    }
  }

  /** Adds a dataset drawn with its own renderer; returns its index. */
  public static int addLines(XYPlot plot, XYSeriesCollection data, Color[] colors, BasicStroke[] strokes, boolean shapes) {
    int idx = plot.getDatasetCount();
    if (idx == 1 && plot.getDataset(0).getSeriesCount() == 0) {
      idx = 0;
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      r.setSeriesPaint(i, colors[i % colors.length]);
      r.setSeriesStroke(i, strokes[i % strokes.length]);
      if (shapes) {
        r.setSeriesShape(i, dot(7));
      }
    }
    plot.setDataset(idx, data);
    plot.setRenderer(idx, r);
    return idx;
  }

  static Shape dot(double d) {
    return new Ellipse2D.Double(-d / 2, -d / 2, d, d);
  }

  /** Horizontal reference line with a label. */
  public static void hline(XYPlot plot, double y, String label, Color color) {
    ValueMarker m = new ValueMarker(y, color, THIN_DASHED);
    m.setLabel(label);
    m.setLabelFont(NOTE);
    m.setLabelPaint(color);
    m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    plot.addRangeMarker(m);
  }

  /** Vertical reference line with a label. */
  public static void vline(XYPlot plot, double x, String label, Color color) {
    if (!Double.isFinite(x)) {
      return;
    }
    ValueMarker m = new ValueMarker(x, color, THIN_DASHED);
    m.setLabel(label);
    m.setLabelFont(NOTE);
    m.setLabelPaint(color);
    m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    plot.addDomainMarker(m);
  }

  /** A subtitle line under the title. */
  public static void note(JFreeChart c, String text) {
    TextTitle t = new TextTitle(text, NOTE);
    c.addSubtitle(t);
  }

  /** Writes a chart as PNG atomically ({@link #WIDTH} × {@link #HEIGHT}). */
  public static void save(JFreeChart chart, Path png) {
    save(chart, png, WIDTH, HEIGHT);
  }

  /** Writes a chart as PNG atomically in the given size. */
  public static void save(JFreeChart chart, Path png, int width, int height) {
    try {
      Path abs = png.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = io.sumbin.histmodel.util.AtomicFiles.tempBeside(abs);
      try {
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height);
        io.sumbin.histmodel.util.AtomicFiles.replace(tmp, abs);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }


  // ------------------------------------------------------------------ symbols, labels, legends

  /**
   * The symbol of a test statistic in the field's notation, with {@code _{...}} marking a subscript
   * (q̃_{μ}, q_{μ}, q_{0}, t_{μ}, t̃_{μ}); {@link #plain} and {@link #label} render it.
   */
  public static String symbol(io.sumbin.histmodel.infer.TestStatistic ts) {
    return switch (ts.pyhfName()) {
      case "qtilde" -> "q\u0303_{μ}";
      case "q" -> "q_{μ}";
      case "q0" -> "q_{0}";
      case "ttilde" -> "t\u0303_{μ}";
      case "t" -> "t_{μ}";
      default -> ts.pyhfName();
    };
  }

  /** Text with {@code _{sub}} / {@code ^{sup}} markup as plain text (the markup braces removed: q̃μ). */
  public static String plain(String markup) {
    return markup.replaceAll("[_^]\\{([^}]*)\\}", "$1");
  }

  /** Sets an axis label written with {@code _{sub}} / {@code ^{sup}} markup, drawn with real sub- and superscripts. */
  public static void label(org.jfree.chart.axis.Axis axis, String markup) {
    axis.setLabel(plain(markup));
    if (markup.equals(plain(markup))) {
      return;
    }
    String text = plain(markup);
    java.text.AttributedString as = new java.text.AttributedString(text);
    as.addAttribute(java.awt.font.TextAttribute.FONT, axis.getLabelFont());
    as.addAttribute(java.awt.font.TextAttribute.FOREGROUND, axis.getLabelPaint());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([_^])\\{([^}]*)\\}").matcher(markup);
    int removed = 0;
    while (m.find()) {
      int start = m.start() - removed;
      int end = start + m.group(2).length();
      if (end > start) {
        as.addAttribute(java.awt.font.TextAttribute.SUPERSCRIPT,
            m.group(1).equals("_") ? java.awt.font.TextAttribute.SUPERSCRIPT_SUB : java.awt.font.TextAttribute.SUPERSCRIPT_SUPER,
            start, end);
      }
      removed += m.group().length() - m.group(2).length();
    }
    axis.setAttributedLabel(as);
  }

  /**
   * Appends a line entry to the plot's legend (for a marker such as the observed value or the best
   * fit, which renderers do not list). Call after all datasets are added: the legend is fixed from
   * here on.
   */
  public static void legendLine(XYPlot plot, String label, Color color, BasicStroke stroke) {
    org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
    items.addAll(plot.getLegendItems());
    org.jfree.chart.LegendItem li = new org.jfree.chart.LegendItem(label, null, null, null,
        new java.awt.geom.Line2D.Double(-9, 0, 9, 0), stroke, color);
    items.add(li);
    plot.setFixedLegendItems(items);
  }

  /** Appends a point entry (a filled dot) to the plot's legend; see {@link #legendLine}. */
  public static void legendDot(XYPlot plot, String label, Color color) {
    org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
    items.addAll(plot.getLegendItems());
    items.add(new org.jfree.chart.LegendItem(label, color));
    org.jfree.chart.LegendItem li = items.get(items.getItemCount() - 1);
    li.setShape(dot(10));
    plot.setFixedLegendItems(items);
  }

  /** A vertical line at x drawn solid (thick) and listed in the legend as {@code label}. */
  public static void markX(XYPlot plot, double x, String label, Color color) {
    if (!Double.isFinite(x)) {
      return;
    }
    plot.addDomainMarker(new ValueMarker(x, color, SOLID), org.jfree.chart.ui.Layer.FOREGROUND);
    legendLine(plot, label, color, SOLID);
  }

  /** A log axis whose ticks are the powers of ten, labelled 10ⁿ. */
  public static LogAxis powersOfTen(String label, double lower) {
    LogAxis y = new LogAxis(label);
    y.setLabelFont(LABEL);
    y.setTickLabelFont(TICK);
    y.setSmallestValue(lower);
    y.setBase(10);
    y.setBaseSymbol("10");
    y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
    y.setMinorTickMarksVisible(true);
    return y;
  }

  /** The legend one entry per line (long labels stay readable), at the bottom. */
  public static void legendInColumn(JFreeChart c) {
    org.jfree.chart.title.LegendTitle old = c.getLegend();
    org.jfree.chart.title.LegendTitle lt = new org.jfree.chart.title.LegendTitle(c.getPlot(),
        new org.jfree.chart.block.ColumnArrangement(), new org.jfree.chart.block.ColumnArrangement());
    lt.setItemFont(NOTE);
    lt.setPosition(old != null ? old.getPosition() : org.jfree.chart.ui.RectangleEdge.BOTTOM);
    lt.setBackgroundPaint(Color.WHITE);
    lt.setFrame(new org.jfree.chart.block.BlockBorder(new Color(200, 200, 200)));
    lt.setMargin(4, 4, 4, 4);
    if (old != null) {
      c.removeLegend();
    }
    c.addLegend(lt);
  }

  /** The legend in a grid of {@code columns} columns at the bottom (entries fill rows left to right). */
  public static void legendInColumns(JFreeChart c, int columns) {
    org.jfree.chart.title.LegendTitle lt = c.getLegend();
    if (lt == null) {
      return;
    }
    int n = c.getPlot().getLegendItems().getItemCount();
    int rows = Math.max(1, (n + columns - 1) / columns);
    lt.setItemFont(NOTE);
    org.jfree.chart.title.LegendTitle g = new org.jfree.chart.title.LegendTitle(c.getPlot(),
        new org.jfree.chart.block.GridArrangement(rows, columns), new org.jfree.chart.block.GridArrangement(rows, columns));
    g.setItemFont(NOTE);
    g.setPosition(lt.getPosition());
    g.setBackgroundPaint(Color.WHITE);
    g.setItemLabelPadding(new org.jfree.chart.ui.RectangleInsets(2, 4, 2, 12));
    c.removeLegend();
    c.addLegend(g);
  }

  /** Renders a chart to an image (for tests and for {@link #save}). */
  public static java.awt.image.BufferedImage image(JFreeChart chart, int width, int height) {
    return chart.createBufferedImage(width, height);
  }

  public static String f(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  // ------------------------------------------------------------------ inference plots

  /**
   * Whether each end of a 1-D interval lies at the parameter's bound: the scan starts (ends) at the
   * bound and Δ(−2 ln L) stays below {@code threshold} there, so the interval has no crossing on that
   * side and its edge is the bound itself.
   *
   * @param s the scan
   * @param interval its 68% or 95% interval
   * @param threshold the Δ(−2 ln L) of that interval
   * @param lower the parameter's lower bound
   * @param upper the parameter's upper bound
   * @return {lower edge at the lower bound, upper edge at the upper bound}
   */
  public static boolean[] atBound(ProfileScan s, double[] interval, double threshold, double lower, double upper) {
    double[] v = s.values();
    double[] d = s.deltaTwiceNll();
    int n = v.length;
    boolean lo = n > 0 && Double.isNaN(interval[0]) && v[0] <= lower && Double.isFinite(d[0]) && d[0] < threshold;
    boolean hi = n > 0 && Double.isNaN(interval[1]) && v[n - 1] >= upper && Double.isFinite(d[n - 1]) && d[n - 1] < threshold;
    return new boolean[] {lo, hi};
  }

  /**
   * An interval as text: an edge at the parameter bound reads "0 (bound)", an edge beyond the
   * scanned range "NaN".
   *
   * @param iv [lo, hi] (NaN: no crossing)
   * @param atBound from {@link #atBound}
   * @param bounds {lower, upper} of the parameter
   * @param fmt the number format
   * @return e.g. "[0 (bound), 2.04]"
   */
  public static String interval(double[] iv, boolean[] atBound, double[] bounds, java.util.function.DoubleFunction<String> fmt) {
    String lo = atBound[0] ? boundText(bounds[0], fmt) + " (bound)" : fmt.apply(iv[0]);
    String hi = atBound[1] ? boundText(bounds[1], fmt) + " (bound)" : fmt.apply(iv[1]);
    return "[" + lo + ", " + hi + "]";
  }

  private static String boundText(double v, java.util.function.DoubleFunction<String> fmt) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : fmt.apply(v);
  }

  /** Δ(−2 ln L) of a 1-D profile scan with the 68% and 95% thresholds and intervals (no parameter bounds known). */
  public static void scan(ProfileScan s, Path png, String title) {
    scan(s, new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, png, title);
  }

  /**
   * Δ(−2 ln L) of a 1-D profile scan: the curve, the best fit marked (in the legend), the 1σ/2σ
   * (68.3%/95%) thresholds and interval edges, the y range clipped to 1.5× the 95% threshold (or the
   * curve's top, if lower). Interval edges at the parameter bound read "(bound)".
   *
   * @param s the scan
   * @param bounds {lower, upper} bound of the scanned parameter
   * @param png the file
   * @param title the title
   */
  public static void scan(ProfileScan s, double[] bounds, Path png, String title) {
    save(scanChart(s, bounds, title), png);
  }

  /** The chart of {@link #scan(ProfileScan, double[], Path, String)}. */
  public static JFreeChart scanChart(ProfileScan s, double[] bounds, String title) {
    String par = greek(s.parameter());
    JFreeChart c = chart(title, par, "");
    label(c.getXYPlot().getRangeAxis(), "−2 Δ ln L");
    XYPlot p = c.getXYPlot();
    XYSeries curve = new XYSeries("profile likelihood");
    double top = 0;
    for (int i = 0; i < s.values().length; i++) {
      if (Double.isFinite(s.deltaTwiceNll()[i])) {
        curve.add(s.values()[i], s.deltaTwiceNll()[i]);
        top = Math.max(top, s.deltaTwiceNll()[i]);
      }
    }
    addLines(p, new XYSeriesCollection(curve), new Color[] {Color.BLACK}, new BasicStroke[] {SOLID}, s.values().length <= 41);
    hline(p, ProfileLikelihood.DELTA_68_1D, "1σ (68.3%)", BLUE);
    hline(p, ProfileLikelihood.DELTA_95_1D, "2σ (95%)", RED);
    vline(p, s.interval68()[0], "", BLUE);
    vline(p, s.interval68()[1], "", BLUE);
    vline(p, s.interval95()[0], "", RED);
    vline(p, s.interval95()[1], "", RED);
    boolean[] b68 = atBound(s, s.interval68(), ProfileLikelihood.DELTA_68_1D, bounds[0], bounds[1]);
    boolean[] b95 = atBound(s, s.interval95(), ProfileLikelihood.DELTA_95_1D, bounds[0], bounds[1]);
    double best = s.best().bestfit()[s.index()];
    XYSeries bf = new XYSeries("best fit " + par + " = " + f(best));
    bf.add(best, 0.0);
    XYLineAndShapeRenderer br = new XYLineAndShapeRenderer(false, true);
    br.setSeriesPaint(0, RED);
    br.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12));
    int idx = p.getDatasetCount();
    p.setDataset(idx, new XYSeriesCollection(bf));
    p.setRenderer(idx, br);
    p.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    p.addDomainMarker(new ValueMarker(best, RED, new BasicStroke(1.5f)));
    note(c, String.format(Locale.ROOT, "best fit %s = %s;  68%%: %s;  95%%: %s", par, f(best),
        interval(s.interval68(), b68, bounds, Plots::f), interval(s.interval95(), b95, bounds, Plots::f)));
    NumberAxis y = (NumberAxis) p.getRangeAxis();
    y.setRange(0, Math.max(1.5 * ProfileLikelihood.DELTA_95_1D, Math.min(top, 1.5 * ProfileLikelihood.DELTA_95_1D)));
    return c;
  }

  /** A parameter name with Greek spelled out as symbols: mu → μ, theta → θ (others unchanged). */
  public static String greek(String name) {
    return switch (name) {
      case "mu" -> "μ";
      case "theta" -> "θ";
      case "sigma" -> "σ";
      case "lambda" -> "λ";
      case "kappa" -> "κ";
      default -> name;
    };
  }

  /** CLs versus the POI with the expected ±1σ/±2σ band (Brazil plot) and the limits. */
  public static void brazil(UpperLimit ul, String poi, Path png, String title) {
    JFreeChart c = chart(title, greek(poi), "CLs");
    XYPlot p = c.getXYPlot();
    label(p.getRangeAxis(), "CL_{s}");
    List<HypoTestResult> pts = ul.points();
    XYSeries obs = new XYSeries("observed");
    XYSeries med = new XYSeries("expected");
    XYSeries lo2 = new XYSeries("±2σ lo");
    XYSeries hi2 = new XYSeries("expected ±2σ");
    XYSeries lo1 = new XYSeries("±1σ lo");
    XYSeries hi1 = new XYSeries("expected ±1σ");
    for (HypoTestResult r : pts) {
      double mu = r.mu();
      if (!Double.isFinite(r.cls())) {
        continue;
      }
      obs.add(mu, r.cls());
      med.add(mu, r.clsExpected()[2]);
      lo2.add(mu, r.clsExpected()[0]);
      hi2.add(mu, r.clsExpected()[4]);
      lo1.add(mu, r.clsExpected()[1]);
      hi1.add(mu, r.clsExpected()[3]);
    }
    // bands: difference renderers (upper series first)
    XYSeriesCollection band2 = new XYSeriesCollection();
    band2.addSeries(hi2);
    band2.addSeries(lo2);
    XYDifferenceRenderer r2 = new XYDifferenceRenderer(YELLOW, YELLOW, false);
    r2.setSeriesPaint(0, YELLOW);
    r2.setSeriesPaint(1, YELLOW);
    r2.setSeriesVisibleInLegend(1, false);
    XYSeriesCollection band1 = new XYSeriesCollection();
    band1.addSeries(hi1);
    band1.addSeries(lo1);
    XYDifferenceRenderer r1 = new XYDifferenceRenderer(GREEN, GREEN, false);
    r1.setSeriesPaint(0, GREEN);
    r1.setSeriesPaint(1, GREEN);
    r1.setSeriesVisibleInLegend(1, false);
    XYSeriesCollection lines = new XYSeriesCollection();
    lines.addSeries(obs);
    lines.addSeries(med);
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    lr.setSeriesPaint(0, Color.BLACK);
    lr.setSeriesStroke(0, SOLID);
    lr.setSeriesPaint(1, Color.BLACK);
    lr.setSeriesStroke(1, DASHED);
    p.setDataset(0, lines);
    p.setRenderer(0, lr);
    p.setDataset(1, band1);
    p.setRenderer(1, r1);
    p.setDataset(2, band2);
    p.setRenderer(2, r2);
    p.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
    hline(p, 1 - ul.cl(), String.format(Locale.ROOT, "CLs = %.2f", 1 - ul.cl()), RED);
    vline(p, ul.observed(), "observed limit", Color.BLACK);
    note(c, String.format(Locale.ROOT, "%.0f%% CL upper limit: observed %s, expected %s (−1σ %s, +1σ %s)", 100 * ul.cl(),
        f(ul.observed()), f(ul.expected()[2]), f(ul.expected()[1]), f(ul.expected()[3])));
    NumberAxis y = (NumberAxis) p.getRangeAxis();
    y.setRange(0, 1.05);
    save(c, png);
  }

  /** 2-D profile-likelihood contours (68% and 95%) with the best-fit point. */
  public static void contours(ProfileScan2D s, Path png, String title) {
    JFreeChart c = chart(title, s.xParameter(), s.yParameter());
    XYPlot p = c.getXYPlot();
    XYSeriesCollection segs = new XYSeriesCollection();
    Color[] colors = new Color[s.contour68().size() + s.contour95().size() + 1];
    int k = 0;
    for (double[] sg : s.contour68()) {
      XYSeries ser = new XYSeries(k == 0 ? "68.3% CL" : "68_" + k, false, true);
      ser.add(sg[0], sg[1]);
      ser.add(sg[2], sg[3]);
      segs.addSeries(ser);
      colors[k++] = BLUE;
    }
    int first95 = k;
    for (double[] sg : s.contour95()) {
      XYSeries ser = new XYSeries(k == first95 ? "95% CL" : "95_" + k, false, true);
      ser.add(sg[0], sg[1]);
      ser.add(sg[2], sg[3]);
      segs.addSeries(ser);
      colors[k++] = RED;
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < k; i++) {
      r.setSeriesPaint(i, colors[i]);
      r.setSeriesStroke(i, SOLID);
      r.setSeriesVisibleInLegend(i, i == 0 || i == first95);
    }
    XYSeries best = new XYSeries("best fit");
    int ix = -1;
    int iy = -1;
    List<String> names = s.best().parNames();
    ix = names.indexOf(s.xParameter());
    iy = names.indexOf(s.yParameter());
    best.add(s.best().bestfit()[ix], s.best().bestfit()[iy]);
    segs.addSeries(best);
    r.setSeriesPaint(k, Color.BLACK);
    r.setSeriesLinesVisible(k, false);
    r.setSeriesShapesVisible(k, true);
    r.setSeriesShape(k, dot(12));
    p.setDataset(0, segs);
    p.setRenderer(0, r);
    XYTextAnnotation a = new XYTextAnnotation(" best fit", best.getX(0).doubleValue(), best.getY(0).doubleValue());
    a.setFont(NOTE);
    a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
    p.addAnnotation(a);
    save(c, png);
  }

  // ------------------------------------------------------------------ toys and belts

  /**
   * Toy test-statistic histograms of the tested (s+b) and background-only ensembles as densities,
   * against the asymptotic densities of arXiv:1007.1727 (continuous parts; the δ at 0 is quoted in
   * the note), with the observed value. Log y axis.
   *
   * @param sigma σ of μ̂ for the asymptotic curves (NaN: toys only)
   */
  public static void toyStatistics(io.sumbin.histmodel.infer.toys.ToyDistributions d, double sigma, String poi, Path png,
      String title) {
    save(toyChart(d, sigma, poi, title), png);
  }

  /**
   * The chart of {@link #toyStatistics}: the observed value a solid vertical line in the legend, the
   * statistic and the POI as symbols (q̃μ, μ), the density axis labelled in powers of ten.
   *
   * @param d the toys
   * @param sigma σ of μ̂ for the asymptotic curves (NaN: toys only)
   * @param poi the POI's name
   * @param title the title
   * @return the chart
   */
  public static JFreeChart toyChart(io.sumbin.histmodel.infer.toys.ToyDistributions d, double sigma, String poi, String title) {
    poi = greek(poi);
    io.sumbin.histmodel.infer.TestStatistic ts = d.statistic();
    boolean q0 = ts.discovery();
    double[] sb = d.sb().sortedValues();
    double[] b = d.b().sortedValues();
    double tObs = d.observed().converged() ? d.observed().t() : Double.NaN;
    double hi = 0;
    for (double[] a : new double[][] {sb, b}) {
      if (a.length > 0) {
        hi = Math.max(hi, a[(int) Math.min(a.length - 1, Math.floor(0.995 * a.length))]);
      }
    }
    if (Double.isFinite(tObs)) {
      hi = Math.max(hi, tObs);
    }
    hi = hi <= 0 ? 1 : 1.1 * hi;
    int nb = 40;
    double w = hi / nb;
    String sym = symbol(ts);
    JFreeChart c = chart(title, plain(sym), "probability density");
    label(c.getXYPlot().getDomainAxis(), "test statistic " + sym);
    XYPlot p = c.getXYPlot();
    String sbName = q0 ? "toys, " + poi + " = 0" : "toys, s+b (" + poi + " = " + f(d.mu()) + ")";
    String bName = q0 ? "toys, " + poi + " = 1" : "toys, background only";
    double floor = Double.POSITIVE_INFINITY;
    XYSeriesCollection hist = new XYSeriesCollection();
    for (int h = 0; h < 2; h++) {
      double[] a = h == 0 ? sb : b;
      XYSeries s = new XYSeries(h == 0 ? sbName : bName, false, true);
      int[] cnt = new int[nb];
      for (double v : a) {
        int k = (int) Math.floor(v / w);
        if (k < nb) { // overflow beyond the plotted range is left out (quoted in the note)
          cnt[Math.max(k, 0)]++;
        }
      }
      double unit = a.length == 0 ? 1 : 1.0 / (a.length * w);
      floor = Math.min(floor, 0.5 * unit);
      for (int k = 0; k < nb; k++) {
        double y = cnt[k] > 0 ? cnt[k] * unit : 0.1 * unit;
        s.add(k * w, y);
        s.add((k + 1) * w, y);
      }
      hist.addSeries(s);
    }
    addLines(p, hist, new Color[] {RED, BLUE}, new BasicStroke[] {SOLID}, false);
    double zeroSb = Double.NaN;
    double zeroB = Double.NaN;
    if (sigma > 0 && Double.isFinite(sigma)) {
      double mu = q0 ? 0 : d.mu();
      double sbPrime = q0 ? 0 : d.mu();
      double bPrime = q0 ? 1 : 0;
      XYSeriesCollection asy = new XYSeriesCollection();
      XYSeries as = new XYSeries("asymptotic, " + (q0 ? poi + " = 0" : "s+b"), false, true);
      XYSeries ab = new XYSeries("asymptotic, " + (q0 ? poi + " = 1" : "background only"), false, true);
      for (int i = 1; i <= 400; i++) {
        double t = hi * i / 400;
        double ys = io.sumbin.histmodel.infer.toys.AsymptoticDensities.density(ts, t, mu, sbPrime, sigma);
        double yb = io.sumbin.histmodel.infer.toys.AsymptoticDensities.density(ts, t, mu, bPrime, sigma);
        if (ys > floor) {
          as.add(t, ys);
        }
        if (yb > floor) {
          ab.add(t, yb);
        }
      }
      asy.addSeries(as);
      asy.addSeries(ab);
      addLines(p, asy, new Color[] {RED, BLUE}, new BasicStroke[] {DASHED}, false);
      zeroSb = io.sumbin.histmodel.infer.toys.AsymptoticDensities.zeroMass(ts, mu, sbPrime, sigma);
      zeroB = io.sumbin.histmodel.infer.toys.AsymptoticDensities.zeroMass(ts, mu, bPrime, sigma);
    }
    LogAxis ly = powersOfTen("probability density", floor);
    p.setRangeAxis(ly);
    ly.setLowerBound(floor);
    // a small margin left of 0 keeps an observed value at (or near) 0 visible inside the frame
    ((NumberAxis) p.getDomainAxis()).setRange(-0.015 * hi, hi);
    markX(p, tObs, "observed " + plain(sym) + " = " + f(tObs), Color.BLACK);
    legendInColumns(c, 2);
    io.sumbin.histmodel.infer.HypoTestResult r = d.hypoTestResult();
    note(c, String.format(Locale.ROOT, "%d + %d toys; CLs+b = %s, CLb = %s, CLs = %s", sb.length, b.length, f(r.clsb()),
        f(r.clb()), f(r.cls())));
    note(c, String.format(Locale.ROOT, "fraction at %s = 0: toys %s / %s, asymptotic %s / %s (s+b / b); beyond %s: %s / %s",
        plain(sym), f(fractionZero(sb)), f(fractionZero(b)), f(zeroSb), f(zeroB), f(hi), f(fractionAbove(sb, hi)), f(fractionAbove(b, hi))));
    return c;
  }

  static double fractionAbove(double[] sorted, double x) {
    int k = 0;
    while (k < sorted.length && sorted[sorted.length - 1 - k] >= x) {
      k++;
    }
    return sorted.length == 0 ? Double.NaN : k / (double) sorted.length;
  }

  static double fractionZero(double[] sorted) {
    int k = 0;
    while (k < sorted.length && sorted[k] <= 0) {
      k++;
    }
    return sorted.length == 0 ? Double.NaN : k / (double) sorted.length;
  }

  /**
   * A confidence belt in statistic space: the critical value c(μ) and the observed t_obs(μ) per
   * grid point, the asymptotic (Wilks, χ²₁) critical value for reference, and the accepted
   * interval(s) marked.
   */
  public static void belt(io.sumbin.histmodel.infer.neyman.ConfidenceBelt belt, String poi, Path png, String title) {
    JFreeChart c = chart(title, greek(poi), "test statistic");
    XYPlot p = c.getXYPlot();
    label(p.getRangeAxis(), "test statistic " + symbol(belt.statistic()));
    XYSeries crit = new XYSeries(String.format(Locale.ROOT, "critical value (%.3g%% CL, %s)", 100 * belt.cl(), belt.source()));
    XYSeries obs = new XYSeries("observed");
    XYSeries acc = new XYSeries("accepted points");
    double ymax = 0;
    for (int k = 0; k < belt.size(); k++) {
      double x = belt.values()[k];
      if (Double.isFinite(belt.criticalValues()[k])) {
        crit.add(x, belt.criticalValues()[k]);
        ymax = Math.max(ymax, belt.criticalValues()[k]);
      }
      if (Double.isFinite(belt.tObs()[k])) {
        obs.add(x, belt.tObs()[k]);
        if (belt.accepted()[k]) {
          acc.add(x, belt.tObs()[k]);
        }
      }
    }
    XYSeriesCollection lines = new XYSeriesCollection();
    lines.addSeries(crit);
    lines.addSeries(obs);
    addLines(p, lines, new Color[] {RED, Color.BLACK}, new BasicStroke[] {SOLID}, belt.size() <= 60);
    XYSeriesCollection pts = new XYSeriesCollection(acc);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    r.setSeriesPaint(0, GREEN);
    r.setSeriesShape(0, dot(11));
    int idx = p.getDatasetCount();
    p.setDataset(idx, pts);
    p.setRenderer(idx, r);
    double wilks = io.sumbin.histmodel.infer.Normal.chi2Quantile(belt.cl(), 1);
    hline(p, wilks, String.format(Locale.ROOT, "asymptotic χ²₁ (%.3g)", wilks), BLUE);
    StringBuilder iv = new StringBuilder();
    for (double[] piece : belt.intervals()) {
      vline(p, piece[0], "", GREEN.darker());
      vline(p, piece[1], "", GREEN.darker());
      iv.append(iv.length() == 0 ? "" : " ∪ ").append('[').append(f(piece[0])).append(", ").append(f(piece[1])).append(']');
    }
    NumberAxis y = (NumberAxis) p.getRangeAxis();
    y.setLowerBound(0);
    y.setUpperBound(Math.max(1.5 * Math.max(ymax, wilks), 1));
    note(c, String.format(Locale.ROOT, "%.3g%% CL confidence set for %s: %s", 100 * belt.cl(), poi,
        iv.length() == 0 ? "empty on this grid" : iv));
    save(c, png);
  }


  /** A log-scale y axis (for p-values). */
  public static void logY(XYPlot p, String label, double lower) {
    LogAxis y = new LogAxis(label);
    y.setLabelFont(LABEL);
    y.setTickLabelFont(TICK);
    y.setSmallestValue(lower);
    p.setRangeAxis(y);
  }
}
