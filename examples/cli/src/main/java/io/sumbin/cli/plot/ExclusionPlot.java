package io.sumbin.cli.plot;

import io.sumbin.histmodel.infer.Contours;
import io.sumbin.pyhf.PatchSetCls;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The exclusion plot of a SUSY-style search: observed CLs over the plane of the patch set's two
 * metadata values as coloured cells (log scale), with the CLs = 0.05 contours of the observed
 * (solid) and expected (dashed, with its ±1σ band as thin dashed lines) results, found by marching
 * squares on log CLs over the grid of points. One label gives CLs against that value instead.
 */
public final class ExclusionPlot {
  /** The exclusion level. */
  public static final double LEVEL = 0.05;

  private ExclusionPlot() {}

  /** Draws and writes the plot (PNG, atomically). */
  public static void save(List<PatchSetCls.PointResult> rs, List<String> labels, Path png, String title) {
    JFreeChart c = labels.size() == 2 ? plane(rs, labels, title) : line(rs, labels.get(0), title);
    Plots.save(c, png);
  }

  static JFreeChart line(List<PatchSetCls.PointResult> rs, String label, String title) {
    JFreeChart c = Plots.chart(title, label, "CLs");
    XYPlot p = c.getXYPlot();
    XYSeries obs = new XYSeries("observed", true, true);
    XYSeries exp = new XYSeries("expected", true, true);
    for (PatchSetCls.PointResult r : rs) {
      if (r.clsObs() > 0) {
        obs.add(r.values()[0], r.clsObs());
      }
      if (r.clsExp()[2] > 0) {
        exp.add(r.values()[0], r.clsExp()[2]);
      }
    }
    XYSeriesCollection d = new XYSeriesCollection();
    d.addSeries(obs);
    d.addSeries(exp);
    Plots.addLines(p, d, new Color[] {Color.BLACK, Plots.BLUE}, new BasicStroke[] {Plots.SOLID, Plots.DASHED}, true);
    p.setRangeAxis(Plots.powersOfTen("CLs", 1e-6));
    Plots.label(p.getRangeAxis(), "CL_{s}");
    Plots.hline(p, LEVEL, "CLs = 0.05", Plots.RED);
    return c;
  }

  static JFreeChart plane(List<PatchSetCls.PointResult> rs, List<String> labels, String title) {
    TreeSet<Double> xs = new TreeSet<>();
    TreeSet<Double> ys = new TreeSet<>();
    for (PatchSetCls.PointResult r : rs) {
      xs.add(r.values()[0]);
      ys.add(r.values()[1]);
    }
    double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    double[][] obs = grid(x.length, y.length);
    double[][][] exp = new double[3][][];
    for (int k = 0; k < 3; k++) {
      exp[k] = grid(x.length, y.length);
    }
    double[][] cells = new double[3][rs.size()];
    int n = 0;
    for (PatchSetCls.PointResult r : rs) {
      int i = java.util.Arrays.binarySearch(x, r.values()[0]);
      int j = java.util.Arrays.binarySearch(y, r.values()[1]);
      obs[i][j] = logCls(r.clsObs());
      exp[0][i][j] = logCls(r.clsExp()[1]);
      exp[1][i][j] = logCls(r.clsExp()[2]);
      exp[2][i][j] = logCls(r.clsExp()[3]);
      cells[0][n] = r.values()[0];
      cells[1][n] = r.values()[1];
      cells[2][n++] = Double.isFinite(r.clsObs()) ? Math.max(r.clsObs(), 1e-4) : Double.NaN;
    }
    JFreeChart c = Plots.chart(title, labels.get(0), labels.get(1));
    XYPlot p = c.getXYPlot();
    // contours first (dataset 0 is drawn on top)
    XYSeriesCollection lines = new XYSeriesCollection();
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    int s = 0;
    s = addContour(lines, lr, s, Contours.marchingSquares(x, y, obs, Math.log(LEVEL)), "observed CLs = 0.05", Color.BLACK, Plots.SOLID);
    s = addContour(lines, lr, s, Contours.marchingSquares(x, y, exp[1], Math.log(LEVEL)), "expected CLs = 0.05", Plots.RED, Plots.DASHED);
    s = addContour(lines, lr, s, Contours.marchingSquares(x, y, exp[0], Math.log(LEVEL)), "expected ±1σ", Plots.RED, Plots.THIN_DASHED);
    addContour(lines, lr, s, Contours.marchingSquares(x, y, exp[2], Math.log(LEVEL)), null, Plots.RED, Plots.THIN_DASHED);
    p.setDataset(0, lines);
    p.setRenderer(0, lr);
    DefaultXYZDataset z = new DefaultXYZDataset();
    z.addSeries("CLs", new double[][] {java.util.Arrays.copyOf(cells[0], n), java.util.Arrays.copyOf(cells[1], n),
        java.util.Arrays.copyOf(cells[2], n)});
    XYBlockRenderer br = new XYBlockRenderer();
    br.setBlockWidth(step(x));
    br.setBlockHeight(step(y));
    LookupPaintScale scale = new LookupPaintScale(1e-4, 1.0 + 1e-9, Color.WHITE);
    // logarithmic colour steps from 1e-4 to 1: dark (excluded) to light (allowed)
    for (int k = 0; k < 16; k++) {
      double lo = Math.pow(10, -4 + 4.0 * k / 16);
      float t = k / 15f;
      scale.add(lo, new Color(0.20f + 0.75f * t, 0.35f + 0.6f * t, 0.75f + 0.2f * t));
    }
    br.setPaintScale(scale);
    p.setDataset(1, z);
    p.setRenderer(1, br);
    br.setSeriesVisibleInLegend(0, false);
    org.jfree.chart.axis.LogAxis la = new org.jfree.chart.axis.LogAxis("observed CLs");
    la.setRange(1e-4, 1.0);
    la.setTickLabelFont(Plots.TICK);
    la.setLabelFont(Plots.NOTE);
    PaintScaleLegend legend = new PaintScaleLegend(scale, la);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(4, 4, 40, 4);
    legend.setStripWidth(18);
    c.addSubtitle(legend);
    double hx = step(x) / 2;
    double hy = step(y) / 2;
    p.getDomainAxis().setRange(x[0] - hx, x[x.length - 1] + hx);
    p.getRangeAxis().setRange(y[0] - hy, y[y.length - 1] + hy);
    return c;
  }

  private static int addContour(XYSeriesCollection lines, XYLineAndShapeRenderer r, int s, List<double[]> segs, String label,
      Color color, BasicStroke stroke) {
    boolean first = true;
    for (double[] sg : segs) {
      XYSeries ser = new XYSeries(first && label != null ? label : "seg" + s, false, true);
      ser.add(sg[0], sg[1]);
      ser.add(sg[2], sg[3]);
      lines.addSeries(ser);
      r.setSeriesPaint(s, color);
      r.setSeriesStroke(s, stroke);
      r.setSeriesVisibleInLegend(s, first && label != null);
      first = false;
      s++;
    }
    return s;
  }

  private static double[][] grid(int nx, int ny) {
    double[][] g = new double[nx][ny];
    for (double[] row : g) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    return g;
  }

  private static double logCls(double cls) {
    return Double.isFinite(cls) && cls > 0 ? Math.log(cls) : Double.NaN;
  }

  private static double step(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = 1; i < v.length; i++) {
      m = Math.min(m, v[i] - v[i - 1]);
    }
    return Double.isFinite(m) ? m : 1.0;
  }
}
