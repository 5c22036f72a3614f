package io.sumbin.histmodel.infer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleFunction;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathIllegalStateException;

/**
 * CLs upper limits: by bracketed root finding of CLs(μ) = 1 − cl for the observed and each
 * expected curve (as pyhf's {@code upper_limit} without a scan, with Hipparchus' Brent solver instead
 * of TOMS 748),
 * or by a grid scan with linear interpolation (pyhf's {@code linear_grid_scan}).
 */
public final class UpperLimits {
  /** Default relative tolerance of the root finding. */
  public static final double REL_TOL = 1e-6;
  /** Absolute tolerance of the root finding (in μ). */
  static final double ABS_TOL = 1e-12;
  /** Hypothesis tests allowed per CLs curve (Brent needs about ten). */
  static final int MAX_EVALUATIONS = 200;

  private UpperLimits() {}

  /** Caches hypothesis tests by μ. */
  private static final class Cache {
    final DoubleFunction<HypoTestResult> test;
    final TreeMap<Double, HypoTestResult> done = new TreeMap<>();

    Cache(DoubleFunction<HypoTestResult> test) {
      this.test = test;
    }

    HypoTestResult at(double mu) {
      return done.computeIfAbsent(mu, test::apply);
    }

    /** curve 0 = observed, 1..5 = expected bands. */
    static double value(HypoTestResult r, int curve) {
      return curve == 0 ? r.cls() : r.clsExpected()[curve - 1];
    }
  }

  /**
   * Root-finding limits in the bracket [lo, hi] (expanded as pyhf does: lo halved while any curve
   * is below the level, hi doubled while any is above).
   *
   * @param test hypothesis test at μ (e.g. {@code calc::hypotest})
   */
  public static UpperLimit rootFinding(DoubleFunction<HypoTestResult> test, double cl, double lo, double hi, double relTol) {
    double level = 1 - cl;
    Cache cache = new Cache(test);
    for (int k = 0; k < 60 && anyBelow(cache.at(lo), level) && lo > 0; k++) {
      lo /= 2;
    }
    for (int k = 0; k < 60 && anyAbove(cache.at(hi), level); k++) {
      hi *= 2;
    }
    double[] limits = new double[6];
    // Brent's stopping rule |m| ≤ 2·eps·|b| + t, i.e. half the bracket within relTol/2·|μ| + ABS_TOL/2
    BrentSolver solver = new BrentSolver(relTol / 4, ABS_TOL / 2);
    String failure = null;
    for (int curve = 0; curve < 6; curve++) {
      final int cv = curve;
      // tightest bracket from what is cached
      double a = lo;
      double b = hi;
      for (var e : cache.done.entrySet()) {
        double v = Cache.value(e.getValue(), cv) - level;
        if (v >= 0 && e.getKey() > a && e.getKey() < b) {
          a = e.getKey();
        }
      }
      for (var e : cache.done.descendingMap().entrySet()) {
        double v = Cache.value(e.getValue(), cv) - level;
        if (v < 0 && e.getKey() < b && e.getKey() > a) {
          b = e.getKey();
        }
      }
      double fa = Cache.value(cache.at(a), cv) - level;
      double fb = Cache.value(cache.at(b), cv) - level;
      if (Double.isNaN(fa) || Double.isNaN(fb) || Math.signum(fa) == Math.signum(fb) && fa != 0 && fb != 0) {
        limits[curve] = Double.NaN;
        continue;
      }
      if (fa == 0 || fb == 0) {
        limits[curve] = fa == 0 ? a : b;
        continue;
      }
      try {
        limits[curve] = solver.solve(MAX_EVALUATIONS, mu -> Cache.value(cache.at(mu), cv) - level, a, b);
      } catch (MathIllegalStateException e) {
        limits[curve] = Double.NaN;
        failure = "the root finding of a CLs curve took more than " + MAX_EVALUATIONS + " hypothesis tests";
      }
    }
    return finish(cl, limits, cache, failure);
  }

  private static boolean anyBelow(HypoTestResult r, double level) {
    for (int c = 0; c < 6; c++) {
      if (Cache.value(r, c) < level) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyAbove(HypoTestResult r, double level) {
    for (int c = 0; c < 6; c++) {
      if (Cache.value(r, c) > level) {
        return true;
      }
    }
    return false;
  }

  /**
   * Scan limits: CLs on the grid, then for each curve the μ where it crosses 1 − cl by linear
   * interpolation (as numpy.interp on the reversed arrays in pyhf, i.e. assuming CLs decreases).
   */
  public static UpperLimit scan(DoubleFunction<HypoTestResult> test, double cl, double[] grid) {
    double level = 1 - cl;
    Cache cache = new Cache(test);
    for (double mu : grid) {
      cache.at(mu);
    }
    double[] limits = new double[6];
    for (int curve = 0; curve < 6; curve++) {
      int n = grid.length;
      double[] xp = new double[n];
      double[] fp = new double[n];
      for (int i = 0; i < n; i++) {
        // reversed: CLs increasing
        xp[i] = Cache.value(cache.at(grid[n - 1 - i]), curve);
        fp[i] = grid[n - 1 - i];
      }
      limits[curve] = interp(level, xp, fp);
    }
    return finish(cl, limits, cache, null);
  }

  /** numpy.interp: piecewise-linear, clamped at the ends, xp assumed increasing. */
  static double interp(double x, double[] xp, double[] fp) {
    int n = xp.length;
    if (x <= xp[0]) {
      return fp[0];
    }
    if (x >= xp[n - 1]) {
      return fp[n - 1];
    }
    int j = 0;
    while (j < n - 1 && !(xp[j] <= x && x < xp[j + 1])) {
      j++;
    }
    if (j == n - 1) {
      return fp[n - 1];
    }
    double t = (x - xp[j]) / (xp[j + 1] - xp[j]);
    return fp[j] + t * (fp[j + 1] - fp[j]);
  }

  private static UpperLimit finish(double cl, double[] limits, Cache cache, String failure) {
    List<HypoTestResult> pts = new ArrayList<>(cache.done.values());
    pts.sort(Comparator.comparingDouble(HypoTestResult::mu));
    boolean conv = pts.stream().allMatch(HypoTestResult::converged);
    String msg = conv ? "ok" : "some fits did not converge";
    for (double l : limits) {
      if (Double.isNaN(l)) {
        conv = false;
        msg = failure != null ? failure : "a CLs curve does not cross " + (1 - cl) + " inside the bracket";
      }
    }
    double[] exp = new double[5];
    System.arraycopy(limits, 1, exp, 0, 5);
    return new UpperLimit(cl, limits[0], exp, pts, conv, msg);
  }
}
