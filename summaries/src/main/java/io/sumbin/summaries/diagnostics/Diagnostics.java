package io.sumbin.summaries.diagnostics;

import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.RatioEstimator;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.weights.ParametrizedWeights;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Training and closure diagnostics, each as a data record (for tests and tables) and as a PNG
 * (JFreeChart, headless):
 *
 * <ul>
 *   <li>{@link #lossCurves}: training and validation loss per epoch, kept epoch marked;</li>
 *   <li>{@link #calibration}: in quantile bins of the predicted ratio r̂ (quantiles under θ₀), the
 *       θ₀-weighted mean of r̂ against the true ratio of the bin, Σ_b ŵ(θ)/Σ_b ŵ(θ₀) with
 *       ŵ = w/σ — a calibrated estimator lies on the diagonal (arXiv:1506.02169, 1805.00020);</li>
 *   <li>{@link #closure}: reweighting closure of each input observable — the θ₀ sample reweighted
 *       by r̂(x|θ, θ₀) against the θ sample (arXiv:1805.00020, Sec. 5);</li>
 *   <li>{@link #predictedVsExact}: per-event predicted versus exact labels (scatter) and the mean
 *       label in quantile bins of the prediction (for noisy joint labels this profile, not the
 *       scatter, must follow the diagonal).</li>
 * </ul>
 */
public final class Diagnostics {
  static {
    headless();
  }

  static final int WIDTH = 1000;
  static final int HEIGHT = 700;
  static final int MAX_SCATTER_POINTS = 4000;
  static final Color BLUE = new Color(31, 90, 180);
  static final Color RED = new Color(200, 30, 30);
  static final Color GREY = new Color(120, 120, 120);
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

  private Diagnostics() {}

  /**
   * One calibration bin set.
   *
   * @param predicted θ₀-weighted mean of r̂ in each bin
   * @param observed Σ ŵ(θ)/Σ ŵ(θ₀) in each bin
   * @param observedError its statistical error from Σŵ² (first-order propagation), with the uncertainty of
   *     the normalization Σw(θ)/Σw(θ₀) added in quadrature
   * @param fraction θ₀-weighted fraction of events in each bin
   */
  public record Calibration(double[] predicted, double[] observed, double[] observedError, double[] fraction) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    /** Largest |observed − predicted|/observedError over bins with a finite error. */
    public double maxPull() {
      double m = 0;
      for (int b = 0; b < predicted.length; b++) {
        if (observedError[b] > 0) {
          m = Math.max(m, Math.abs(observed[b] - predicted[b]) / observedError[b]);
        }
      }
      return m;
    }
  }

  /**
   * Closure histograms of one observable.
   *
   * @param feature observable name
   * @param edges bin edges (quantiles of the θ sample)
   * @param target normalized histogram of the θ sample
   * @param reweighted normalized histogram of the θ₀ sample weighted by r̂
   * @param reference normalized histogram of the θ₀ sample (no reweighting)
   * @param targetError statistical error of {@code target}
   */
  public record Closure(String feature, double[] edges, double[] target, double[] reweighted, double[] reference,
      double[] targetError) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    /** Largest |reweighted − target| relative to target. */
    public double maxRelativeDeviation() {
      double m = 0;
      for (int b = 0; b < target.length; b++) {
        if (target[b] > 0) {
          m = Math.max(m, Math.abs(reweighted[b] - target[b]) / target[b]);
        }
      }
      return m;
    }

    /** Same for the un-reweighted reference (how far θ₀ is from θ). */
    public double maxReferenceDeviation() {
      double m = 0;
      for (int b = 0; b < target.length; b++) {
        if (target[b] > 0) {
          m = Math.max(m, Math.abs(reference[b] - target[b]) / target[b]);
        }
      }
      return m;
    }
  }

  /**
   * The label profile of one output.
   *
   * @param predicted weighted mean prediction per quantile bin of the prediction
   * @param meanLabel weighted mean exact label in the same bins
   * @param rmsError weighted RMS of (prediction − label) over all events
   */
  public record LabelProfile(String name, double[] predicted, double[] meanLabel, double rmsError) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  // ---------------------------------------------------------------------------------------- loss

  /** Loss curves of one or more trainings (e.g. the members of an ensemble) as a PNG. */
  public static void lossCurves(List<TrainingHistory> histories, String title, Path png) {
    XYSeriesCollection data = new XYSeriesCollection();
    boolean positive = true;
    for (int k = 0; k < histories.size(); k++) {
      TrainingHistory h = histories.get(k);
      String suffix = histories.size() > 1 ? " " + (k + 1) : "";
      XYSeries t = new XYSeries("training" + suffix);
      XYSeries v = new XYSeries("validation" + suffix);
      double[] tl = h.trainLoss();
      double[] vl = h.validationLoss();
      for (int e = 0; e < tl.length; e++) {
        t.add(e + 1, tl[e]);
        positive &= tl[e] > 0;
        if (Double.isFinite(vl[e])) {
          v.add(e + 1, vl[e]);
          positive &= vl[e] > 0;
        }
      }
      data.addSeries(t);
      if (v.getItemCount() > 0) {
        data.addSeries(v);
      }
    }
    JFreeChart c = chart(title, "epoch", "loss", data, false);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      boolean val = data.getSeriesKey(s).toString().startsWith("validation");
      r.setSeriesPaint(s, val ? RED : BLUE);
      r.setSeriesStroke(s, val ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f)
          : new BasicStroke(2f));
    }
    c.getXYPlot().setRenderer(r);
    if (histories.size() == 1) {
      TrainingHistory h = histories.get(0);
      c.addSubtitle(new TextTitle(String.format(Locale.ROOT, "kept epoch %d, loss %.5g%s", h.bestEpoch() + 1, h.bestLoss(),
          h.stoppedEarly() ? " (early stop)" : ""), LABEL));
    }
    if (positive && data.getSeriesCount() > 0 && range(data) > 30) {
      LogAxis y = new LogAxis("loss");
      style(y);
      c.getXYPlot().setRangeAxis(y);
    }
    write(c, png);
  }

  // --------------------------------------------------------------------------------- calibration

  /**
   * Calibration bins.
   *
   * @param predictedLogRatio log r̂(x_i|θ, θ₀) per event (read)
   * @param weights0 w_i(θ₀) (read)
   * @param weights1 w_i(θ) of the same events (read)
   * @param bins number of quantile bins (≥ 2)
   */
  public static Calibration calibration(double[] predictedLogRatio, double[] weights0, double[] weights1, int bins) {
    int n = predictedLogRatio.length;
    if (weights0.length != n || weights1.length != n) {
      throw new IllegalArgumentException("calibration: " + n + " predictions, " + weights0.length + " and "
          + weights1.length + " weights");
    }
    if (bins < 2 || bins > n) {
      throw new IllegalArgumentException("calibration needs 2 ≤ bins ≤ events, got " + bins + " bins for " + n + " events");
    }
    double s0 = sum(weights0);
    double s1 = sum(weights1);
    if (!(s0 > 0) || !(s1 > 0)) {
      throw new IllegalArgumentException("calibration: the weight sums must be positive, got " + s0 + " and " + s1);
    }
    double[] edges = quantileEdges(predictedLogRatio, weights0, bins);
    double[] a = new double[bins];
    double[] b = new double[bins];
    double[] a2 = new double[bins];
    double[] b2 = new double[bins];
    double[] ab = new double[bins];
    double[] pr = new double[bins];
    for (int i = 0; i < n; i++) {
      int k = bin(edges, predictedLogRatio[i]);
      double w0 = weights0[i] / s0;
      double w1 = weights1[i] / s1;
      a[k] += w1;
      b[k] += w0;
      a2[k] += w1 * w1;
      b2[k] += w0 * w0;
      ab[k] += w0 * w1;
      pr[k] += w0 * Math.exp(predictedLogRatio[i]);
    }
    // relative uncertainty of the normalization S1/S0 (same first-order propagation over all events)
    double rTot = s1 / s0;
    double vTot = 0;
    for (int i = 0; i < n; i++) {
      double t = weights1[i] - rTot * weights0[i];
      vTot += t * t;
    }
    double relNorm = Math.sqrt(vTot) / s0 / rTot;
    double[] obs = new double[bins];
    double[] err = new double[bins];
    double[] pred = new double[bins];
    double[] frac = new double[bins];
    for (int k = 0; k < bins; k++) {
      obs[k] = a[k] / b[k];
      pred[k] = pr[k] / b[k];
      frac[k] = b[k];
      double v = a2[k] / (b[k] * b[k]) + a[k] * a[k] * b2[k] / Math.pow(b[k], 4) - 2 * a[k] * ab[k] / Math.pow(b[k], 3);
      err[k] = Math.sqrt(Math.max(v, 0) + Math.pow(obs[k] * relNorm, 2));
    }
    return new Calibration(pred, obs, err, frac);
  }

  /** Calibration of a ratio estimator on weighted events at one θ, with a PNG (null: no plot). */
  public static Calibration calibration(RatioEstimator r, FeatureMatrix x, ParametrizedWeights w, double[] theta, int bins,
      Path png) {
    double[] lr = r.logRatio(x, theta);
    Calibration c = calibration(lr, w.weights(r.referencePoint()), w.weights(theta), bins);
    if (png != null) {
      plotCalibration(c, "calibration at " + r.parameterNames() + " = " + Arrays.toString(theta), png);
    }
    return c;
  }

  /** Draws calibration bins: observed versus predicted, with the diagonal. */
  public static void plotCalibration(Calibration c, String title, Path png) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries s = new XYSeries("bins");
    XYSeries lo = new XYSeries("−1σ");
    XYSeries hi = new XYSeries("+1σ");
    XYSeries diag = new XYSeries("perfect calibration");
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (int k = 0; k < c.predicted().length; k++) {
      s.add(c.predicted()[k], c.observed()[k]);
      lo.add(c.predicted()[k], c.observed()[k] - c.observedError()[k]);
      hi.add(c.predicted()[k], c.observed()[k] + c.observedError()[k]);
      min = Math.min(min, Math.min(c.predicted()[k], c.observed()[k]));
      max = Math.max(max, Math.max(c.predicted()[k], c.observed()[k]));
    }
    diag.add(min, min);
    diag.add(max, max);
    data.addSeries(s);
    data.addSeries(lo);
    data.addSeries(hi);
    data.addSeries(diag);
    JFreeChart ch = chart(title, "mean predicted r̂ in bin", "true ratio of bin", data, true);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, BLUE);
    r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
    r.setSeriesStroke(0, new BasicStroke(1.5f));
    for (int k = 1; k <= 2; k++) {
      r.setSeriesPaint(k, BLUE);
      r.setSeriesShapesVisible(k, false);
      r.setSeriesStroke(k, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
    }
    r.setSeriesPaint(3, GREY);
    r.setSeriesShapesVisible(3, false);
    r.setSeriesStroke(3, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
    ch.getXYPlot().setRenderer(r);
    write(ch, png);
  }

  // ------------------------------------------------------------------------------------- closure

  /**
   * Reweighting closure of every input observable.
   *
   * @param x events (read): the same events carry weights at θ₀ and θ
   * @param logRatio log r̂(x_i|θ, θ₀) (read)
   * @param weights0 w_i(θ₀) (read)
   * @param weights1 w_i(θ) (read)
   * @param bins quantile bins per observable
   */
  public static List<Closure> closure(FeatureMatrix x, double[] logRatio, double[] weights0, double[] weights1, int bins) {
    int n = x.rows();
    if (logRatio.length != n || weights0.length != n || weights1.length != n) {
      throw new IllegalArgumentException("closure: " + n + " events, " + logRatio.length + " ratios, " + weights0.length
          + " and " + weights1.length + " weights");
    }
    if (bins < 1 || bins > n) {
      throw new IllegalArgumentException("closure needs 1 ≤ bins ≤ events, got " + bins);
    }
    double s0 = sum(weights0);
    double s1 = sum(weights1);
    double[] rw = new double[n];
    for (int i = 0; i < n; i++) {
      rw[i] = weights0[i] * Math.exp(logRatio[i]);
    }
    double sr = sum(rw);
    List<Closure> out = new ArrayList<>();
    for (int j = 0; j < x.cols(); j++) {
      double[] v = x.column(j);
      double[] edges = quantileEdges(v, weights1, bins);
      double[] t = new double[bins];
      double[] t2 = new double[bins];
      double[] r = new double[bins];
      double[] ref = new double[bins];
      for (int i = 0; i < n; i++) {
        int k = bin(edges, v[i]);
        t[k] += weights1[i] / s1;
        t2[k] += Math.pow(weights1[i] / s1, 2);
        r[k] += rw[i] / sr;
        ref[k] += weights0[i] / s0;
      }
      double[] te = new double[bins];
      for (int k = 0; k < bins; k++) {
        te[k] = Math.sqrt(t2[k]);
      }
      out.add(new Closure(x.names().get(j), edges, t, r, ref, te));
    }
    return out;
  }

  /** Closure of a ratio estimator at θ, with a PNG grid of all observables (null: no plot). */
  public static List<Closure> closure(RatioEstimator r, FeatureMatrix x, ParametrizedWeights w, double[] theta, int bins,
      Path png) {
    FeatureMatrix sel = x.select(r.inputNames());
    List<Closure> c = closure(sel, r.logRatio(sel, theta), w.weights(r.referencePoint()), w.weights(theta), bins);
    if (png != null) {
      plotClosure(c, "reweighting closure at " + r.parameterNames() + " = " + Arrays.toString(theta), png);
    }
    return c;
  }

  /** Draws closure histograms, one panel per observable. */
  public static void plotClosure(List<Closure> closures, String title, Path png) {
    List<JFreeChart> charts = new ArrayList<>();
    for (Closure c : closures) {
      XYSeriesCollection d = new XYSeriesCollection();
      d.addSeries(steps("θ sample", c.edges(), density(c.target(), c.edges())));
      d.addSeries(steps("θ₀ × r̂", c.edges(), density(c.reweighted(), c.edges())));
      d.addSeries(steps("θ₀ sample", c.edges(), density(c.reference(), c.edges())));
      JFreeChart ch = chart(c.feature(), c.feature(), "normalized density", d, true);
      XYStepRenderer r = new XYStepRenderer();
      r.setSeriesPaint(0, Color.BLACK);
      r.setSeriesStroke(0, new BasicStroke(2.5f));
      r.setSeriesPaint(1, RED);
      r.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
      r.setSeriesPaint(2, GREY);
      r.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
      ch.getXYPlot().setRenderer(r);
      double[] e = c.edges();
      int nb = e.length - 1;
      if (nb >= 4) {
        // long tails: show the inner bins plus one bin width on each side
        double lo = e[1] - (e[2] - e[1]);
        double hi = e[nb - 1] + (e[nb - 1] - e[nb - 2]);
        if (hi > lo) {
          ch.getXYPlot().getDomainAxis().setRange(Math.max(lo, e[0]), Math.min(hi, e[nb]));
        }
      }
      charts.add(ch);
    }
    grid(charts, title, png);
  }

  // ------------------------------------------------------------------------------------- labels

  /**
   * Predicted versus exact labels.
   *
   * @param predicted {@code [k][n]} (read)
   * @param exact {@code [k][n]} (read)
   * @param weights n event weights (read; |w| is used)
   * @param bins quantile bins of the profile
   */
  public static List<LabelProfile> predictedVsExact(List<String> names, double[][] predicted, double[][] exact,
      double[] weights, int bins) {
    if (predicted.length != names.size() || exact.length != names.size()) {
      throw new IllegalArgumentException("predicted vs exact: " + names.size() + " names, " + predicted.length
          + " predicted and " + exact.length + " exact columns");
    }
    List<LabelProfile> out = new ArrayList<>();
    double[] aw = new double[weights.length];
    for (int i = 0; i < aw.length; i++) {
      aw[i] = Math.abs(weights[i]);
    }
    for (int k = 0; k < names.size(); k++) {
      double[] p = predicted[k];
      double[] e = exact[k];
      if (p.length != weights.length || e.length != weights.length) {
        throw new IllegalArgumentException("'" + names.get(k) + "': " + p.length + " predictions, " + e.length
            + " labels, " + weights.length + " weights");
      }
      double[] edges = quantileEdges(p, aw, bins);
      double[] sw = new double[bins];
      double[] sp = new double[bins];
      double[] se = new double[bins];
      double sq = 0;
      double tw = 0;
      for (int i = 0; i < p.length; i++) {
        int b = bin(edges, p[i]);
        sw[b] += aw[i];
        sp[b] += aw[i] * p[i];
        se[b] += aw[i] * e[i];
        sq += aw[i] * (p[i] - e[i]) * (p[i] - e[i]);
        tw += aw[i];
      }
      for (int b = 0; b < bins; b++) {
        sp[b] = sw[b] > 0 ? sp[b] / sw[b] : Double.NaN;
        se[b] = sw[b] > 0 ? se[b] / sw[b] : Double.NaN;
      }
      out.add(new LabelProfile(names.get(k), sp, se, Math.sqrt(sq / tw)));
    }
    return out;
  }

  /** Predicted versus exact labels with a PNG grid (one panel per label; null: no plot). */
  public static List<LabelProfile> predictedVsExact(List<String> names, double[][] predicted, double[][] exact,
      double[] weights, int bins, Path png) {
    List<LabelProfile> prof = predictedVsExact(names, predicted, exact, weights, bins);
    if (png != null) {
      List<JFreeChart> charts = new ArrayList<>();
      SplittableRandom rng = new SplittableRandom(1);
      int n = weights.length;
      for (int k = 0; k < names.size(); k++) {
        XYSeriesCollection d = new XYSeriesCollection();
        XYSeries sc = new XYSeries("events", false);
        int step = Math.max(1, n / MAX_SCATTER_POINTS);
        int off = n > 0 ? rng.nextInt(step) : 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = off; i < n; i += step) {
          sc.add(exact[k][i], predicted[k][i]);
        }
        XYSeries pf = new XYSeries("mean label per bin", false);
        LabelProfile p = prof.get(k);
        for (int b = 0; b < p.predicted().length; b++) {
          if (Double.isFinite(p.predicted()[b])) {
            pf.add(p.meanLabel()[b], p.predicted()[b]);
            lo = Math.min(lo, Math.min(p.meanLabel()[b], p.predicted()[b]));
            hi = Math.max(hi, Math.max(p.meanLabel()[b], p.predicted()[b]));
          }
        }
        XYSeries diag = new XYSeries("diagonal");
        if (lo < hi) {
          diag.add(lo, lo);
          diag.add(hi, hi);
        }
        d.addSeries(sc);
        d.addSeries(pf);
        d.addSeries(diag);
        JFreeChart ch = chart(names.get(k) + String.format(Locale.ROOT, " (RMS %.3g)", p.rmsError()), "exact label",
            "prediction", d, true);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShape(0, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
        r.setSeriesPaint(0, new Color(31, 90, 180, 90));
        r.setSeriesPaint(1, RED);
        r.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        r.setSeriesStroke(1, new BasicStroke(2f));
        r.setSeriesPaint(2, GREY);
        r.setSeriesShapesVisible(2, false);
        ch.getXYPlot().setRenderer(r);
        charts.add(ch);
      }
      grid(charts, "predicted versus exact labels", png);
    }
    return prof;
  }

  // ------------------------------------------------------------------------------------ helpers

  private static double range(XYSeriesCollection d) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int s = 0; s < d.getSeriesCount(); s++) {
      for (int i = 0; i < d.getItemCount(s); i++) {
        double y = d.getYValue(s, i);
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
    }
    return hi / lo;
  }

  private static double[] density(double[] frac, double[] edges) {
    double[] d = new double[frac.length];
    for (int b = 0; b < d.length; b++) {
      double w = edges[b + 1] - edges[b];
      d[b] = w > 0 ? frac[b] / w : 0;
    }
    return d;
  }

  private static XYSeries steps(String name, double[] edges, double[] h) {
    XYSeries s = new XYSeries(name, false);
    for (int b = 0; b < h.length; b++) {
      s.add(edges[b], h[b]);
    }
    if (h.length > 0) {
      s.add(edges[h.length], h[h.length - 1]);
    }
    return s;
  }

  /** Bin edges at weighted quantiles (|w|) of v; ties collapse into fewer distinct edges only in degenerate cases. */
  static double[] quantileEdges(double[] v, double[] w, int bins) {
    int n = v.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
    double total = 0;
    for (double x : w) {
      total += Math.abs(x);
    }
    double[] edges = new double[bins + 1];
    edges[0] = v[idx[0]];
    edges[bins] = v[idx[n - 1]];
    double cum = 0;
    int k = 1;
    for (int j = 0; j < n && k < bins; j++) {
      cum += Math.abs(w[idx[j]]);
      while (k < bins && cum >= total * k / bins) {
        edges[k] = j + 1 < n ? 0.5 * (v[idx[j]] + v[idx[j + 1]]) : v[idx[j]];
        k++;
      }
    }
    for (; k < bins; k++) {
      edges[k] = edges[bins];
    }
    return edges;
  }

  static int bin(double[] edges, double v) {
    int nb = edges.length - 1;
    int k = Arrays.binarySearch(edges, 1, nb, v);
    int b = k >= 0 ? k : -k - 2;
    return Math.max(0, Math.min(nb - 1, b));
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  private static JFreeChart chart(String title, String xLabel, String yLabel, XYSeriesCollection data, boolean legend) {
    headless();
    NumberAxis x = new NumberAxis(xLabel);
    NumberAxis y = new NumberAxis(yLabel);
    x.setAutoRangeIncludesZero(false);
    y.setAutoRangeIncludesZero(false);
    style(x);
    style(y);
    XYPlot plot = new XYPlot(data, x, y, new XYLineAndShapeRenderer(true, false));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    JFreeChart c = new JFreeChart(title, TITLE, plot, true);
    c.setBackgroundPaint(Color.WHITE);
    if (c.getLegend() != null) {
      c.getLegend().setItemFont(TICK);
      c.getLegend().setVisible(legend || data.getSeriesCount() > 1);
    }
    return c;
  }

  private static void style(ValueAxis a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICK);
  }

  private static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static void write(JFreeChart c, Path png) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    c.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    g.dispose();
    save(img, png);
  }

  private static void grid(List<JFreeChart> charts, String title, Path png) {
    int n = Math.max(1, charts.size());
    int cols = (int) Math.ceil(Math.sqrt(n));
    int rows = (int) Math.ceil(n / (double) cols);
    int w = 600;
    int h = 450;
    int top = 40;
    BufferedImage img = new BufferedImage(cols * w, rows * h + top, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(TITLE);
    g.drawString(title, 20, 28);
    for (int k = 0; k < charts.size(); k++) {
      charts.get(k).draw(g, new Rectangle2D.Double((k % cols) * w, top + (k / cols) * h, w, h));
    }
    g.dispose();
    save(img, png);
  }

  private static void save(BufferedImage img, Path png) {
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(img, "png", png.toFile())) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }
}
