package io.sumbin.histmodel.fit;

import io.sumbin.histmodel.likelihood.BlockHessian;
import io.sumbin.histmodel.likelihood.BlockStructure;
import io.sumbin.histmodel.likelihood.Objective;
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
  private final double[] d;
  private final double[] x;
  private final double[] xNew;
  private final int[] free;
  private final double[] xPrev;
  private final double[] gPrev;
  private final double[] xBest;
  private final double[] gBest;
  private Dense dense;
  private Block block;
  private Curvature h;

  public BoundedNewtonMinimizer(int n, MinimizerSettings settings) {
    this.n = n;
    this.settings = settings;
    g = new double[n];
    gNew = new double[n];
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
    h = curvature(f);
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
      if (!h.exact(f, x)) {
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
        if (!out && g[i] == 0 && h.inert(i)) {
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
        pd = h.solve(free, nf, 0.0, g, d);
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
      boolean usingFisher = false;
      if (!pd) {
        System.arraycopy(x, 0, xPrev, 0, n);
        System.arraycopy(g, 0, gPrev, 0, n);
        nearStationary = scaledGradientNorm(nf) < 1e-3;
        // away from a saddle point, step with the positive semi-definite expected information
        // instead of the indefinite exact Hessian (cheap, and a descent direction)
        if (!nearStationary && h.useFisher(f, x)) {
          usingFisher = true;
          stepPd = h.solve(free, nf, 0.0, g, d);
        }
      }
      boolean accepted = false;
      boolean useNewton = stepPd && lambda == 0;
      for (int tries = 0; tries < 60 && evals < settings.maxEvaluations(); tries++) {
        if (!useNewton) {
          if (!h.solve(free, nf, lambda, g, d)) {
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
        for (int k = 0; k < nf; k++) {
          int i = free[k];
          lin += g[i] * (xNew[i] - x[i]);
        }
        double quad = h.quadraticForm(free, nf, x, xNew);
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
      if (usingFisher) {
        h.restoreExact();
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

  /** max_i |g_i| / √|H_ii| over the free set: the gradient in units of the local curvature. */
  private double scaledGradientNorm(int nf) {
    double m = 0;
    for (int a = 0; a < nf; a++) {
      int i = free[a];
      m = Math.max(m, Math.abs(g[i]) / Math.sqrt(Math.max(Math.abs(h.diagonal(i)), 1e-12)));
    }
    return m;
  }

  /**
   * Tries steps x + t·v along directions of negative curvature of the free Hessian (attempt 0: all
   * negative directions together, or the block form's most negative one; attempt 1: the most negative
   * alone, or the opposite sign), t = 1, ½, ¼, ... On success x and g are updated and the new value
   * returned; otherwise returns +∞ and leaves x unchanged.
   */
  private double negativeCurvatureStep(Objective f, int nf, double fx, double[] lo, double[] hi) {
    lastEvals = 0;
    if (!h.prepareNegativeCurvature(free, nf)) {
      return Double.POSITIVE_INFINITY;
    }
    if (TRACE) {
      System.err.println("  negative-curvature search over " + nf + " free parameters");
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      h.negativeDirection(attempt, free, nf, g, d);
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

  // ------------------------------------------------------------------ curvature: dense or block form

  /**
   * Local parameters (bin-local, see {@link BlockStructure}) from which {@link MinimizerSettings.HessianForm#AUTO}
   * uses the block form: below it a dense n³ solve is cheaper than the bookkeeping (every shared pyhf
   * workspace stays dense; a 500-bin model with per-bin shapesys uses blocks).
   */
  public static final int BLOCK_MIN_LOCALS = 200;

  /** Whether fits of {@code f} use the block form of the Hessian (see {@link MinimizerSettings.HessianForm}). */
  public boolean usesBlocks(Objective f) {
    MinimizerSettings.HessianForm form = settings.hessianForm();
    BlockStructure st = form == MinimizerSettings.HessianForm.DENSE ? null : f.blockStructure();
    return st != null && (form == MinimizerSettings.HessianForm.BLOCK || st.nLocal() >= BLOCK_MIN_LOCALS);
  }

  private Curvature curvature(Objective f) {
    if (usesBlocks(f)) {
      BlockStructure st = f.blockStructure();
      if (block == null || block.structure != st) {
        block = new Block(st);
      }
      return block;
    }
    if (dense == null) {
      dense = new Dense(n);
    }
    return dense;
  }

  /** The Hessian at the current point and the linear algebra the iteration needs on the free set. */
  private interface Curvature {
    /** Loads the exact Hessian at x. */
    boolean exact(Objective f, double[] x);

    /** Replaces it by the expected information at x (until {@link #restoreExact}); false if unavailable. */
    boolean useFisher(Objective f, double[] x);

    void restoreExact();

    double diagonal(int i);

    /** Whether row i is exactly zero. */
    boolean inert(int i);

    /** (H_ff + λ·D) d = −g_f (see {@link BlockHessian#solve}); false if not positive definite. */
    boolean solve(int[] free, int nf, double lambda, double[] g, double[] d);

    /** sᵀ H s over the free set with s = xNew − x. */
    double quadraticForm(int[] free, int nf, double[] x, double[] xNew);

    /** Prepares the negative-curvature directions; false when there is none. */
    boolean prepareNegativeCurvature(int[] free, int nf);

    /** Writes direction {@code attempt} (0 or 1) into d (free order). */
    void negativeDirection(int attempt, int[] free, int nf, double[] g, double[] d);
  }

  /** Dense n × n Hessian with Cholesky solves and a full eigen-decomposition at saddle points. */
  private static final class Dense implements Curvature {
    private final int n;
    private double[] h;
    private double[] hAlt;
    private final double[] hf;
    private double[] eigA;
    private double[] eigVal;
    private double[] eigVec;
    private double[] dir;
    private int kmin;

    Dense(int n) {
      this.n = n;
      h = new double[n * n];
      hAlt = new double[n * n];
      hf = new double[n * n];
    }

    @Override
    public boolean exact(Objective f, double[] x) {
      return f.hessian(x, h);
    }

    @Override
    public boolean useFisher(Objective f, double[] x) {
      if (!f.fisher(x, hAlt)) {
        return false;
      }
      swap();
      return true;
    }

    @Override
    public void restoreExact() {
      swap();
    }

    private void swap() {
      double[] t = h;
      h = hAlt;
      hAlt = t;
    }

    @Override
    public double diagonal(int i) {
      return h[i * n + i];
    }

    @Override
    public boolean inert(int i) {
      for (int j = 0; j < n; j++) {
        if (h[i * n + j] != 0) {
          return false;
        }
      }
      return true;
    }

    /**
     * Solves (H_ff + λ·D) d = −g_f on the current free set, D = max(|H_ii|, ε) (Marquardt scaling).
     * Writes d[0..nf). Returns false when the damped matrix is not positive definite.
     */
    @Override
    public boolean solve(int[] free, int nf, double lambda, double[] g, double[] d) {
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

    @Override
    public double quadraticForm(int[] free, int nf, double[] x, double[] xNew) {
      double quad = 0;
      for (int k = 0; k < nf; k++) {
        int i = free[k];
        double si = xNew[i] - x[i];
        double hs = 0;
        for (int l = 0; l < nf; l++) {
          int j = free[l];
          hs += h[i * n + j] * (xNew[j] - x[j]);
        }
        quad += si * hs;
      }
      return quad;
    }

    /**
     * The eigen-decomposition of the Jacobi-scaled free Hessian D^{-1/2} H D^{-1/2}; true when its most
     * negative eigenvalue is below −10⁻¹⁰. Allocates its scratch on first use only (saddle points are rare).
     */
    @Override
    public boolean prepareNegativeCurvature(int[] free, int nf) {
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
      kmin = 0;
      for (int k = 1; k < nf; k++) {
        if (eigVal[k] < eigVal[kmin]) {
          kmin = k;
        }
      }
      return eigVal[kmin] < -1e-10;
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

    /** Attempt 0: all negative-curvature directions at once (each taken downhill); attempt 1: the most negative alone. */
    @Override
    public void negativeDirection(int attempt, int[] free, int nf, double[] g, double[] d) {
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
    }
  }

  /** The block form: Schur-complement solves in time and memory linear in the number of bins. */
  private static final class Block implements Curvature {
    final BlockStructure structure;
    private BlockHessian h;
    private BlockHessian hAlt;
    private final double[] step;
    private double[] negative;

    Block(BlockStructure s) {
      structure = s;
      h = new BlockHessian(s);
      hAlt = new BlockHessian(s);
      step = new double[s.nPars()];
    }

    @Override
    public boolean exact(Objective f, double[] x) {
      return f.hessian(x, h);
    }

    @Override
    public boolean useFisher(Objective f, double[] x) {
      if (!f.fisher(x, hAlt)) {
        return false;
      }
      swap();
      return true;
    }

    @Override
    public void restoreExact() {
      swap();
    }

    private void swap() {
      BlockHessian t = h;
      h = hAlt;
      hAlt = t;
    }

    @Override
    public double diagonal(int i) {
      return h.diagonal(i);
    }

    @Override
    public boolean inert(int i) {
      return h.zeroRow(i);
    }

    @Override
    public boolean solve(int[] free, int nf, double lambda, double[] g, double[] d) {
      return h.solve(free, nf, lambda, g, d);
    }

    @Override
    public double quadraticForm(int[] free, int nf, double[] x, double[] xNew) {
      java.util.Arrays.fill(step, 0.0);
      for (int k = 0; k < nf; k++) {
        step[free[k]] = xNew[free[k]] - x[free[k]];
      }
      return h.quadraticForm(step);
    }

    @Override
    public boolean prepareNegativeCurvature(int[] free, int nf) {
      if (negative == null || negative.length < nf) {
        negative = new double[step.length];
      }
      // the direction's sign is fixed later against the gradient
      return h.negativeCurvature(free, nf, new double[step.length], negative);
    }

    /** Attempt 0: the most negative direction, downhill; attempt 1: the opposite sign. */
    @Override
    public void negativeDirection(int attempt, int[] free, int nf, double[] g, double[] d) {
      double gd = 0;
      for (int k = 0; k < nf; k++) {
        gd += g[free[k]] * negative[k];
      }
      double sign = (gd > 0) == (attempt == 0) ? -1 : 1;
      for (int k = 0; k < nf; k++) {
        d[k] = sign * negative[k];
      }
    }
  }
}
