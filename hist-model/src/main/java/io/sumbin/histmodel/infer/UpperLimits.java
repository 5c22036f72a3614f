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
      // a test that failed at the edge of wide bounds (NaN) does not end the search: step inwards
      for (int k = 1; k < 8 && Double.isNaN(fa) && !Double.isNaN(fb); k++) {
        double a2 = a + (b - a) * k / 8;
        double f2 = Cache.value(cache.at(a2), cv) - level;
        if (!Double.isNaN(f2)) {
          a = a2;
          fa = f2;
        }
      }
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
    List<String> missed = new ArrayList<>();
    String coarse = null;
    double[] sorted = grid.clone();
    java.util.Arrays.sort(sorted);
    for (int curve = 0; curve < 6; curve++) {
      int n = grid.length;
      // the crossing: the first grid interval where the curve goes from >= level to < level
      int at = -1;
      for (int i = 0; i + 1 < n && at < 0; i++) {
        double v0 = Cache.value(cache.at(sorted[i]), curve);
        double v1 = Cache.value(cache.at(sorted[i + 1]), curve);
        if (v0 >= level && v1 < level) {
          at = i;
        }
      }
      if (at < 0) {
        // pyhf's numpy.interp would report a grid end: the limit is outside the grid (or a curve is NaN)
        limits[curve] = Double.NaN;
        missed.add(CURVES[curve]);
        continue;
      }
      double hiCls = Cache.value(cache.at(sorted[at]), curve);
      double loCls = Cache.value(cache.at(sorted[at + 1]), curve);
      if (coarse == null && !(hiCls <= COARSE_RATIO * loCls)) {
        coarse = String.format(java.util.Locale.ROOT, "the grid is too coarse to bracket the %s crossing: CLs falls from %.3g at "
            + "%s to %.3g at %s, and linear interpolation across that jump is not the crossing; refine the grid there",
            CURVES[curve], hiCls, sorted[at], loCls, sorted[at + 1]);
      }
      double[] xp = new double[n];
      double[] fp = new double[n];
      for (int i = 0; i < n; i++) {
        // reversed: CLs increasing
        xp[i] = Cache.value(cache.at(grid[n - 1 - i]), curve);
        fp[i] = grid[n - 1 - i];
      }
      limits[curve] = interp(level, xp, fp);
    }
    String failure = missed.isEmpty() ? null : "the " + String.join(", ", missed) + " CLs " + (missed.size() == 1 ? "curve does" : "curves do")
        + " not cross " + (float) level + " inside the scanned grid [" + sorted[0] + ", " + sorted[sorted.length - 1]
        + "]: the limit is outside it (widen the grid)";
    UpperLimit ul = finish(cl, limits, cache, failure);
    if (coarse != null && ul.converged()) {
      return new UpperLimit(ul.cl(), ul.observed(), ul.expected(), ul.points(), true,
          ul.message() + "; " + io.sumbin.histmodel.infer.toys.ToyDistributions.WARNING + coarse);
    }
    return ul;
  }

  /** Names of the six curves in messages. */
  private static final String[] CURVES = {"observed", "expected -2σ", "expected -1σ", "expected median", "expected +1σ", "expected +2σ"};

  /**
   * Ratio of the CLs values at the two grid points around a crossing beyond which linear
   * interpolation is meaningless (two decades: CLs is roughly exponential in μ there).
   */
  static final double COARSE_RATIO = 100;

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

  /**
   * The result: converged when every limit is finite and the tests at the evaluated points next to
   * each limit (the ones that bracket it) converged. A test that did not converge far from every
   * crossing (a fit at the edge of wide POI bounds) does not make a limit wrong: it is reported as a
   * warning in the message.
   */
  private static UpperLimit finish(double cl, double[] limits, Cache cache, String failure) {
    List<HypoTestResult> pts = new ArrayList<>(cache.done.values());
    pts.sort(Comparator.comparingDouble(HypoTestResult::mu));
    java.util.Set<Double> bracketing = new java.util.HashSet<>();
    for (double l : limits) {
      if (Double.isFinite(l)) {
        var below = cache.done.floorEntry(l);
        var above = cache.done.ceilingEntry(l);
        if (below != null) {
          bracketing.add(below.getKey());
        }
        if (above != null) {
          bracketing.add(above.getKey());
        }
      }
    }
    List<Double> farFailures = new ArrayList<>();
    boolean conv = true;
    for (HypoTestResult r : pts) {
      if (!r.converged()) {
        if (bracketing.contains(r.mu())) {
          conv = false;
        } else {
          farFailures.add(r.mu());
        }
      }
    }
    String msg = conv ? "ok" : "some fits next to a limit did not converge";
    if (conv && !farFailures.isEmpty()) {
      msg += "; " + io.sumbin.histmodel.infer.toys.ToyDistributions.WARNING + "fits at POI = " + farFailures
          + " did not converge; no limit is bracketed by them";
    }
    for (double l : limits) {
      if (Double.isNaN(l)) {
        conv = false;
        msg = failure != null ? failure : "a CLs curve does not cross " + (float) (1 - cl) + " inside the bracket";
      }
    }
    double[] exp = new double[5];
    System.arraycopy(limits, 1, exp, 0, 5);
    return new UpperLimit(cl, limits[0], exp, pts, conv, msg);
  }
}
