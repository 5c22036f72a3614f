package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatResult;
import io.sumbin.histmodel.infer.TestStatistic;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Runs single pseudo-experiments on one thread: generates the toy's data and computes its
 * statistic with a free fit started at the generating parameters and a conditional fit started at
 * the free minimum (as {@link Inference#computeFast}, see {@link #evaluate}). Keeps one {@link Fitter}, generator and data
 * buffer per model, so that ensembles of different models (per-scan-point families) can share a
 * worker. Not thread-safe.
 */
public final class ToyWorker {
  private final Map<LikelihoodModel, PerModel> models = new IdentityHashMap<>();
  private final ToyRandom rng = new ToyRandom(0, 0, 0);
  private ToyEnsemble current;

  private static final class PerModel {
    final Fitter fitter;
    final ToyGenerator generator;
    final double[] data;
    final Map<FitOptions, Inference> inferences = new IdentityHashMap<>();

    PerModel(LikelihoodModel m) {
      fitter = new Fitter(m);
      generator = new ToyGenerator(m);
      data = new double[m.nMain() + m.nAux()];
    }
  }

  private PerModel perModel(LikelihoodModel m) {
    return models.computeIfAbsent(m, PerModel::new);
  }

  /** The fitter this worker uses for {@code model}. */
  public Fitter fitter(LikelihoodModel model) {
    return perModel(model).fitter;
  }

  /**
   * The {@link Inference} of this worker for {@code model} with {@code options} (uncertainties
   * off), cached by the identity of both.
   */
  public Inference inference(LikelihoodModel model, FitOptions options) {
    PerModel pm = perModel(model);
    return pm.inferences.computeIfAbsent(options, o -> new Inference(pm.fitter, o.withUncertainties(false)));
  }

  /** Toy {@code index} of an ensemble under {@code seed} (single-start fits). */
  public ToyResult run(ToyEnsemble e, long seed, int index) {
    return run(e, seed, index, false);
  }

  /** Toy {@code index} of an ensemble under {@code seed}; {@code robust}: two starts per fit (see {@link ToySettings#robustFits()}). */
  public ToyResult run(ToyEnsemble e, long seed, int index, boolean robust) {
    PerModel pm = perModel(e.model());
    if (current != e) {
      pm.generator.setParameters(e.generatingPars());
      current = e;
    }
    rng.reset(seed, e.stream(), index);
    pm.generator.generate(rng, pm.data);
    Inference inf = inference(e.model(), e.options());
    return evaluate(inf, e, seed, index, pm.data, robust);
  }

  /**
   * The statistic of one dataset: free fit from the generating parameters (POI clamped into the
   * free fit's bounds), then — unless the statistic is 0 by definition (q, q̃ with μ̂ &gt; μ; q₀
   * with μ̂ &lt; 0), when the conditional fit is skipped and its −2 ln L reported as NaN — the
   * conditional fit from the free minimum with the POI moved to μ. With {@code robust} the free fit
   * is also started from the suggested start and the conditional fit also from the generating
   * parameters (POI at μ); the lower minima are kept.
   */
  static ToyResult evaluate(Inference inf, ToyEnsemble e, long seed, int index, double[] data, boolean robust) {
    TestStatistic ts = e.statistic();
    int poi = e.model().poiIndex();
    double mu = ts.testedMu(e.poiValue());
    FitOptions free = inf.freeOptions(ts);
    double[] start = e.generatingPars().clone();
    start[poi] = Math.min(Math.max(start[poi], free.lower()[poi]), free.upper()[poi]);
    FitResult f = inf.fitter().fit(data, free.withInit(start));
    if (robust) {
      FitResult f2 = inf.fitter().fit(data, free);
      if (f2.twiceNll() < f.twiceNll()) {
        f = f2;
      }
    }
    double muHat = f.bestfit()[poi];
    boolean zero = ts.zeroAt(muHat, mu);
    if (zero && Double.isFinite(f.twiceNll())) {
      return new ToyResult(e.hypothesis(), index, seed, ts, e.poiValue(), e.genPoiValue(), 0.0, muHat, f.converged(),
          f.twiceNll(), Double.NaN);
    }
    FitResult c = inf.conditionalFit(mu, data, f.bestfit());
    if (robust) {
      FitResult c2 = inf.conditionalFit(mu, data, e.generatingPars());
      if (c2.twiceNll() < c.twiceNll()) {
        c = c2;
      }
    }
    TestStatResult r = inf.combine(ts, mu, f, c);
    return new ToyResult(e.hypothesis(), index, seed, ts, e.poiValue(), e.genPoiValue(), r.value(), muHat, r.converged(),
        f.twiceNll(), c.twiceNll());
  }

  /**
   * Draws the data of toy {@code index} of an ensemble (written into {@code out}) without
   * evaluating it.
   */
  public void generate(ToyEnsemble e, long seed, int index, double[] out) {
    PerModel pm = perModel(e.model());
    if (current != e) {
      pm.generator.setParameters(e.generatingPars());
      current = e;
    }
    rng.reset(seed, e.stream(), index);
    pm.generator.generate(rng, out);
  }
}
