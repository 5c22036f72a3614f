package io.sumbin.histmodel.fit;

import io.sumbin.histmodel.util.Cholesky;
import io.sumbin.histmodel.util.SymmetricEigen;

/**
 * Box-constrained Newton minimiser with Levenberg–Marquardt damping and an active set, built on
 * analytic gradients and Hessians (Hipparchus has no bounded quasi-Newton method; its SQP solvers
 * fail on large models).
 *
 * <p>Each iteration: variables at a bound whose gradient pushes outward are held (active set);
 * the Newton system on the free variables is solved by Cholesky; free variables at a bound whose
 * Newton component points outward are moved to the active set and the system re-solved (projected
 * Newton, Bertsekas 1982); the step is projected onto the box and accepted if it lowers f, with
 * the Marquardt parameter adapted from the ratio of actual to predicted decrease. Convergence is
 * declared when the estimated distance to the minimum EDM = ½ gᵀH⁻¹g on the free variables is
 * below the tolerance — the same criterion as MINUIT's MIGRAD.
 *
 * <p>One instance owns its scratch arrays: reuse it for many fits of the same dimension on one
 * thread; it does not allocate per iteration.
 */
public final class BoundedNewtonMinimizer {
  private static final boolean TRACE = Boolean.getBoolean("sumbin.trace");
  private final int n;
  private final MinimizerSettings settings;
  private final double[] g;
  private final double[] gNew;
  private double[] h;
  private final double[] hf;
  private double[] hAlt;
  private final double[] d;
  private final double[] x;
  private final double[] xNew;
  private final int[] free;
  private final double[] xPrev;
  private final double[] gPrev;
  private final double[] xBest;
  private final double[] gBest;
  private double[] eigA;
  private double[] eigVal;
  private double[] eigVec;
  private double[] dir;

  public BoundedNewtonMinimizer(int n, MinimizerSettings settings) {
    this.n = n;
    this.settings = settings;
    g = new double[n];
    gNew = new double[n];
    h = new double[n * n];
    hf = new double[n * n];
    hAlt = new double[n * n];
    d = new double[n];
    x = new double[n];
    xNew = new double[n];
    free = new int[n];
    xPrev = new double[n];
    gPrev = new double[n];
    xBest = new double[n];
    gBest = new double[n];
  }

  public BoundedNewtonMinimizer(int n) {
    this(n, MinimizerSettings.DEFAULT);
  }

  /** The settings in use. */
  public MinimizerSettings settings() {
    return settings;
  }

  /**
   * Minimises {@code f} in the box [lo, hi] holding fixed variables at their start values.
   *
   * @param x0 start (read; non-fixed entries are clamped into the box)
   * @param lo lower bounds (read)
   * @param hi upper bounds (read)
   * @param fixed which variables stay at x0 (read)
   */
  public MinimizerResult minimize(Objective f, double[] x0, double[] lo, double[] hi, boolean[] fixed) {
    if (f.dimension() != n) {
      throw new IllegalArgumentException("objective has " + f.dimension() + " variables, minimiser was built for " + n);
    }
    for (int i = 0; i < n; i++) {
      x[i] = fixed[i] ? x0[i] : Math.min(Math.max(x0[i], lo[i]), hi[i]);
    }
    int evals = 1;
    double fx = f.valueAndGradient(x, g);
    if (!Double.isFinite(fx)) {
      return new MinimizerResult(x.clone(), fx, false, Double.NaN, 0, evals,
          "objective is not finite at the starting point");
    }
    double lambda = 0;
    double edm = Double.NaN;
    int iter = 0;
    boolean converged = false;
    String message = "maximum number of iterations reached";
    while (iter < settings.maxIterations()) {
      iter++;
      if (!f.hessian(x, h)) {
        message = "Hessian not available at the current point";
        break;
      }
      double tol = Math.max(settings.edmTolerance(), 1e-14 * Math.abs(fx));
      if (TRACE) System.err.println("it " + iter + " f=" + fx + " lambda=" + lambda + " edm=" + edm);
      // active set
      int nf = 0;
      for (int i = 0; i < n; i++) {
        if (fixed[i]) {
          continue;
        }
        boolean out = (x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0);
        if (!out && g[i] == 0 && inert(i)) {
          continue; // the objective does not depend on this variable here: nothing to fit
        }
        if (!out) {
          free[nf++] = i;
        }
      }
      if (nf == 0) {
        converged = true;
        edm = 0;
        message = "all free parameters at bounds";
        break;
      }
      // projected Newton direction
      boolean pd = false;
      for (int pass = 0; pass < 4; pass++) {
        pd = newtonStep(nf, 0.0);
        if (!pd) {
          break;
        }
        int kept = 0;
        for (int k = 0; k < nf; k++) {
          int i = free[k];
          boolean outward = (x[i] <= lo[i] && d[k] < 0) || (x[i] >= hi[i] && d[k] > 0);
          if (!outward) {
            free[kept++] = i;
          }
        }
        if (kept == nf) {
          break;
        }
        nf = kept;
        if (nf == 0) {
          break;
        }
      }
      if (nf == 0) {
        converged = true;
        edm = 0;
        message = "all free parameters at bounds";
        break;
      }
      if (pd) {
        double gd = 0;
        for (int k = 0; k < nf; k++) {
          gd += g[free[k]] * d[k];
        }
        edm = -0.5 * gd;
        if (edm < tol) {
          converged = true;
          message = "converged (EDM " + edm + ")";
          // one last (quadratically convergent) Newton step, kept unless it increases f
          System.arraycopy(x, 0, xNew, 0, n);
          for (int k = 0; k < nf; k++) {
            int i = free[k];
            xNew[i] = Math.min(Math.max(x[i] + d[k], lo[i]), hi[i]);
          }
          double fNew = f.valueAndGradient(xNew, gNew);
          evals++;
          if (fNew <= fx) {
            System.arraycopy(xNew, 0, x, 0, n);
            fx = fNew;
          }
          break;
        }
      } else {
        edm = Double.NaN;
      }
      // damped, projected trial steps
      double fPrev = fx;
      boolean nearStationary = false;
      boolean stepPd = pd;
      double[] exactH = h;
      if (!pd) {
        System.arraycopy(x, 0, xPrev, 0, n);
        System.arraycopy(g, 0, gPrev, 0, n);
        nearStationary = scaledGradientNorm(nf) < 1e-3;
        // away from a saddle point, step with the positive semi-definite expected information
        // instead of the indefinite exact Hessian (cheap, and a descent direction)
        if (!nearStationary && f.fisher(x, hAlt)) {
          exactH = hAlt;
          swapHessians();
          stepPd = newtonStep(nf, 0.0);
        }
      }
      boolean accepted = false;
      boolean useNewton = stepPd && lambda == 0;
      for (int tries = 0; tries < 60 && evals < settings.maxEvaluations(); tries++) {
        if (!useNewton) {
          if (!newtonStep(nf, lambda)) {
            lambda = lambda == 0 ? 1e-6 : lambda * 10;
            continue;
          }
        }
        useNewton = false;
        System.arraycopy(x, 0, xNew, 0, n);
        for (int k = 0; k < nf; k++) {
          int i = free[k];
          xNew[i] = Math.min(Math.max(x[i] + d[k], lo[i]), hi[i]);
        }
        // predicted decrease of the quadratic model along the projected step
        double lin = 0;
        double quad = 0;
        for (int k = 0; k < nf; k++) {
          int i = free[k];
          double si = xNew[i] - x[i];
          lin += g[i] * si;
          double hs = 0;
          for (int l = 0; l < nf; l++) {
            int j = free[l];
            hs += h[i * n + j] * (xNew[j] - x[j]);
          }
          quad += si * hs;
        }
        double pred = -(lin + 0.5 * quad);
        double fNew = f.valueAndGradient(xNew, gNew);
        evals++;
        if (Double.isFinite(fNew) && fNew < fx) {
          double rho = pred > 0 ? (fx - fNew) / pred : 0;
          System.arraycopy(xNew, 0, x, 0, n);
          System.arraycopy(gNew, 0, g, 0, n);
          fx = fNew;
          if (rho > 0.75) {
            lambda = lambda < 1e-8 ? 0 : lambda / 4;
          } else if (rho < 0.25) {
            lambda = Math.max(lambda * 2, 1e-6);
          }
          accepted = true;
          break;
        }
        lambda = lambda == 0 ? 1e-4 : lambda * 8;
      }
      if (exactH != h) {
        swapHessians(); // restore the exact Hessian into h
      }
      if (!pd && (nearStationary || !accepted)) {
        // indefinite Hessian at a saddle point, or no progress: also try moving along negative
        // curvature from the pre-step point and keep whichever candidate is lower
        double fLm = accepted ? fx : Double.POSITIVE_INFINITY;
        if (accepted) {
          System.arraycopy(x, 0, xBest, 0, n);
          System.arraycopy(g, 0, gBest, 0, n);
          System.arraycopy(xPrev, 0, x, 0, n);
          System.arraycopy(gPrev, 0, g, 0, n);
        }
        double fNc = negativeCurvatureStep(f, nf, fPrev, lo, hi);
        evals += lastEvals;
        if (fNc < fLm) {
          fx = fNc;
          accepted = true;
        } else if (accepted) {
          System.arraycopy(xBest, 0, x, 0, n);
          System.arraycopy(gBest, 0, g, 0, n);
          fx = fLm;
        }
      }
      if (!accepted) {
        converged = pd && edm < 1e3 * tol;
        message = (converged ? "converged" : "stopped") + ": no further decrease (EDM " + edm + ")";
        break;
      }
    }
    return new MinimizerResult(x.clone(), fx, converged, edm, iter, evals, message);
  }

  private int lastEvals;

  private void swapHessians() {
    double[] t = h;
    h = hAlt;
    hAlt = t;
  }

  /** Whether row i of the Hessian is exactly zero (together with a zero gradient: a flat direction). */
  private boolean inert(int i) {
    for (int j = 0; j < n; j++) {
      if (h[i * n + j] != 0) {
        return false;
      }
    }
    return true;
  }

  private int countNegative(int nf) {
    int c = 0;
    for (int k = 0; k < nf; k++) {
      if (eigVal[k] < -1e-10) {
        c++;
      }
    }
    return c;
  }

  /** max_i |g_i| / √|H_ii| over the free set: the gradient in units of the local curvature. */
  private double scaledGradientNorm(int nf) {
    double m = 0;
    for (int a = 0; a < nf; a++) {
      int i = free[a];
      m = Math.max(m, Math.abs(g[i]) / Math.sqrt(Math.max(Math.abs(h[i * n + i]), 1e-12)));
    }
    return m;
  }

  /**
   * Looks for the most negative eigenvalue of the Jacobi-scaled free Hessian D^{-1/2} H D^{-1/2}
   * and, if there is one, tries steps x + t·v along its direction (sign chosen downhill, both
   * signs when the gradient is orthogonal), t = 1, ½, ¼, ... On success x and g are updated and
   * the new value returned; otherwise returns +∞ and leaves x unchanged. Allocates its scratch on
   * first use only (saddle points are rare).
   */
  private double negativeCurvatureStep(Objective f, int nf, double fx, double[] lo, double[] hi) {
    lastEvals = 0;
    if (eigA == null) {
      eigA = new double[n * n];
      eigVal = new double[n];
      eigVec = new double[n * n];
      dir = new double[n];
    }
    for (int a = 0; a < nf; a++) {
      double da = Math.sqrt(Math.max(Math.abs(h[free[a] * n + free[a]]), 1e-12));
      dir[a] = da;
    }
    for (int a = 0; a < nf; a++) {
      for (int b = 0; b < nf; b++) {
        eigA[a * nf + b] = h[free[a] * n + free[b]] / (dir[a] * dir[b]);
      }
    }
    SymmetricEigen.decompose(eigA, nf, eigVal, eigVec);
    if (TRACE) {
      System.err.println("  negative-curvature search over " + nf + " free parameters");
    }
    int kmin = 0;
    for (int k = 1; k < nf; k++) {
      if (eigVal[k] < eigVal[kmin]) {
        kmin = k;
      }
    }
    if (!(eigVal[kmin] < -1e-10)) {
      return Double.POSITIVE_INFINITY;
    }
    // first all negative-curvature directions at once (each taken downhill), then the most negative alone
    for (int attempt = 0; attempt < 2; attempt++) {
      java.util.Arrays.fill(d, 0, nf, 0.0);
      int used = 0;
      for (int k = 0; k < nf; k++) {
        if (attempt == 0 ? eigVal[k] < -1e-10 : k == kmin) {
          double gv = 0;
          for (int a = 0; a < nf; a++) {
            gv += g[free[a]] * eigVec[a * nf + k] / dir[a];
          }
          double sign = gv > 0 ? -1 : 1;
          for (int a = 0; a < nf; a++) {
            d[a] += sign * eigVec[a * nf + k] / dir[a];
          }
          used++;
        }
      }
      if (attempt == 1 && used <= 1 && countNegative(nf) <= 1) {
        // identical to attempt 0; try the opposite sign instead
        for (int a = 0; a < nf; a++) {
          d[a] = -d[a];
        }
      }
      double t = 1.0;
      for (int k = 0; k < 12; k++, t *= 0.5) {
        System.arraycopy(x, 0, xNew, 0, n);
        for (int a = 0; a < nf; a++) {
          int i = free[a];
          xNew[i] = Math.min(Math.max(x[i] + t * d[a], lo[i]), hi[i]);
        }
        double fNew = f.valueAndGradient(xNew, gNew);
        lastEvals++;
        if (Double.isFinite(fNew) && fNew < fx) {
          System.arraycopy(xNew, 0, x, 0, n);
          System.arraycopy(gNew, 0, g, 0, n);
          return fNew;
        }
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Solves (H_ff + λ·D) d = −g_f on the current free set, D = max(|H_ii|, ε) (Marquardt scaling).
   * Writes d[0..nf). Returns false when the damped matrix is not positive definite.
   */
  private boolean newtonStep(int nf, double lambda) {
    double maxDiag = 0;
    for (int k = 0; k < nf; k++) {
      maxDiag = Math.max(maxDiag, Math.abs(h[free[k] * n + free[k]]));
    }
    double eps = 1e-12 * (1 + maxDiag);
    for (int a = 0; a < nf; a++) {
      int i = free[a];
      for (int b = 0; b < nf; b++) {
        hf[a * nf + b] = h[i * n + free[b]];
      }
      if (lambda > 0) {
        hf[a * nf + a] += lambda * Math.max(Math.abs(h[i * n + i]), eps);
      }
      d[a] = -g[i];
    }
    if (!Cholesky.factor(hf, nf)) {
      return false;
    }
    Cholesky.solve(hf, nf, d);
    for (int a = 0; a < nf; a++) {
      if (!Double.isFinite(d[a])) {
        return false;
      }
    }
    return true;
  }
}
