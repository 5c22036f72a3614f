package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * Profile-likelihood 68 %/95 % intervals of several parameters (CMS Combine's MultiDimFit
 * {@code --algo singles}; MINOS): one unit of {@link Work} per parameter, each a
 * {@link ProfileLikelihood#scan} on {@link #GRID_POINTS} points over θ̂ ± {@link #GRID_SIGMAS}·σ_Hesse
 * (clipped to the bounds) whose crossings are then root-found on conditional fits to
 * {@link ProfileLikelihood#CROSSING_TOL} — exactly as the {@code scan} command does. A range that
 * does not reach an end is widened (×2, up to {@link #MAX_WIDENINGS} times) until it does or the
 * bound is reached.
 */
public record ProfileIntervals(List<ParameterInterval> intervals, boolean converged) {
  public ProfileIntervals {
    intervals = List.copyOf(intervals);
  }

  /** Grid points of each scan. */
  public static final int GRID_POINTS = 13;
  /** Half-width of the first grid in Hessian standard deviations (the 95 % ends lie near 1.96). */
  public static final double GRID_SIGMAS = 3.0;
  /** Times a grid is widened when an end is not reached. */
  public static final int MAX_WIDENINGS = 3;

  /**
   * The intervals of {@code params}.
   *
   * @param data main + auxiliary data (read)
   * @param params parameter indices (free in {@code options})
   */
  public static ProfileIntervals compute(LikelihoodModel model, double[] data, FitOptions options, int[] params,
      WorkRunner runner) {
    for (int p : params) {
      if (p < 0 || p >= model.nPars()) {
        throw new IllegalArgumentException("no parameter with index " + p);
      }
      if (options.fixed()[p]) {
        throw new IllegalArgumentException("parameter '" + model.parName(p) + "' is fixed; its interval is undefined");
      }
    }
    FitResult best = new Fitter(model, options.settings()).fit(data, options.withUncertainties(true));
    List<ParameterInterval> out = runner.run(new Unit(model, data.clone(), options, params.clone(), best.bestfit(),
        best.uncertainties()), params.length);
    boolean conv = best.converged() && out.stream().allMatch(ParameterInterval::converged);
    return new ProfileIntervals(out, conv);
  }

  /** Unit k: the interval of {@code params[k]}. */
  record Unit(LikelihoodModel model, double[] data, FitOptions options, int[] params, double[] bestfit, double[] sigma)
      implements Work<ProfileLikelihood, ParameterInterval> {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    @Override
    public ProfileLikelihood newWorker() {
      return new ProfileLikelihood(new Fitter(model, options.settings()), options);
    }

    @Override
    public ParameterInterval run(ProfileLikelihood pl, int unit) {
      int p = params[unit];
      double lo = options.lower()[p];
      double hi = options.upper()[p];
      double s = sigma[p];
      double width = s > 0 && Double.isFinite(s) ? GRID_SIGMAS * s : (hi - lo) / 10;
      ProfileScan scan = null;
      for (int k = 0; k <= MAX_WIDENINGS; k++) {
        double a = Math.max(lo, bestfit[p] - width);
        double b = Math.min(hi, bestfit[p] + width);
        if (!(b > a)) {
          break;
        }
        scan = pl.scan(p, ProfileLikelihood.linspace(a, b, GRID_POINTS), data);
        boolean loOk = !Double.isNaN(scan.interval95()[0]) || a <= lo;
        boolean hiOk = !Double.isNaN(scan.interval95()[1]) || b >= hi;
        if (loOk && hiOk) {
          break;
        }
        width *= 2;
      }
      if (scan == null) {
        double[] nan = {Double.NaN, Double.NaN};
        return new ParameterInterval(model.parName(p), p, bestfit[p], s, nan, nan, false, "empty range");
      }
      return new ParameterInterval(model.parName(p), p, scan.best().bestfit()[p], s, scan.interval68(),
          scan.interval95(), scan.converged(), scan.message());
    }

    @Override
    public String name() {
      return "profile intervals";
    }
  }

  @Override
  public String toString() {
    return "ProfileIntervals" + intervals;
  }
}
