package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.infer.toys.ToyResult;
import io.sumbin.histmodel.infer.toys.ToyRunner;
import io.sumbin.histmodel.infer.toys.ToySettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * A toy-based CLs upper limit with control of the toys' statistical error (CMS Combine's
 * {@code HybridNew} with {@code --clsAcc}; arXiv:1007.1727 for the statistic, Read, J. Phys. G 28
 * (2002) 2693 for CLs).
 *
 * <p>At each tested μ the two ensembles of a {@link ToyCalculator} start with
 * {@link Settings#initialToys()} toys each and are doubled (the toys already thrown are kept: a toy
 * depends only on its seed, ensemble and index) while σ(CLs) &gt; {@link Settings#clsError()} and the
 * point lies within {@link #NEAR} σ(CLs) of α = 1 − CL — a point clearly on one side needs no
 * precision — up to {@link Settings#maxToys()}. The μ values are chosen as a bracketed search: from
 * the start value (the asymptotic limit, typically) outward by factors of {@link #STEP} until CLs
 * crosses α, then by interpolating ln CLs linearly between the bracket's ends until the bracket is
 * narrower than {@link Settings#relTolerance()}·μ or {@link Settings#maxPoints()} points are spent.
 * The limit is the log-linear interpolation between the final bracket's ends, its error the
 * propagation of their σ(CLs); the expected limits interpolate the expected band over all points
 * the same way.
 *
 * @param observed the observed limit
 * @param observedError its error from the toys' σ(CLs) at the bracket's ends
 * @param expected expected limits [−2σ … +2σ] (NaN where the tested points do not bracket a curve)
 * @param points every tested μ, sorted
 */
public record ToyUpperLimit(double cl, double observed, double observedError, double[] expected,
    List<ToyLimitPoint> points, boolean converged, String message) {
  public ToyUpperLimit {
    expected = expected.clone();
    points = List.copyOf(points);
  }

  /** Points within this many σ(CLs) of α get more toys. */
  public static final double NEAR = 3.0;
  /** At most this many points are added to bracket and refine the five expected curves. */
  static final int EXPECTED_POINTS = 12;

  /** Factor between the bracketing steps. */
  public static final double STEP = 1.5;

  /**
   * How the toys are spent.
   *
   * @param initialToys toys per ensemble at a new point
   * @param maxToys the most toys per ensemble at one point
   * @param clsError target σ(CLs) near the crossing
   * @param relTolerance stop when the bracket is narrower than this fraction of μ
   * @param maxPoints the most μ values tested
   */
  public record Settings(int initialToys, int maxToys, double clsError, double relTolerance, int maxPoints) {
    public Settings {
      if (initialToys < 1 || maxToys < initialToys) {
        throw new IllegalArgumentException("need 1 ≤ initialToys ≤ maxToys, got " + initialToys + ", " + maxToys);
      }
      if (!(clsError > 0 && clsError < 1)) {
        throw new IllegalArgumentException("clsError must be in (0, 1), got " + clsError);
      }
      if (!(relTolerance > 0) || maxPoints < 2) {
        throw new IllegalArgumentException("relTolerance must be positive and maxPoints ≥ 2");
      }
    }

    /** 500 initial toys, at most 64 000, the given target, 1 % bracket, 16 points. */
    public static Settings of(double clsError) {
      return new Settings(500, 64_000, clsError, 0.01, 16);
    }
  }

  /**
   * The limit at confidence level {@code cl}.
   *
   * @param calc the toy calculator (its settings give the seed, threads or runner; its ntoys is not used)
   * @param start the first μ to test (&gt; 0), e.g. the asymptotic limit
   * @param muMax the POI's upper bound
   */
  public static ToyUpperLimit compute(ToyCalculator calc, double cl, double start, double muMax, Settings s) {
    if (calc.testStatistic().fixedMu().isPresent()) {
      throw new IllegalArgumentException("an upper limit needs q or qtilde, not " + calc.testStatistic().name());
    }
    if (!(start > 0) || !Double.isFinite(start)) {
      throw new IllegalArgumentException("start value must be positive and finite, got " + start);
    }
    double alpha = 1 - cl;
    List<ToyLimitPoint> pts = new ArrayList<>();
    DoubleUnaryOperator eval = mu -> {
      ToyLimitPoint p = point(calc, mu, alpha, s);
      pts.add(p);
      return p.cls();
    };
    // bracket
    double mu = Math.min(start, muMax);
    double c = eval.applyAsDouble(mu);
    double below = Double.NaN; // CLs > α
    double above = Double.NaN; // CLs < α
    if (c > alpha) {
      below = mu;
    } else {
      above = mu;
    }
    while ((Double.isNaN(below) || Double.isNaN(above)) && pts.size() < s.maxPoints()) {
      if (Double.isNaN(above)) {
        if (mu >= muMax) {
          break;
        }
        mu = Math.min(mu * STEP, muMax);
        if (eval.applyAsDouble(mu) > alpha) {
          below = mu;
        } else {
          above = mu;
        }
      } else {
        mu = mu / STEP;
        if (eval.applyAsDouble(mu) > alpha) {
          below = mu;
        } else {
          above = mu;
        }
      }
    }
    if (Double.isNaN(below) || Double.isNaN(above)) {
      return finish(cl, alpha, pts, Double.NaN, Double.NaN, false,
          "CLs does not cross " + alpha + " within the tested range (" + pts.size() + " points)");
    }
    // refine the bracket (keep the closest ends)
    while (pts.size() < s.maxPoints()) {
      ToyLimitPoint a = at(pts, below);
      ToyLimitPoint b = at(pts, above);
      double x = crossing(a.mu(), a.cls(), b.mu(), b.cls(), alpha);
      if (Math.abs(above - below) < s.relTolerance() * x) {
        break;
      }
      // keep the new point strictly inside the bracket
      double lo = Math.min(below, above);
      double hi = Math.max(below, above);
      x = Math.min(Math.max(x, lo + 0.05 * (hi - lo)), hi - 0.05 * (hi - lo));
      if (eval.applyAsDouble(x) > alpha) {
        below = x;
      } else {
        above = x;
      }
    }
    bracketExpected(eval, pts, alpha, muMax);
    ToyLimitPoint a = at(pts, below);
    ToyLimitPoint b = at(pts, above);
    double lim = crossing(a.mu(), a.cls(), b.mu(), b.cls(), alpha);
    double h = 1e-6;
    double dA = (crossing(a.mu(), a.cls() * (1 + h), b.mu(), b.cls(), alpha)
        - crossing(a.mu(), a.cls() * (1 - h), b.mu(), b.cls(), alpha)) / (2 * h * a.cls());
    double dB = (crossing(a.mu(), a.cls(), b.mu(), b.cls() * (1 + h), alpha)
        - crossing(a.mu(), a.cls(), b.mu(), b.cls() * (1 - h), alpha)) / (2 * h * Math.max(b.cls(), 1e-300));
    double err = Math.hypot(dA * a.clsError(), b.cls() > 0 ? dB * b.clsError() : 0.0);
    boolean conv = pts.stream().allMatch(ToyLimitPoint::converged);
    return finish(cl, alpha, pts, lim, err, conv, conv ? "ok" : "some toy fits did not converge at a tested point");
  }

  /**
   * Extends the tested μ (by factors of {@link #STEP}, at most {@link #EXPECTED_POINTS} more points)
   * until every curve of the expected band [−2σ … +2σ] crosses α between two tested points, then tests
   * one more μ at each expected crossing (interpolated in ln CLs) so that it is bracketed closely.
   */
  private static void bracketExpected(DoubleUnaryOperator eval, List<ToyLimitPoint> pts, double alpha, double muMax) {
    int extra = 0;
    for (int k = 0; k < 5 && extra < EXPECTED_POINTS; k++) {
      while (extra < EXPECTED_POINTS && expectedBracket(pts, k, alpha) == null) {
        final int q = k;
        boolean aboveEverywhere = pts.stream().allMatch(p -> p.clsExpected()[q] >= alpha);
        boolean belowEverywhere = pts.stream().allMatch(p -> p.clsExpected()[q] < alpha);
        double lo = pts.stream().mapToDouble(ToyLimitPoint::mu).min().orElseThrow();
        double hi = pts.stream().mapToDouble(ToyLimitPoint::mu).max().orElseThrow();
        if (aboveEverywhere && hi < muMax) {
          eval.applyAsDouble(Math.min(hi * STEP, muMax));
        } else if (belowEverywhere) {
          eval.applyAsDouble(lo / STEP);
        } else {
          break; // NaN expected values, or the POI's bound: this curve stays NaN
        }
        extra++;
      }
    }
    for (int k = 0; k < 5 && extra < EXPECTED_POINTS; k++) {
      ToyLimitPoint[] br = expectedBracket(pts, k, alpha);
      if (br != null && br[1].mu() > br[0].mu() * 1.05) {
        double x = crossing(br[0].mu(), br[0].clsExpected()[k], br[1].mu(), br[1].clsExpected()[k], alpha);
        double lo = br[0].mu();
        double hi = br[1].mu();
        eval.applyAsDouble(Math.min(Math.max(x, lo + 0.05 * (hi - lo)), hi - 0.05 * (hi - lo)));
        extra++;
      }
    }
  }

  /** The adjacent tested points (sorted by μ) between which expected curve k falls below α, or null. */
  private static ToyLimitPoint[] expectedBracket(List<ToyLimitPoint> pts, int k, double alpha) {
    List<ToyLimitPoint> sorted = new ArrayList<>(pts);
    sorted.sort(Comparator.comparingDouble(ToyLimitPoint::mu));
    for (int i = 0; i + 1 < sorted.size(); i++) {
      double c1 = sorted.get(i).clsExpected()[k];
      double c2 = sorted.get(i + 1).clsExpected()[k];
      if (c1 >= alpha && c2 < alpha) {
        return new ToyLimitPoint[] {sorted.get(i), sorted.get(i + 1)};
      }
    }
    return null;
  }

  private static ToyLimitPoint at(List<ToyLimitPoint> pts, double mu) {
    for (ToyLimitPoint p : pts) {
      if (p.mu() == mu) {
        return p;
      }
    }
    throw new IllegalStateException("no point at " + mu);
  }

  /** Where CLs = α between (x1, c1) and (x2, c2): linear in ln CLs (linear in CLs when one is 0). */
  static double crossing(double x1, double c1, double x2, double c2, double alpha) {
    if (c1 > 0 && c2 > 0) {
      double l1 = Math.log(c1);
      double l2 = Math.log(c2);
      if (l1 == l2) {
        return 0.5 * (x1 + x2);
      }
      return x1 + (Math.log(alpha) - l1) * (x2 - x1) / (l2 - l1);
    }
    if (c1 == c2) {
      return 0.5 * (x1 + x2);
    }
    return x1 + (alpha - c1) * (x2 - x1) / (c2 - c1);
  }

  private static ToyUpperLimit finish(double cl, double alpha, List<ToyLimitPoint> pts, double obs, double err,
      boolean conv, String msg) {
    List<ToyLimitPoint> sorted = new ArrayList<>(pts);
    sorted.sort(Comparator.comparingDouble(ToyLimitPoint::mu));
    double[] exp = new double[5];
    for (int k = 0; k < 5; k++) {
      exp[k] = Double.NaN;
      for (int i = 0; i + 1 < sorted.size(); i++) {
        double c1 = sorted.get(i).clsExpected()[k];
        double c2 = sorted.get(i + 1).clsExpected()[k];
        if (c1 >= alpha && c2 < alpha) {
          exp[k] = crossing(sorted.get(i).mu(), c1, sorted.get(i + 1).mu(), c2, alpha);
          break;
        }
      }
    }
    return new ToyUpperLimit(cl, obs, err, exp, sorted, conv, msg);
  }

  /** The adaptive test at one μ. */
  static ToyLimitPoint point(ToyCalculator calc, double mu, double alpha, Settings s) {
    ToyResult obs = calc.observed(mu);
    ToyCalculator.Ensembles e = calc.ensembles(mu);
    List<ToyResult> sb = new ArrayList<>();
    List<ToyResult> b = new ArrayList<>();
    Set<ToyResult.Key> done = new HashSet<>();
    int n = s.initialToys();
    ToySettings ts = calc.settings();
    while (true) {
      List<List<ToyResult>> r = ToyRunner.run(List.of(e.sb(), e.b()), ts.withNtoys(n), calc.runner(), done, x -> { });
      sb.addAll(r.get(0));
      b.addAll(r.get(1));
      for (List<ToyResult> l : r) {
        for (ToyResult t : l) {
          done.add(t.key());
        }
      }
      ToyDistributions d = new ToyDistributions(mu, calc.testStatistic(), obs, sb, b, e.converged(), e.message());
      HypoTestResult h = d.hypoTestResult();
      int nSb = d.sb().size();
      int nB = d.b().size();
      double eSb = ToyLimitPoint.binomialError(h.clsb(), nSb);
      double eB = ToyLimitPoint.binomialError(h.clb(), nB);
      double eCls = ToyLimitPoint.clsError(h.clsb(), eSb, h.clb(), eB);
      boolean precise = eCls <= s.clsError();
      boolean far = Math.abs(h.cls() - alpha) > NEAR * eCls;
      if (precise || far || n >= s.maxToys() || Double.isNaN(eCls)) {
        return new ToyLimitPoint(mu, h.cls(), eCls, h.clsb(), eSb, h.clb(), eB, h.clsExpected(), nSb, nB, h.converged(),
            h.message());
      }
      n = Math.min(2 * n, s.maxToys());
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ToyUpperLimit[%.0f%% CL: %.5g ± %.2g, %d points, %s]", 100 * cl, observed,
        observedError, points.size(), message);
  }
}
