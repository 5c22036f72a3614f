package io.sumbin.eft.unbinned;

import io.sumbin.binning.EventTable;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.EventTables;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.shape.ShapeRatio;
import io.sumbin.summaries.shape.ShapeRatios;
import io.sumbin.summaries.shape.ShapeTraining;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds learned shape systematics to an unbinned model (ATLAS NSBI master formula, arXiv:2412.01600):
 *
 * <pre>
 *   s_i = Σ_J ν_J(θ) Π_m G_Jm(α_m) · r_J(x_i) Π_m ĝ_Jm(x_i, α_m)
 * </pre>
 *
 * For every process J and systematic m, {@link ShapeRatios#train} learns ĝ_Jm(x, ±1) from the nominal
 * and varied events of J; this class evaluates it on the model's events, renormalises it there and calls
 * {@code builder.shape(J, m, up, down)} (vertical code-4p interpolation in α_m) and, when the varied
 * samples change the rate, {@code builder.norm(J, m, G(+1), G(−1))} (code 4) with G(±1) = Σw_±/Σw_0.
 * Nuisance parameters not yet declared on the builder are declared (unit Gaussian constraint).
 *
 * <p>Renormalisation on the model events: with reference weights ω the model computes
 * I_J(α) = Σ_i ω_i r_J(x_i) Π ĝ(x_i, α); dividing ĝ by Σω r ĝ/Σω r makes I_J(±1) = I_J(0) exactly, so the
 * rate comes from G only (the convention of {@link ShapeRatio}). Without reference weights, or for a pure
 * interference component (Σω r ≈ 0), the held-out normalisation of the ratio is kept.
 *
 * <pre>{@code
 * UnbinnedModel.Builder b = UnbinnedModel.builder(events.size()).poi("cHW", 0, -2, 2).referenceWeights(omega);
 * int bkg = b.component("bkg", 1000, new Coefficient.Monomial(List.of()), rBkg);
 * LearnedShapes.Report r = LearnedShapes.addTo(b, events, omega,
 *     List.of(new LearnedShapes.Process(bkg, "bkg", bkgNominal, rBkg,
 *         List.of(new LearnedShapes.Variation("jes", bkgJesUp, bkgJesDown)))),
 *     ShapeTraining.of(List.of("m_jj", "pt_j1"), TrainingSettings.DEFAULT), null);
 * UnbinnedModel m = b.build();
 * }</pre>
 */
public final class LearnedShapes {
  private LearnedShapes() {}

  /**
   * The varied samples of one systematic of one process.
   *
   * @param systematic nuisance-parameter name α_m
   * @param up events (with weights) at α = +1
   * @param down events at α = −1
   */
  public record Variation(String systematic, EventTable up, EventTable down) {}

  /**
   * One process's shape systematics.
   *
   * @param component the component index returned by {@code Builder.component}
   * @param process name (for messages and saved models)
   * @param nominal the process's nominal events with their weights
   * @param ratio r_J(x_i) on the model's events as given to the builder (null = 1); used to renormalise
   * @param variations its systematics
   */
  public record Process(int component, String process, EventTable nominal, float[] ratio, List<Variation> variations) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Process {
      variations = List.copyOf(variations);
    }
  }

  /**
   * What was added for one direction (α = +1 or −1) of one (process, systematic).
   *
   * @param rate G(±1) = Σw_±/Σw_0 with its error
   * @param closure held-out checks of ĝ(±1) ({@link ShapeRatio.Closure})
   * @param modelNormalization divisor Σω r ĝ/Σω r applied on the model events (1 when not renormalised there)
   */
  public record Direction(ShapeRatio.Rate rate, ShapeRatio.Closure closure, double modelNormalization) {}

  /**
   * What was added for one (process, systematic).
   *
   * @param component the builder's component index
   * @param up the α = +1 column; {@code down} the α = −1 column
   * @param normAdded whether a normalisation effect G was added
   * @param seconds training time (0 for a ratio trained elsewhere)
   * @param savedTo directory the ratio was saved to, or null
   */
  public record Entry(String process, String systematic, int component, Direction up, Direction down, boolean normAdded,
      double seconds, Path savedTo) {
    /** This entry with its training time and save directory. */
    public Entry withTraining(double sec, Path dir) {
      return new Entry(process, systematic, component, up, down, normAdded, sec, dir);
    }
  }

  /** All entries, in the order trained, and the total time. */
  public record Report(List<Entry> entries, double seconds) {
    public Report {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Trains ĝ for every (process, systematic) and adds shapes and rates to {@code b}, without saving
   * the ratios.
   *
   * @param b the builder (components already added; nuisance parameters declared here if missing)
   * @param modelEvents the model's events (same order and count as the builder's), with the feature columns
   * @param referenceWeights the builder's reference weights ω (read; null if none)
   * @param processes processes and their varied samples
   * @param how features, network, calibration (one seed for all trainings)
   * @return the entries, in the order trained, and the total time
   */
  public static Report addTo(UnbinnedModel.Builder b, EventTable modelEvents, float[] referenceWeights,
      List<Process> processes, ShapeTraining how) {
    return addTo(b, modelEvents, referenceWeights, processes, how, null);
  }

  /**
   * Trains ĝ for every (process, systematic) and adds shapes and rates to {@code b}.
   *
   * @param b the builder (components already added; nuisance parameters declared here if missing)
   * @param modelEvents the model's events (same order and count as the builder's), with the feature columns
   * @param referenceWeights the builder's reference weights ω (read; null if none)
   * @param processes processes and their varied samples
   * @param how features, network, calibration (one seed for all trainings)
   * @param saveDir if not null, every ratio is saved to {@code saveDir/<process>__<systematic>}
   */
  public static Report addTo(UnbinnedModel.Builder b, EventTable modelEvents, float[] referenceWeights,
      List<Process> processes, ShapeTraining how, Path saveDir) {
    long t0 = System.nanoTime();
    FeatureMatrix x = EventTables.features(modelEvents, how.features());
    List<Entry> out = new ArrayList<>();
    for (Process p : processes) {
      for (Variation v : p.variations()) {
        long t1 = System.nanoTime();
        try (ShapeRatio g = ShapeRatios.train(p.process(), v.systematic(), p.nominal(), v.up(), v.down(), how)) {
          double sec = (System.nanoTime() - t1) / 1e9;
          Path dir = null;
          if (saveDir != null) {
            dir = saveDir.resolve(p.process() + "__" + v.systematic());
            g.save(dir);
          }
          Entry e = addShape(b, p.component(), g, x, referenceWeights, p.ratio(), true);
          out.add(e.withTraining(sec, dir));
        }
      }
    }
    return new Report(out, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Adds one trained (or loaded) ratio to component {@code component}.
   *
   * @param x features of the model's events (selected by the ratio's feature names)
   * @param referenceWeights ω (read; null if none)
   * @param ratio r_J on the model events (read; null = 1)
   * @param withRate add {@code norm(component, systematic, G(+1), G(−1))} when G differs from 1
   */
  public static Entry addShape(UnbinnedModel.Builder b, int component, ShapeRatio g, FeatureMatrix x,
      float[] referenceWeights, float[] ratio, boolean withRate) {
    ShapeRatio.Columns c = g.columns(x);
    double[] n = addColumns(b, component, g.systematic(), c.up(), c.down(), withRate ? g.rateUp().value() : 1.0,
        withRate ? g.rateDown().value() : 1.0, referenceWeights, ratio);
    boolean norm = withRate && rateMatters(g.rateUp().value(), g.rateDown().value());
    return new Entry(g.process(), g.systematic(), component, new Direction(g.rateUp(), g.closureUp(), n[0]),
        new Direction(g.rateDown(), g.closureDown(), n[1]), norm, 0, null);
  }

  /**
   * Adds given shape columns (learned or exact) the way {@link #addShape} does: renormalised on the model
   * events when reference weights are given, the nuisance declared if missing, a normalisation effect
   * when {@code rateUp} or {@code rateDown} differs from 1.
   *
   * @param up g(x_i, +1) (read and rescaled in place by the renormalisation)
   * @param down g(x_i, −1) (read and rescaled in place)
   * @return the divisors {up, down} applied (1 when not renormalised)
   */
  public static double[] addColumns(UnbinnedModel.Builder b, int component, String systematic, float[] up, float[] down,
      double rateUp, double rateDown, float[] referenceWeights, float[] ratio) {
    double nUp = 1;
    double nDown = 1;
    if (referenceWeights != null) {
      if (referenceWeights.length != up.length || down.length != up.length || (ratio != null && ratio.length != up.length)) {
        throw new IllegalArgumentException("shape " + systematic + " of component " + component + ": " + up.length
            + " up and " + down.length + " down values for " + referenceWeights.length + " reference weights"
            + (ratio == null ? "" : " and " + ratio.length + " ratio values"));
      }
      double s = 0;
      double sa = 0;
      double su = 0;
      double sd = 0;
      for (int i = 0; i < up.length; i++) {
        double wr = referenceWeights[i] * (ratio == null ? 1.0 : ratio[i]);
        s += wr;
        sa += Math.abs(wr);
        su += wr * up[i];
        sd += wr * down[i];
      }
      if (s > 1e-6 * sa && su > 0 && sd > 0) {
        nUp = su / s;
        nDown = sd / s;
        scale(up, 1 / nUp);
        scale(down, 1 / nDown);
      }
    }
    if (!b.hasParameter(systematic)) {
      b.nuisance(systematic);
    }
    b.shape(component, systematic, up, down);
    if (rateMatters(rateUp, rateDown)) {
      b.norm(component, systematic, rateUp, rateDown);
    }
    return new double[] {nUp, nDown};
  }

  private static boolean rateMatters(double up, double down) {
    return Math.abs(up - 1) > 1e-12 || Math.abs(down - 1) > 1e-12;
  }

  private static void scale(float[] a, double f) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (a[i] * f);
    }
  }
}
