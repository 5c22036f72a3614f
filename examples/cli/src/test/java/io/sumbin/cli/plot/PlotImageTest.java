package io.sumbin.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.infer.toys.ToyResult;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.junit.jupiter.api.Test;

/**
 * The plots the field reads at a glance, rendered in-process: sizes, non-empty data areas (pixel
 * statistics), legends with the marked values, Greek symbols in the axis labels, at most six series
 * per panel.
 */
class PlotImageTest {

  /** Fraction of pixels in a rectangle that differ from white. */
  static double inked(BufferedImage img, Rectangle2D r) {
    int n = 0;
    int ink = 0;
    for (int x = (int) Math.ceil(r.getMinX()) + 2; x < (int) r.getMaxX() - 2; x++) {
      for (int y = (int) Math.ceil(r.getMinY()) + 2; y < (int) r.getMaxY() - 2; y++) {
        n++;
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          ink++;
        }
      }
    }
    return n == 0 ? 0 : ink / (double) n;
  }

  static List<String> legendLabels(LegendItemCollection items) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.getItemCount(); i++) {
      LegendItem li = items.get(i);
      out.add(li.getLabel());
    }
    return out;
  }

  /** The union of the drawn legend items (from the rendering info's entities). */
  static Rectangle2D legendArea(ChartRenderingInfo info) {
    Rectangle2D r = null;
    for (Object o : info.getEntityCollection().getEntities()) {
      if (o instanceof org.jfree.chart.entity.LegendItemEntity e) {
        Rectangle2D b = e.getArea().getBounds2D();
        r = r == null ? b : r.createUnion(b);
      }
    }
    assertThat(r).as("legend drawn").isNotNull();
    return r;
  }

  static FitResult fit(String par, double best) {
    return new FitResult(List.of(par), new double[] {best}, new double[] {0.3}, new double[] {0.09}, 10, true, true, 0, 1, 1, "");
  }

  /** A parabola Δ = ((μ − 0.9)/0.55)² on [0, 3]: the 95% lower edge lies below μ = 0, the POI's bound. */
  static ProfileScan boundedScan() {
    int n = 31;
    double[] v = new double[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.1 * i;
      d[i] = Math.pow((v[i] - 0.9) / 0.55, 2);
    }
    double s95 = Math.sqrt(ProfileLikelihood.DELTA_95_1D);
    return new ProfileScan("mu", 0, v, d, fit("mu", 0.9), new FitResult[0], new double[] {0.9 - 0.55, 0.9 + 0.55},
        new double[] {Double.NaN, 0.9 + 0.55 * s95}, true, "");
  }

  @Test
  void scanMarksTheBestFitClipsTheRangeAndNamesTheBoundEdge() {
    ProfileScan s = boundedScan();
    double[] bounds = {0, 10};
    assertThat(Plots.atBound(s, s.interval95(), ProfileLikelihood.DELTA_95_1D, 0, 10)).containsExactly(true, false);
    assertThat(Plots.atBound(s, s.interval68(), ProfileLikelihood.DELTA_68_1D, 0, 10)).containsExactly(false, false);
    // a grid that does not start at the bound: the NaN edge is beyond the scan, not at the bound
    assertThat(Plots.atBound(s, s.interval95(), ProfileLikelihood.DELTA_95_1D, -5, 10)).containsExactly(false, false);
    JFreeChart c = Plots.scanChart(s, bounds, "Profile likelihood of μ");
    XYPlot p = c.getXYPlot();
    assertThat(p.getDomainAxis().getLabel()).isEqualTo("μ");
    assertThat(p.getRangeAxis().getUpperBound()).isCloseTo(1.5 * ProfileLikelihood.DELTA_95_1D, within(1e-12));
    assertThat(legendLabels(p.getLegendItems())).anyMatch(l -> l.startsWith("best fit μ = 0.9"));
    String note = ((TextTitle) c.getSubtitle(1)).getText();
    assertThat(note).contains("95%: [0 (bound), 1.98]").doesNotContain("NaN");
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage img = c.createBufferedImage(Plots.WIDTH, Plots.HEIGHT, info);
    assertThat(img.getWidth()).isEqualTo(1000);
    Rectangle2D data = info.getPlotInfo().getDataArea();
    assertThat(data.getWidth()).isGreaterThan(700);
    assertThat(inked(img, data)).isBetween(0.01, 0.5);
    assertThat(inked(img, legendArea(info))).isGreaterThan(0.01);
  }

  static ToyResult toy(String hyp, int i, double t) {
    return new ToyResult(hyp, i, i, TestStatistic.QTILDE, 1, hyp.equals("sb") ? 1 : 0, t, 0.5, true, 0, t);
  }

  /** Toys of q̃ at μ = 1: s+b ~ χ²₁-like, b shifted; the observed t is exactly 0 (on the axis before the fix). */
  static ToyDistributions toys(double tObs) {
    List<ToyResult> sb = new ArrayList<>();
    List<ToyResult> b = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double z = io.sumbin.histmodel.infer.Normal.ppf((i + 0.5) / 400);
      sb.add(toy("sb", i, z > 0 ? z * z : 0));
      double zb = z + 2;
      b.add(toy("b", i, zb > 0 ? zb * zb : 0));
    }
    return new ToyDistributions(1, TestStatistic.QTILDE, toy("obs", 0, tObs), sb, b, true, "");
  }

  @Test
  void toysShowTheObservedValueAsAVisibleLineInTheLegendWithSymbolsAndPowersOfTen() {
    JFreeChart c = Plots.toyChart(toys(0), 0.5, "mu", "Toy distributions of q̃μ at μ = 1");
    XYPlot p = c.getXYPlot();
    assertThat(p.getDomainAxis().getLabel()).contains("q\u0303").contains("μ").doesNotContain("qtilde");
    assertThat(p.getDomainAxis().getAttributedLabel()).isNotNull();
    assertThat(p.getRangeAxis()).isInstanceOf(LogAxis.class);
    assertThat(((LogAxis) p.getRangeAxis()).getBaseSymbol()).isEqualTo("10");
    assertThat(((LogAxis) p.getRangeAxis()).getNumberFormatOverride()).isNull();
    List<String> legend = legendLabels(p.getLegendItems());
    assertThat(legend).anyMatch(l -> l.startsWith("observed q\u0303μ = 0")).anyMatch(l -> l.contains("μ = 1"));
    assertThat(legend).noneMatch(l -> l.contains("mu"));
    assertThat(legend.size()).isLessThanOrEqualTo(6);
    java.util.Collection<?> markers = p.getDomainMarkers(Layer.FOREGROUND);
    assertThat(markers).anyMatch(m -> ((ValueMarker) m).getValue() == 0.0);
    // the observed line at t = 0 lies inside the frame: a dark column in the data area
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage img = c.createBufferedImage(Plots.WIDTH, Plots.HEIGHT, info);
    Rectangle2D data = info.getPlotInfo().getDataArea();
    int x0 = (int) Math.round(p.getDomainAxis().valueToJava2D(0, data, RectangleEdge.BOTTOM));
    assertThat(x0).isGreaterThan((int) data.getMinX() + 3);
    int dark = 0;
    int h = 0;
    for (int y = (int) data.getMinY() + 2; y < data.getMaxY() - 2; y++) {
      h++;
      boolean hit = false;
      for (int dx = -1; dx <= 1; dx++) {
        Color col = new Color(img.getRGB(x0 + dx, y));
        hit |= col.getRed() < 80 && col.getGreen() < 80 && col.getBlue() < 80;
      }
      dark += hit ? 1 : 0;
    }
    assertThat(dark / (double) h).isGreaterThan(0.8);
    assertThat(inked(img, data)).isBetween(0.01, 0.5);
  }

  /** Parabolas t = I c², each on its own grid of ±4/√I (as the comparison scans them). */
  static List<ComparisonPlots.Curve> parabolas(double... informations) {
    List<ComparisonPlots.Curve> out = new ArrayList<>();
    for (int k = 0; k < informations.length; k++) {
      double[] v = new double[81];
      double[] t = new double[81];
      double half = 4 / Math.sqrt(informations[k]);
      for (int i = 0; i < 81; i++) {
        v[i] = -half + half * i / 40;
        t[i] = informations[k] * v[i] * v[i];
      }
      out.add(new ComparisonPlots.Curve("method " + k + " r̂(x|c')", v, t, 1 / Math.sqrt(informations[k]), informations[k]));
    }
    return out;
  }

  @Test
  void comparisonHasARatioPanelThatSeparatesCurvesOnTopOfEachOther() {
    double[] info = {0.96e5, 1.96e5, 1.91e5, 1.99e5, 2.01e5};
    JFreeChart c = ComparisonPlots.curvesChart(parabolas(info), 4, 0, "c", "Expected t(c)", "note");
    CombinedDomainXYPlot both = (CombinedDomainXYPlot) c.getPlot();
    List<XYPlot> panels = both.getSubplots();
    assertThat(panels).hasSize(2);
    for (XYPlot p : panels) {
      int series = 0;
      for (int d = 0; d < p.getDatasetCount(); d++) {
        series += p.getDataset(d) == null ? 0 : p.getDataset(d).getSeriesCount();
      }
      assertThat(series).isLessThanOrEqualTo(6);
    }
    // the ratio of two parabolas is the ratio of their informations, constant in c
    XYPlot ratio = panels.get(1);
    for (int k = 0; k < info.length; k++) {
      // each curve on its own grid against the exact quadratic: a parabola's ratio is I/I_exact, at every point
      for (int i = 0; i < ratio.getDataset(0).getItemCount(k); i++) {
        assertThat(ratio.getDataset(0).getYValue(k, i)).isCloseTo(info[k] / info[4], within(1e-9));
      }
    }
    assertThat(ratio.getRangeAxis().getLowerBound()).isLessThan(0.48).isGreaterThanOrEqualTo(0);
    assertThat(ratio.getRangeAxis()).isNotInstanceOf(LogAxis.class);
    // an exact curve 20 times narrower (vbf cHB at the noise floor): the ratios spread, the axis turns logarithmic
    JFreeChart wide = ComparisonPlots.curvesChart(parabolas(241, 322, 337, 263, 49171), 4, 0, "cHB", "t", "note");
    XYPlot wr = (XYPlot) ((CombinedDomainXYPlot) wide.getPlot()).getSubplots().get(1);
    assertThat(wr.getRangeAxis()).isInstanceOf(LogAxis.class);
    assertThat(wr.getRangeAxis().getLowerBound()).isLessThan(241.0 / 49171);
    assertThat(legendLabels(both.getLegendItems())).hasSize(5);
    ChartRenderingInfo ri = new ChartRenderingInfo();
    BufferedImage img = c.createBufferedImage(Plots.WIDTH, ComparisonPlots.CURVES_HEIGHT, ri);
    assertThat(img.getHeight()).isEqualTo(900);
    assertThat(ri.getPlotInfo().getSubplotCount()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      assertThat(inked(img, ri.getPlotInfo().getSubplotInfo(i).getDataArea())).isBetween(0.005, 0.6);
    }
    assertThat(inked(img, legendArea(ri))).isGreaterThan(0.01);
  }

  @Test
  void aCurveFarFromAParabolaSaysSoInItsLegend() {
    // information 263 at the truth (1/√I = 0.062) but a 68% half-width of 0.113: the curve flattens
    ComparisonPlots.Curve flat = new ComparisonPlots.Curve("unbinned, learned ratio", new double[] {0}, new double[] {0}, 0.113, 263);
    assertThat(flat.legend()).isEqualTo("unbinned, learned ratio (68%: ±0.113; not parabolic: 1/√I = 0.0617)");
    ComparisonPlots.Curve par = new ComparisonPlots.Curve("histogram", new double[] {0}, new double[] {0}, 0.0644, 241);
    assertThat(par.legend()).isEqualTo("histogram (68%: ±0.0644)");
  }

  @Test
  void fisherBarsCarryTheirErrors() {
    JFreeChart c = ComparisonPlots.fisherChart(List.of("a", "b"), List.of(new double[] {0.48, 0.006}, new double[] {1, 0.008}), "t");
    CategoryPlot p = c.getCategoryPlot();
    assertThat(p.getRenderer()).isInstanceOf(StatisticalBarRenderer.class);
    StatisticalCategoryDataset d = (StatisticalCategoryDataset) p.getDataset();
    assertThat(d.getStdDevValue(0, 0).doubleValue()).isEqualTo(0.006);
    assertThat(p.getRenderer().getDefaultItemLabelGenerator().generateLabel(d, 0, 0)).isEqualTo("0.480 ± 0.006");
    ChartRenderingInfo ri = new ChartRenderingInfo();
    BufferedImage img = c.createBufferedImage(Plots.WIDTH, Plots.HEIGHT, ri);
    assertThat(inked(img, ri.getPlotInfo().getDataArea())).isBetween(0.05, 0.8);
  }

  @Test
  void trainingShowsAbsoluteMetricsPerNetworkWithTheKeptEpoch() {
    double[] a = {1.80e5, 1.95e5, 1.97e5, 1.96e5};
    double[] b = {-0.39, -0.45, -0.466, -0.46};
    JFreeChart c = ComparisonPlots.trainingChart(a, b);
    CombinedDomainXYPlot both = (CombinedDomainXYPlot) c.getPlot();
    assertThat(both.getSubplots()).hasSize(2);
    List<String> legend = legendLabels(both.getLegendItems());
    assertThat(legend).anyMatch(l -> l.startsWith("kept epoch 3 of derivative")).anyMatch(l -> l.startsWith("kept epoch 1 of event2vec"));
    XYPlot top = (XYPlot) both.getSubplots().get(0);
    assertThat(top.getRangeAxis().getLabel()).doesNotContain("relative");
    assertThat(top.getDataset(0).getYValue(0, 2)).isEqualTo(1.97e5);
    ChartRenderingInfo ri = new ChartRenderingInfo();
    BufferedImage img = c.createBufferedImage(Plots.WIDTH, 800, ri);
    for (int i = 0; i < 2; i++) {
      assertThat(inked(img, ri.getPlotInfo().getSubplotInfo(i).getDataArea())).isBetween(0.005, 0.6);
    }
  }

  @Test
  void observedScanMarksBestFitAndTruthAndClipsTheRange() {
    int n = 41;
    double[][] th = new double[n][1];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      th[i][0] = -0.012 + 0.0006 * i;
      t[i] = Math.pow((th[i][0] - 0.0048) / 0.0023, 2);
    }
    JFreeChart c = ComparisonPlots.observedChart(th, t, new double[] {0.0025, 0.0071}, new double[] {0.0003, 0.0093}, 0.003);
    XYPlot p = c.getXYPlot();
    assertThat(p.getRangeAxis().getUpperBound()).isCloseTo(1.5 * ProfileLikelihood.DELTA_95_1D, within(1e-12));
    List<String> legend = legendLabels(p.getLegendItems());
    assertThat(legend).anyMatch(l -> l.startsWith("best fit c′ = 0.0048")).anyMatch(l -> l.startsWith("truth c = 0.003"));
    java.util.Collection<?> markers = p.getDomainMarkers(Layer.FOREGROUND);
    assertThat(markers).anyMatch(m -> ((Marker) m) instanceof ValueMarker vm && vm.getValue() == 0.003);
    // x zooms onto the part of the curve inside the y range (t ≤ 5.76 for |c′ − 0.0048| ≤ 0.0055), not the whole grid
    assertThat(p.getDomainAxis().getLowerBound()).isGreaterThan(-0.0025).isLessThan(-0.0006);
    assertThat(p.getDomainAxis().getUpperBound()).isGreaterThan(0.0103).isLessThan(0.0122);
  }

  @Test
  void markdownCellsEscapeThePipe() {
    String row = "| " + Plots.cell("learned r̂(x|c'), binned") + " | 1 |";
    assertThat(row).contains("r̂(x\\|c')");
    // the row has exactly three unescaped separators: two cells
    assertThat(row.replace("\\|", "").chars().filter(ch -> ch == '|').count()).isEqualTo(3);
  }

  @Test
  void studyPlotsSplitFifteenSeriesIntoPanelsOfAtMostSix() {
    java.util.Map<StudyPlots.Key, org.jfree.data.xy.XYSeries> series = new java.util.LinkedHashMap<>();
    String[] obs = {"optimal", "m_jj", "m_jj [0, 2500]", "pt_h", "dphi_jj"};
    String[] st = {"uniform", "quantile", "min-mcstat 0.05"};
    for (int o = 0; o < obs.length; o++) {
      for (int k = 0; k < st.length; k++) {
        org.jfree.data.xy.XYSeries s = new org.jfree.data.xy.XYSeries(obs[o] + " · " + st[k], true, true);
        for (int b : new int[] {2, 4, 8, 16}) {
          s.add(b, 0.02 / (1 + o) / Math.sqrt(b) + 0.001 * k);
        }
        series.put(new StudyPlots.Key(obs[o], st[k], false), s);
      }
    }
    JFreeChart c = Plots.chart("study", "bins", "68% CL width of cHW");
    XYPlot p = c.getXYPlot();
    List<XYPlot> panels = StudyPlots.panels(p, series);
    assertThat(panels).hasSize(3);
    for (XYPlot q : panels) {
      assertThat(q.getDataset(0).getSeriesCount()).isLessThanOrEqualTo(StudyPlots.MAX_SERIES_PER_PANEL).isEqualTo(5);
      // the same observable has the same colour in every panel
      assertThat(q.getRenderer(0).getSeriesPaint(1)).isEqualTo(panels.get(0).getRenderer(0).getSeriesPaint(1));
    }
    JFreeChart combined = StudyPlots.combine(c, p, panels);
    assertThat(legendLabels(combined.getPlot().getLegendItems())).containsExactly(obs);
    ChartRenderingInfo ri = new ChartRenderingInfo();
    BufferedImage img = combined.createBufferedImage(Plots.WIDTH, 260 + 300 * 3, ri);
    for (int i = 0; i < 3; i++) {
      assertThat(inked(img, ri.getPlotInfo().getSubplotInfo(i).getDataArea())).isBetween(0.005, 0.6);
    }
    // six series or fewer stay in one panel
    java.util.Map<StudyPlots.Key, org.jfree.data.xy.XYSeries> few = new java.util.LinkedHashMap<>();
    series.entrySet().stream().limit(6).forEach(e -> few.put(e.getKey(), e.getValue()));
    assertThat(StudyPlots.panels(p, few)).containsExactly(p);
  }
}
