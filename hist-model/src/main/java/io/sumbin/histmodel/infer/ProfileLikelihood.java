package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile-likelihood scans of any parameter (1-D) or pair (2-D), warm-started from neighbouring
 * grid points. 1-D intervals are the crossings of the Wilks thresholds, located on the grid
 * ({@link Intervals}) and then solved to {@link #CROSSING_TOL} by root finding on conditional fits (so they do not depend
 * on the grid spacing); 2-D contours are interpolated on the grid. Not thread-safe (holds a
 * {@link Fitter}).
 */
public final class ProfileLikelihood {
  /** Δ(−2 ln L) for 68.27% CL, one parameter. */
  public static final double DELTA_68_1D = 1.0;
  /** Δ(−2 ln L) for 95% CL, one parameter. */
  public static final double DELTA_95_1D = Normal.chi2Quantile(0.95, 1);
  /** Δ(−2 ln L) for 68.27% CL, two parameters. */
  public static final double DELTA_68_2D = Normal.chi2Quantile(0.6826894921370859, 2);
  /** Δ(−2 ln L) for 95% CL, two parameters. */
  public static final double DELTA_95_2D = Normal.chi2Quantile(0.95, 2);

  private final Fitter fitter;
  private final FitOptions options;
  private final LikelihoodModel model;

  public ProfileLikelihood(Fitter fitter, FitOptions options) {
    this.fitter = fitter;
    this.options = options.withUncertainties(false);
    this.model = fitter.model();
  }

  public ProfileLikelihood(LikelihoodModel model) {
    this(new Fitter(model), FitOptions.suggested(model));
  }

  /** 1-D scan of parameter {@code par} over {@code grid} (ascending). */
  public ProfileScan scan(int par, double[] grid, double[] data) {
    checkGrid(grid, "grid");
    FitOptions free = options.withFloating(par);
    FitResult best = fitter.fit(data, free.withUncertainties(true));
    int n = grid.length;
    FitResult[] fits = new FitResult[n];
    int start = nearest(grid, best.bestfit()[par]);
    double[] init = best.bestfit();
    for (int i = start; i < n; i++) {
      fits[i] = fitter.fit(data, free.withInit(i == start ? init : fits[i - 1].bestfit()).withFixed(par, grid[i]));
    }
    for (int i = start - 1; i >= 0; i--) {
      fits[i] = fitter.fit(data, free.withInit(fits[i + 1].bestfit()).withFixed(par, grid[i]));
    }
    double ref = best.twiceNll();
    for (FitResult f : fits) {
      ref = Math.min(ref, f.twiceNll());
    }
    double[] delta = new double[n];
    boolean conv = best.converged();
    for (int i = 0; i < n; i++) {
      delta[i] = fits[i].twiceNll() - ref;
      conv &= fits[i].converged();
    }
    double xBest = best.bestfit()[par];
    double[] i68 = interval(grid, delta, DELTA_68_1D, xBest);
    double[] i95 = interval(grid, delta, DELTA_95_1D, xBest);
    if (conv) {
      i68 = refine(par, data, free, grid, delta, fits, ref, DELTA_68_1D, xBest, i68);
      i95 = refine(par, data, free, grid, delta, fits, ref, DELTA_95_1D, xBest, i95);
    }
    return new ProfileScan(model.parName(par), par, grid.clone(), delta, best, fits, i68, i95, conv,
        conv ? "ok" : "some fits did not converge");
  }

  /** Absolute tolerance on Δ(−2 ln L) at a refined interval edge. */
  public static final double CROSSING_TOL = 1e-7;

  /**
   * Solves Δ(x) = level inside the grid cell that contains each edge interpolated on the grid ({@link Intervals})
   * (Illinois regula falsi on conditional fits warm-started from the cell's fits). An edge whose
   * fits do not converge keeps its interpolated value.
   */
  private double[] refine(int par, double[] data, FitOptions free, double[] grid, double[] delta, FitResult[] fits,
      double ref, double level, double xBest, double[] edges) {
    double[] out = edges.clone();
    for (int side = 0; side < 2; side++) {
      double e = edges[side];
      if (Double.isNaN(e)) {
        continue;
      }
      // the cell [a, b] holding the crossing: neighbouring grid points (or the best point)
      double a = Double.NaN;
      double fa = Double.NaN;
      double b = Double.NaN;
      double fb = Double.NaN;
      double[] init = null;
      for (int i = 0; i + 1 < grid.length; i++) {
        if (grid[i] <= e && e <= grid[i + 1]) {
          a = grid[i];
          fa = delta[i] - level;
          b = grid[i + 1];
          fb = delta[i + 1] - level;
          init = (side == 0 ? fits[i + 1] : fits[i]).bestfit();
        }
      }
      if (Double.isNaN(a) || init == null) {
        continue;
      }
      // the best point may lie inside the cell: use it as the inner end (Δ = 0 there)
      if (xBest > a && xBest < b) {
        if (side == 0) {
          b = xBest;
          fb = -level;
        } else {
          a = xBest;
          fa = -level;
        }
      }
      if (!(fa * fb <= 0)) {
        continue;
      }
      double x = e;
      boolean ok = true;
      for (int it = 0; it < 60; it++) {
        x = (a * fb - b * fa) / (fb - fa);
        FitResult f = fitter.fit(data, free.withInit(init).withFixed(par, x));
        if (!f.converged()) {
          ok = false;
          break;
        }
        init = f.bestfit();
        double fx = f.twiceNll() - ref - level;
        if (Math.abs(fx) < CROSSING_TOL || Math.abs(b - a) < 1e-12 * (1 + Math.abs(x))) {
          break;
        }
        if (fx * fb < 0) {
          a = b;
          fa = fb;
          b = x;
          fb = fx;
        } else {
          // Illinois: the end a is kept again, halve its value
          fa /= 2;
          b = x;
          fb = fx;
        }
      }
      if (ok) {
        out[side] = x;
      }
    }
    return out;
  }

  /**
   * The interval where the curve lies below {@code level} around the minimum, the best point inserted
   * ({@link Intervals#aroundBest}: the crossings on local parabolas); NaN where the curve does not
   * cross inside the grid.
   */
  public static double[] interval(double[] x, double[] delta, double level, double xBest) {
    return Intervals.aroundBest(x, delta, level, xBest);
  }

  /** 2-D scan of parameters {@code px}, {@code py}; grids ascending. */
  public ProfileScan2D scan2d(int px, int py, double[] gx, double[] gy, double[] data) {
    if (px == py) {
      throw new IllegalArgumentException("a 2-D scan needs two different parameters");
    }
    checkGrid(gx, "x grid");
    checkGrid(gy, "y grid");
    FitOptions free = options.withFloating(px).withFloating(py);
    FitResult best = fitter.fit(data, free.withUncertainties(true));
    int nx = gx.length;
    int ny = gy.length;
    double[][] tn = new double[nx][ny];
    double[][][] pars = new double[nx][ny][];
    boolean conv = best.converged();
    // snake order starting from the row nearest the best point, warm-starting from the neighbour
    int ix0 = nearest(gx, best.bestfit()[px]);
    int[] order = new int[nx];
    int c = 0;
    order[c++] = ix0;
    for (int d = 1; c < nx; d++) {
      if (ix0 + d < nx) {
        order[c++] = ix0 + d;
      }
      if (ix0 - d >= 0) {
        order[c++] = ix0 - d;
      }
    }
    double ref = best.twiceNll();
    for (int oi = 0; oi < nx; oi++) {
      int i = order[oi];
      int neighbour = oi == 0 ? -1 : (i > ix0 ? i - 1 : i + 1);
      int jy0 = nearest(gy, best.bestfit()[py]);
      for (int pass = 0; pass < 2; pass++) {
        int from = pass == 0 ? jy0 : jy0 - 1;
        int step = pass == 0 ? 1 : -1;
        for (int j = from; j >= 0 && j < ny; j += step) {
          double[] init;
          if (j != from) {
            init = pars[i][j - step];
          } else if (neighbour >= 0) {
            init = pars[neighbour][j];
          } else if (pass == 1) {
            init = pars[i][jy0];
          } else {
            init = best.bestfit();
          }
          FitResult f = fitter.fit(data, free.withInit(init).withFixed(px, gx[i]).withFixed(py, gy[j]));
          tn[i][j] = f.twiceNll();
          pars[i][j] = f.bestfit();
          conv &= f.converged();
          ref = Math.min(ref, f.twiceNll());
        }
      }
    }
    double[][] delta = new double[nx][ny];
    for (int i = 0; i < nx; i++) {
      for (int j = 0; j < ny; j++) {
        delta[i][j] = tn[i][j] - ref;
      }
    }
    return new ProfileScan2D(model.parName(px), model.parName(py), gx.clone(), gy.clone(), delta, best,
        Contours.marchingSquares(gx, gy, delta, DELTA_68_2D), Contours.marchingSquares(gx, gy, delta, DELTA_95_2D),
        conv, conv ? "ok" : "some fits did not converge");
  }

  private static int nearest(double[] grid, double v) {
    int k = 0;
    for (int i = 1; i < grid.length; i++) {
      if (Math.abs(grid[i] - v) < Math.abs(grid[k] - v)) {
        k = i;
      }
    }
    return k;
  }

  private static void checkGrid(double[] g, String what) {
    if (g.length < 2) {
      throw new IllegalArgumentException(what + " needs at least 2 points, got " + g.length);
    }
    for (int i = 1; i < g.length; i++) {
      if (!(g[i] > g[i - 1])) {
        throw new IllegalArgumentException(what + " must be strictly increasing (at index " + i + ")");
      }
    }
  }

  /** Evenly spaced grid lo..hi with n points (lo:hi:n). */
  public static double[] linspace(double lo, double hi, int n) {
    if (n < 2) {
      throw new IllegalArgumentException("a grid needs at least 2 points, got " + n);
    }
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = (lo * (n - 1 - i) + hi * i) / (n - 1); // exact at the ends, correctly rounded for decimal grids
    }
    return g;
  }

  /** Parameters with names for messages. */
  static List<String> names(LikelihoodModel m) {
    return new ArrayList<>(m.parNames());
  }
}
