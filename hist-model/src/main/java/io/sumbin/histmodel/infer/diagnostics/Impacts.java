package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The impacts of every free parameter other than the POI (see {@link Impact}), ranked by their
 * post-fit magnitude, largest first (NaN last). Four refits per parameter, run as one unit of
 * {@link Work} per parameter on a {@link WorkRunner}.
 *
 * @param poi the parameter whose shifts are reported
 * @param best the unconditional fit (with uncertainties)
 * @param converged whether the best fit and every refit converged and the Hessian was positive definite
 */
public record Impacts(String poi, int poiIndex, FitResult best, List<Impact> impacts, boolean converged,
    String message) {
  public Impacts {
    impacts = List.copyOf(impacts);
  }

  /**
   * Computes the impacts.
   *
   * @param data main + auxiliary data (read)
   * @param options fit options (the POI must be free)
   * @param poi index of the parameter whose shifts are reported
   */
  public static Impacts compute(LikelihoodModel model, double[] data, FitOptions options, int poi, WorkRunner runner) {
    if (poi < 0 || poi >= model.nPars()) {
      throw new IllegalArgumentException("impacts need a parameter of interest (index " + poi + ")");
    }
    if (options.fixed()[poi]) {
      throw new IllegalArgumentException("the POI '" + model.parName(poi) + "' is fixed; impacts need it free");
    }
    FitResult best = new Fitter(model, options.settings()).fit(data, options.withUncertainties(true));
    return compute(model, data, options, poi, best, runner);
  }

  /** The impacts around an existing best fit (with uncertainties). */
  public static Impacts compute(LikelihoodModel model, double[] data, FitOptions options, int poi, FitResult best,
      WorkRunner runner) {
    Priors pr = Priors.of(model, data);
    List<Integer> ps = new ArrayList<>();
    for (int i = 0; i < model.nPars(); i++) {
      if (i != poi && !options.fixed()[i]) {
        ps.add(i);
      }
    }
    int[] params = ps.stream().mapToInt(Integer::intValue).toArray();
    Unit work = new Unit(model, data.clone(), options.withUncertainties(false), best.bestfit(), poi, params,
        best.uncertainties(), pr.sigma());
    List<double[]> shifts = runner.run(work, params.length);
    List<Impact> out = new ArrayList<>();
    boolean conv = best.ok();
    for (int k = 0; k < params.length; k++) {
      int i = params[k];
      double[] s = shifts.get(k);
      boolean c = s[4] == 1.0;
      conv &= c;
      double pull = pr.constrained(i) ? (best.bestfit()[i] - pr.nominal()[i]) / pr.sigma()[i] : Double.NaN;
      double constraint = pr.constrained(i) ? best.uncertainties()[i] / pr.sigma()[i] : Double.NaN;
      out.add(new Impact(model.parName(i), i, pr.kind()[i], best.bestfit()[i], pull, constraint, s[0], s[1], s[2], s[3], c));
    }
    out.sort(Comparator.comparingDouble((Impact im) -> Double.isNaN(im.magnitude()) ? Double.NEGATIVE_INFINITY
        : im.magnitude()).reversed());
    String msg = conv ? "ok" : !best.ok() ? "the best fit: " + best.message() : "some refits did not converge";
    return new Impacts(model.parName(poi), poi, best, out, conv, msg);
  }

  /**
   * One parameter's four refits: unit k holds {@code params[k]} at θ̂ ± post-fit σ and ± pre-fit σ.
   * Returns {post up, post down, pre up, pre down, 1 if all converged else 0}.
   */
  record Unit(LikelihoodModel model, double[] data, FitOptions options, double[] bestfit, int poi, int[] params,
      double[] postSigma, double[] preSigma) implements Work<Fitter, double[]> {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    @Override
    public Fitter newWorker() {
      return new Fitter(model, options.settings());
    }

    @Override
    public double[] run(Fitter fitter, int unit) {
      int i = params[unit];
      double[] out = new double[5];
      boolean conv = true;
      double[] widths = {postSigma[i], preSigma[i]};
      for (int w = 0; w < 2; w++) {
        for (int sign = 0; sign < 2; sign++) {
          double s = widths[w];
          int slot = 2 * w + sign;
          if (!(s > 0) || !Double.isFinite(s)) {
            out[slot] = Double.NaN;
            continue;
          }
          double v = bestfit[i] + (sign == 0 ? s : -s);
          v = Math.min(Math.max(v, options.lower()[i]), options.upper()[i]);
          FitResult f = fitter.fit(data, options.withInit(bestfit).withFixed(i, v));
          conv &= f.converged();
          out[slot] = f.bestfit()[poi] - bestfit[poi];
        }
      }
      out[4] = conv ? 1.0 : 0.0;
      return out;
    }

    @Override
    public String name() {
      return "impacts";
    }
  }

  @Override
  public String toString() {
    return "Impacts[" + poi + " = " + best.bestfit()[poiIndex] + ", " + impacts.size() + " parameters, " + message + "]";
  }
}
