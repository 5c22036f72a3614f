package io.sumbin.histmodel.likelihood;

import io.sumbin.histmodel.util.Cholesky;
import java.util.Arrays;

/**
 * A Hessian with the {@link BlockStructure} of bin-local parameters, stored as H_GG (n_G × n_G),
 * H_LG (one row of n_G couplings per local parameter) and the diagonal blocks B_k of H_LL: memory
 * O(n_G² + n_L·n_G), linear in the number of bins. Linear algebra works on a <em>free set</em> of
 * parameters (the others are held) through the Schur complement of the local blocks:
 *
 * <pre>
 *   S = H_GG − Σ_k C_kᵀ B_k⁻¹ C_k,   C_k = H_{L_k G}
 *   d_G = S⁻¹ (−g_G + Σ_k C_kᵀ B_k⁻¹ g_{L_k}),   d_{L_k} = −B_k⁻¹ (g_{L_k} + C_k d_G)
 * </pre>
 *
 * which is exact (the same Newton step as a dense solve, up to rounding). H is positive definite on
 * the free set if and only if every B_k and S are. Not thread-safe; owns its scratch arrays.
 */
public final class BlockHessian {
  private final BlockStructure s;
  private final int nG;
  private final double[] gg;
  private final double[] gl;
  private final double[] ll;
  // scratch for solves (allocated on first use)
  private int[] freePos;
  private int[] fg;
  private double[] sch;
  private double[] rhs;
  private double[] y;
  private double[] z;
  private double[] blk;
  private double[] col;
  private int[] fl;

  public BlockHessian(BlockStructure s) {
    this.s = s;
    this.nG = s.nGlobal();
    gg = new double[nG * nG];
    gl = new double[s.nLocal() * nG];
    ll = new double[s.llSize()];
  }

  /** The structure. */
  public BlockStructure structure() {
    return s;
  }

  /** Sets every entry to 0. */
  public void clear() {
    Arrays.fill(gg, 0.0);
    Arrays.fill(gl, 0.0);
    Arrays.fill(ll, 0.0);
  }

  /**
   * Adds v to H_pq. Callers add symmetric contributions in both orders (p, q) and (q, p), as for a
   * dense matrix; the global–local coupling is stored once (from the (local, global) call).
   *
   * @throws IllegalStateException for two local parameters of different bins (not a bin-local model)
   */
  public void add(int p, int q, double v) {
    int lp = s.localIndex(p);
    int lq = s.localIndex(q);
    if (lp < 0) {
      if (lq < 0) {
        gg[s.globalIndex(p) * nG + s.globalIndex(q)] += v;
      }
      return; // (global, local): the mirror of (local, global)
    }
    if (lq < 0) {
      gl[lp * nG + s.globalIndex(q)] += v;
      return;
    }
    int k = s.blockOfLocal(lp);
    if (s.blockOfLocal(lq) != k) {
      throw new IllegalStateException("parameters " + p + " and " + q + " are local to different bins but couple");
    }
    int o = s.blockStart(k);
    int m = s.blockStart(k + 1) - o;
    ll[s.llStart(k) + (lp - o) * m + (lq - o)] += v;
  }

  /** H_pq (any p, q). */
  public double get(int p, int q) {
    int lp = s.localIndex(p);
    int lq = s.localIndex(q);
    if (lp < 0 && lq < 0) {
      return gg[s.globalIndex(p) * nG + s.globalIndex(q)];
    }
    if (lp >= 0 && lq < 0) {
      return gl[lp * nG + s.globalIndex(q)];
    }
    if (lp < 0) {
      return gl[lq * nG + s.globalIndex(p)];
    }
    int k = s.blockOfLocal(lp);
    if (s.blockOfLocal(lq) != k) {
      return 0.0;
    }
    int o = s.blockStart(k);
    int m = s.blockStart(k + 1) - o;
    return ll[s.llStart(k) + (lp - o) * m + (lq - o)];
  }

  /** Averages rounding differences between H_ij and H_ji within H_GG and the blocks. */
  public void symmetrize() {
    for (int i = 0; i < nG; i++) {
      for (int j = i + 1; j < nG; j++) {
        double v = 0.5 * (gg[i * nG + j] + gg[j * nG + i]);
        gg[i * nG + j] = v;
        gg[j * nG + i] = v;
      }
    }
    for (int k = 0; k < s.nBlocks(); k++) {
      int m = s.blockStart(k + 1) - s.blockStart(k);
      int b0 = s.llStart(k);
      for (int i = 0; i < m; i++) {
        for (int j = i + 1; j < m; j++) {
          double v = 0.5 * (ll[b0 + i * m + j] + ll[b0 + j * m + i]);
          ll[b0 + i * m + j] = v;
          ll[b0 + j * m + i] = v;
        }
      }
    }
  }

  /** H_pp. */
  public double diagonal(int p) {
    return get(p, p);
  }

  /** Whether row p of H is exactly zero. */
  public boolean zeroRow(int p) {
    int l = s.localIndex(p);
    if (l >= 0) {
      for (int g = 0; g < nG; g++) {
        if (gl[l * nG + g] != 0) {
          return false;
        }
      }
      int k = s.blockOfLocal(l);
      int o = s.blockStart(k);
      int m = s.blockStart(k + 1) - o;
      for (int j = 0; j < m; j++) {
        if (ll[s.llStart(k) + (l - o) * m + j] != 0) {
          return false;
        }
      }
      return true;
    }
    int gi = s.globalIndex(p);
    for (int g = 0; g < nG; g++) {
      if (gg[gi * nG + g] != 0) {
        return false;
      }
    }
    for (int j = 0; j < s.nLocal(); j++) {
      if (gl[j * nG + gi] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * sᵀ H s for a step s (length n; entries of held parameters must be 0).
   *
   * @param step the step (read)
   */
  public double quadraticForm(double[] step) {
    double q = 0;
    for (int i = 0; i < nG; i++) {
      double si = step[s.global(i)];
      if (si == 0) {
        continue;
      }
      double r = 0;
      for (int j = 0; j < nG; j++) {
        r += gg[i * nG + j] * step[s.global(j)];
      }
      q += si * r;
    }
    for (int l = 0; l < s.nLocal(); l++) {
      double sl = step[s.local(l)];
      if (sl == 0) {
        continue;
      }
      double r = 0;
      for (int g = 0; g < nG; g++) {
        r += gl[l * nG + g] * step[s.global(g)];
      }
      q += 2 * sl * r;
      int k = s.blockOfLocal(l);
      int o = s.blockStart(k);
      int m = s.blockStart(k + 1) - o;
      double rb = 0;
      for (int j = 0; j < m; j++) {
        rb += ll[s.llStart(k) + (l - o) * m + j] * step[s.local(o + j)];
      }
      q += sl * rb;
    }
    return q;
  }

  private void scratch() {
    if (freePos == null) {
      int n = s.nPars();
      freePos = new int[n];
      fg = new int[nG];
      sch = new double[nG * nG];
      rhs = new double[nG];
      y = new double[s.nLocal() * nG];
      z = new double[s.nLocal()];
      int mb = Math.max(1, s.maxBlock());
      blk = new double[mb * mb];
      col = new double[Math.max(mb, nG)];
      fl = new int[mb];
    }
  }

  /** Marks the free set; returns the number of free globals (listed in fg). */
  private int mark(int[] free, int nf) {
    scratch();
    Arrays.fill(freePos, -1);
    for (int k = 0; k < nf; k++) {
      freePos[free[k]] = k;
    }
    int nfg = 0;
    for (int i = 0; i < nG; i++) {
      if (freePos[s.global(i)] >= 0) {
        fg[nfg++] = i;
      }
    }
    return nfg;
  }

  /** Free locals of block k into fl; returns their number. */
  private int freeLocals(int k) {
    int m = 0;
    for (int j = s.blockStart(k); j < s.blockStart(k + 1); j++) {
      if (freePos[s.local(j)] >= 0) {
        fl[m++] = j;
      }
    }
    return m;
  }

  /**
   * Solves (H_ff + λ·D) d = −g_f on the free set, D = diag(max(|H_ii|, ε)) with ε = 10⁻¹²·(1 + max|H_ii|)
   * (the Marquardt scaling of the dense solver).
   *
   * @param free the free parameters (read; first nf entries)
   * @param g gradient, length n (read)
   * @param d step on the free set, d[k] for parameter free[k] (written)
   * @return false when the damped matrix is not positive definite
   */
  public boolean solve(int[] free, int nf, double lambda, double[] g, double[] d) {
    int nfg = mark(free, nf);
    double maxDiag = 0;
    for (int k = 0; k < nf; k++) {
      maxDiag = Math.max(maxDiag, Math.abs(diagonal(free[k])));
    }
    double eps = 1e-12 * (1 + maxDiag);
    for (int a = 0; a < nfg; a++) {
      int ga = fg[a];
      for (int b = 0; b < nfg; b++) {
        sch[a * nfg + b] = gg[ga * nG + fg[b]];
      }
      if (lambda > 0) {
        sch[a * nfg + a] += lambda * Math.max(Math.abs(gg[ga * nG + ga]), eps);
      }
      rhs[a] = -g[s.global(ga)];
    }
    for (int k = 0; k < s.nBlocks(); k++) {
      int m = freeLocals(k);
      if (m == 0) {
        continue;
      }
      if (!factorBlock(k, m, lambda, eps)) {
        return false;
      }
      for (int a = 0; a < m; a++) {
        int l = fl[a];
        // z = B⁻¹ (−g_L), Y = B⁻¹ C (columns: free globals)
        z[l] = -g[s.local(l)];
      }
      solveBlock(m, z, fl);
      solveCoupling(m, nfg);
      // S −= Cᵀ Y, rhs −= Cᵀ z
      for (int a = 0; a < m; a++) {
        int l = fl[a];
        int row = l * nG;
        for (int i = 0; i < nfg; i++) {
          double ci = gl[row + fg[i]];
          if (ci == 0) {
            continue;
          }
          rhs[i] -= ci * z[l];
          for (int j = 0; j < nfg; j++) {
            sch[i * nfg + j] -= ci * y[row + j];
          }
        }
      }
    }
    if (nfg > 0) {
      if (!Cholesky.factor(sch, nfg)) {
        return false;
      }
      Cholesky.solve(sch, nfg, rhs);
    }
    for (int a = 0; a < nfg; a++) {
      d[freePos[s.global(fg[a])]] = rhs[a];
    }
    for (int l = 0; l < s.nLocal(); l++) {
      int p = s.local(l);
      if (freePos[p] < 0) {
        continue;
      }
      double v = z[l];
      int row = l * nG;
      for (int a = 0; a < nfg; a++) {
        v -= y[row + a] * rhs[a];
      }
      d[freePos[p]] = v;
    }
    for (int k = 0; k < nf; k++) {
      if (!Double.isFinite(d[k])) {
        return false;
      }
    }
    return true;
  }

  /** Copies block k restricted to its free locals fl[0..m) into blk with damping, and factors it. */
  private boolean factorBlock(int k, int m, double lambda, double eps) {
    int o = s.blockStart(k);
    int bs = s.blockStart(k + 1) - o;
    int b0 = s.llStart(k);
    for (int a = 0; a < m; a++) {
      int ia = fl[a] - o;
      for (int b = 0; b < m; b++) {
        blk[a * m + b] = ll[b0 + ia * bs + (fl[b] - o)];
      }
      if (lambda > 0) {
        blk[a * m + a] += lambda * Math.max(Math.abs(ll[b0 + ia * bs + ia]), eps);
      }
    }
    return Cholesky.factor(blk, m);
  }

  /** Solves the factored block for the values v[idx[a]], a &lt; m, in place. */
  private void solveBlock(int m, double[] v, int[] idx) {
    for (int a = 0; a < m; a++) {
      col[a] = v[idx[a]];
    }
    Cholesky.solve(blk, m, col);
    for (int a = 0; a < m; a++) {
      v[idx[a]] = col[a];
    }
  }

  /**
   * The inverse of H restricted to the parameters with {@code include[p]}: its diagonal into
   * {@code variance} (0 elsewhere) and, when {@code cov} is not null, the whole inverse (row-major
   * n × n, zeros elsewhere; O(n²) memory, for small models only).
   *
   * @return false when H is not positive definite on that set
   */
  public boolean inverse(boolean[] include, double[] variance, double[] cov) {
    int n = s.nPars();
    int[] free = new int[n];
    int nf = 0;
    for (int p = 0; p < n; p++) {
      if (include[p]) {
        free[nf++] = p;
      }
    }
    int nfg = mark(free, nf);
    // S and Y = B⁻¹ C, plus the blocks' inverse diagonals
    for (int a = 0; a < nfg; a++) {
      for (int b = 0; b < nfg; b++) {
        sch[a * nfg + b] = gg[fg[a] * nG + fg[b]];
      }
    }
    Arrays.fill(variance, 0.0);
    if (cov != null) {
      Arrays.fill(cov, 0.0);
    }
    for (int k = 0; k < s.nBlocks(); k++) {
      int m = freeLocals(k);
      if (m == 0) {
        continue;
      }
      if (!factorBlock(k, m, 0, 0)) {
        return false;
      }
      solveCoupling(m, nfg);
      for (int a = 0; a < m; a++) {
        int row = fl[a] * nG;
        for (int i = 0; i < nfg; i++) {
          double ci = gl[row + fg[i]];
          if (ci == 0) {
            continue;
          }
          for (int j = 0; j < nfg; j++) {
            sch[i * nfg + j] -= ci * y[row + j];
          }
        }
      }
      // (B⁻¹) columns
      for (int a = 0; a < m; a++) {
        Arrays.fill(col, 0, m, 0.0);
        col[a] = 1;
        Cholesky.solve(blk, m, col);
        int pa = s.local(fl[a]);
        variance[pa] = col[a];
        if (cov != null) {
          for (int b = 0; b < m; b++) {
            cov[s.local(fl[b]) * n + pa] = col[b];
          }
        }
      }
    }
    double[] sinv = new double[nfg * nfg];
    if (nfg > 0) {
      if (!Cholesky.factor(sch, nfg)) {
        return false;
      }
      Cholesky.inverse(sch, nfg, sinv, new double[nfg]);
    }
    for (int a = 0; a < nfg; a++) {
      variance[s.global(fg[a])] = sinv[a * nfg + a];
    }
    // locals: (B⁻¹)_ll + y_lᵀ S⁻¹ y_l
    double[] t = new double[nfg];
    for (int l = 0; l < s.nLocal(); l++) {
      int p = s.local(l);
      if (freePos[p] < 0) {
        continue;
      }
      int row = l * nG;
      double q = 0;
      for (int i = 0; i < nfg; i++) {
        double r = 0;
        for (int j = 0; j < nfg; j++) {
          r += sinv[i * nfg + j] * y[row + j];
        }
        t[i] = r;
        q += y[row + i] * r;
      }
      variance[p] += q;
      if (cov != null) {
        for (int a = 0; a < nfg; a++) {
          double v = -t[a]; // cov_LG = −Y S⁻¹
          cov[p * n + s.global(fg[a])] = v;
          cov[s.global(fg[a]) * n + p] = v;
        }
        for (int l2 = 0; l2 < s.nLocal(); l2++) {
          int p2 = s.local(l2);
          if (freePos[p2] < 0) {
            continue;
          }
          double v = 0;
          for (int i = 0; i < nfg; i++) {
            v += y[l2 * nG + i] * t[i];
          }
          cov[p * n + p2] += v;
        }
      }
    }
    if (cov != null) {
      for (int a = 0; a < nfg; a++) {
        for (int b = 0; b < nfg; b++) {
          cov[s.global(fg[a]) * n + s.global(fg[b])] = sinv[a * nfg + b];
        }
      }
    }
    for (int p = 0; p < n; p++) {
      if (include[p] && !(variance[p] > 0 && Double.isFinite(variance[p]))) {
        return false;
      }
    }
    return true;
  }

  /** Copies H into a dense row-major n × n array (for tests and small models). */
  public void toDense(double[] out) {
    int n = s.nPars();
    for (int p = 0; p < n; p++) {
      for (int q = 0; q < n; q++) {
        out[p * n + q] = get(p, q);
      }
    }
  }

  // ------------------------------------------------------------------ negative curvature

  /**
   * A direction of negative curvature on the free set, if H has one there: the eigenvector of the
   * most negative eigenvalue of a Jacobi-scaled block B_k, or — when every block is positive
   * definite, so that H is indefinite exactly when S is — of the scaled Schur complement, extended to
   * the locals by d_L = −B⁻¹ C d_G. Writes d (free order, sign such that gᵀd ≤ 0) and returns true;
   * false when H is positive semi-definite on the free set.
   */
  public boolean negativeCurvature(int[] free, int nf, double[] g, double[] d) {
    int nfg = mark(free, nf);
    Arrays.fill(d, 0, nf, 0.0);
    double worst = -1e-10;
    int worstBlock = -1;
    double[] bestVec = null;
    boolean allPd = true;
    for (int k = 0; k < s.nBlocks(); k++) {
      int m = freeLocals(k);
      if (m == 0) {
        continue;
      }
      int o = s.blockStart(k);
      int bs = s.blockStart(k + 1) - o;
      double[] a = new double[m * m];
      double[] sc = new double[m];
      for (int i = 0; i < m; i++) {
        sc[i] = Math.sqrt(Math.max(Math.abs(ll[s.llStart(k) + (fl[i] - o) * bs + (fl[i] - o)]), 1e-12));
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          a[i * m + j] = ll[s.llStart(k) + (fl[i] - o) * bs + (fl[j] - o)] / (sc[i] * sc[j]);
        }
      }
      double[] val = new double[m];
      double[] vec = new double[m * m];
      io.sumbin.histmodel.util.SymmetricEigen.decompose(a, m, val, vec);
      for (int e = 0; e < m; e++) {
        if (val[e] < worst) {
          worst = val[e];
          worstBlock = k;
          bestVec = new double[m];
          for (int i = 0; i < m; i++) {
            bestVec[i] = vec[i * m + e] / sc[i];
          }
        }
        if (!(val[e] > 1e-10)) {
          allPd = false;
        }
      }
    }
    if (worstBlock >= 0) {
      int m = freeLocals(worstBlock);
      for (int i = 0; i < m; i++) {
        d[freePos[s.local(fl[i])]] = bestVec[i];
      }
      orient(free, nf, g, d);
      return true;
    }
    if (!allPd || nfg == 0) {
      return false;
    }
    // every block positive definite: H is indefinite exactly when S is
    return schurDirection(free, nf, nfg, g, d);
  }

  /**
   * y[local, c] = B_k⁻¹ C[local, c] for every free global c, with the block B_k factored in
   * {@code blk} by {@link #factorBlock} and the coupling C read from {@code gl} (the step shared by
   * the covariance and the Schur-complement direction).
   */
  private void solveCoupling(int m, int nfg) {
    for (int c = 0; c < nfg; c++) {
      for (int a = 0; a < m; a++) {
        col[a] = gl[fl[a] * nG + fg[c]];
      }
      Cholesky.solve(blk, m, col);
      for (int a = 0; a < m; a++) {
        y[fl[a] * nG + c] = col[a];
      }
    }
  }

  /** Rebuilds S (undamped) and Y, takes its most negative scaled eigenvector. */
  private boolean schurDirection(int[] free, int nf, int nfg, double[] g, double[] d) {
    for (int a = 0; a < nfg; a++) {
      for (int b = 0; b < nfg; b++) {
        sch[a * nfg + b] = gg[fg[a] * nG + fg[b]];
      }
    }
    for (int k = 0; k < s.nBlocks(); k++) {
      int m = freeLocals(k);
      if (m == 0) {
        continue;
      }
      if (!factorBlock(k, m, 0, 0)) {
        return false;
      }
      solveCoupling(m, nfg);
      for (int a = 0; a < m; a++) {
        int row = fl[a] * nG;
        for (int i = 0; i < nfg; i++) {
          double ci = gl[row + fg[i]];
          for (int j = 0; j < nfg; j++) {
            sch[i * nfg + j] -= ci * y[row + j];
          }
        }
      }
    }
    double[] sc = new double[nfg];
    double[] a = new double[nfg * nfg];
    for (int i = 0; i < nfg; i++) {
      sc[i] = Math.sqrt(Math.max(Math.abs(sch[i * nfg + i]), 1e-12));
    }
    for (int i = 0; i < nfg; i++) {
      for (int j = 0; j < nfg; j++) {
        a[i * nfg + j] = 0.5 * (sch[i * nfg + j] + sch[j * nfg + i]) / (sc[i] * sc[j]);
      }
    }
    double[] val = new double[nfg];
    double[] vec = new double[nfg * nfg];
    io.sumbin.histmodel.util.SymmetricEigen.decompose(a, nfg, val, vec);
    int e = 0;
    for (int k = 1; k < nfg; k++) {
      if (val[k] < val[e]) {
        e = k;
      }
    }
    if (!(val[e] < -1e-10)) {
      return false;
    }
    double[] dg = new double[nfg];
    for (int i = 0; i < nfg; i++) {
      dg[i] = vec[i * nfg + e] / sc[i];
      d[freePos[s.global(fg[i])]] = dg[i];
    }
    for (int l = 0; l < s.nLocal(); l++) {
      int p = s.local(l);
      if (freePos[p] < 0) {
        continue;
      }
      double v = 0;
      for (int i = 0; i < nfg; i++) {
        v -= y[l * nG + i] * dg[i];
      }
      d[freePos[p]] = v;
    }
    orient(free, nf, g, d);
    return true;
  }

  private static void orient(int[] free, int nf, double[] g, double[] d) {
    double gd = 0;
    for (int k = 0; k < nf; k++) {
      gd += g[free[k]] * d[k];
    }
    if (gd > 0) {
      for (int k = 0; k < nf; k++) {
        d[k] = -d[k];
      }
    }
  }
}
