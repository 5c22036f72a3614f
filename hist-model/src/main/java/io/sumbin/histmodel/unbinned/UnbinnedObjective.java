package io.sumbin.histmodel.unbinned;

import io.sumbin.histmodel.likelihood.DataObjective;
import java.util.Arrays;
import java.util.List;

/**
 * −ln L of an {@link UnbinnedModel} for one dataset, as an {@link io.sumbin.histmodel.likelihood.Objective} with analytic
 * gradient and exact Hessian (event loops in parallel chunks). The value omits the
 * θ-independent Σ_i w_i ln p_ref(x_i) and includes the Gaussian constraint normalisations.
 */
public final class UnbinnedObjective implements DataObjective {
  private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private final UnbinnedModel m;
  private double[] data;
  private final int np;
  private final double[] nu;
  private final double[] dnu;
  private final double[] d2nu;

  UnbinnedObjective(UnbinnedModel m, double[] data) {
    this.m = m;
    this.np = m.nPars();
    this.nu = new double[m.nComp];
    this.dnu = new double[m.nComp * np];
    this.d2nu = new double[m.nComp * np * np];
    setData(data);
  }

  /** Re-targets at another dataset (read, not copied). */
  @Override
  public void setData(double[] d) {
    if (d.length != m.nEvents + m.nNp) {
      throw new IllegalArgumentException("data has " + d.length + " entries; the model expects " + m.nEvents + " event weights + "
          + m.nNp + " auxiliary data");
    }
    this.data = d;
  }

  @Override
  public double[] data() {
    return data;
  }

  public UnbinnedModel model() {
    return m;
  }

  @Override
  public int dimension() {
    return np;
  }

  @Override
  public double value(double[] x) {
    return valueAndGradient(x, null);
  }

  /** Per-chunk partial sums. */
  private static final class Part {
    double sumLog;
    boolean infinite;
    double[] b;
    double[] gShape;
    double[] outer;
    double[] cross; // [J][k]
    double[] shapeShape; // [J][k][l] flattened per component
    double[] iJ; // Σ ω b_J (self-normalised models)
    double[] diJ; // [J][k] Σ ω ∂_k b_J
    double[] d2iJ; // [J][k][l] Σ ω ∂²_kl b_J
  }

  private double[] basis(double[] x) {
    double[] basis = new double[5 * m.nNp];
    for (int k = 0; k < m.nNp; k++) {
      UnbinnedModel.shapeBasisInto(x[m.nPoi + k], basis, 5 * k);
    }
    return basis;
  }

  private int maxShapes() {
    int mx = 0;
    for (int[] s : m.shapePar) {
      mx = Math.max(mx, s.length);
    }
    return mx;
  }

  @Override
  public double valueAndGradient(double[] x, double[] grad) {
    m.yields(x, nu, grad != null ? dnu : null, null, null);
    final double[] basis = basis(x);
    final boolean wantGrad = grad != null;
    final int ms = maxShapes();
    List<Part> parts = m.forChunks((a, b) -> blockedChunk(a, b, basis, wantGrad, ms));
    double sumLog = 0;
    double[] bsum = new double[m.nComp];
    double[] gShape = new double[m.nNp];
    double[] integ = m.selfNormalized ? new double[m.nComp] : m.integral;
    double[] dInteg = m.selfNormalized && wantGrad ? new double[m.nComp * Math.max(ms, 1)] : null;
    for (Part p : parts) {
      if (p.infinite) {
        return Double.POSITIVE_INFINITY;
      }
      sumLog += p.sumLog;
      if (m.selfNormalized) {
        for (int j = 0; j < m.nComp; j++) {
          integ[j] += p.iJ[j];
        }
        if (dInteg != null) {
          for (int q = 0; q < dInteg.length; q++) {
            dInteg[q] += p.diJ[q];
          }
        }
      }
      if (wantGrad) {
        for (int j = 0; j < m.nComp; j++) {
          bsum[j] += p.b[j];
        }
        for (int k = 0; k < m.nNp; k++) {
          gShape[k] += p.gShape[k];
        }
      }
    }
    double total = 0;
    for (int j = 0; j < m.nComp; j++) {
      total += nu[j] * integ[j];
    }
    double v = total - sumLog;
    for (int k = 0; k < m.nNp; k++) {
      double d = x[m.nPoi + k] - data[m.nEvents + k];
      v += 0.5 * d * d + LN_SQRT_2PI;
    }
    if (wantGrad) {
      Arrays.fill(grad, 0.0);
      for (int j = 0; j < m.nComp; j++) {
        for (int p = 0; p < np; p++) {
          grad[p] += dnu[j * np + p] * (integ[j] - bsum[j]);
        }
        if (dInteg != null) {
          for (int k = 0; k < m.shapePar[j].length; k++) {
            grad[m.shapePar[j][k]] += nu[j] * dInteg[j * ms + k];
          }
        }
      }
      for (int k = 0; k < m.nNp; k++) {
        grad[m.nPoi + k] += x[m.nPoi + k] - data[m.nEvents + k] - gShape[k];
      }
    }
    return v;
  }

  private static final int BLOCK = 256;

  /**
   * Value and gradient over [from, to), processed in blocks of events with one pass per shape
   * column (contiguous float reads, vectorisable inner loops); the shape derivatives use prefix and
   * suffix products instead of divisions.
   */
  private Part blockedChunk(int from, int to, double[] basis, boolean grad, int ms) {
    final int nc = m.nComp;
    final boolean norm = m.selfNormalized;
    Part part = new Part();
    if (grad) {
      part.b = new double[nc];
      part.gShape = new double[m.nNp];
    }
    if (norm) {
      part.iJ = new double[nc];
      if (grad) {
        part.diJ = new double[nc * Math.max(ms, 1)];
      }
    }
    final double[] sv = new double[BLOCK];
    final double[] ws = new double[BLOCK];
    final double[] om = new double[BLOCK];
    final double[] suf = new double[BLOCK];
    final double[][] gj = new double[nc][BLOCK];
    final double[][][] fk = new double[nc][][];
    final double[][][] dk = new double[nc][][];
    final double[][][] pre = new double[nc][][];
    for (int j = 0; j < nc; j++) {
      int nsh = m.shapePar[j].length;
      fk[j] = new double[nsh][BLOCK];
      dk[j] = new double[nsh][BLOCK];
      pre[j] = new double[nsh + 1][BLOCK];
    }
    double sumLog = 0;
    for (int b0 = from; b0 < to; b0 += BLOCK) {
      final int len = Math.min(BLOCK, to - b0);
      java.util.Arrays.fill(sv, 0, len, 0.0);
      if (norm) {
        for (int e = 0; e < len; e++) {
          om[e] = m.refWeights[b0 + e];
        }
      }
      for (int j = 0; j < nc; j++) {
        final float[] r = m.ratio[j];
        final double[] g = gj[j];
        final int nsh = m.shapePar[j].length;
        if (nsh == 0) {
          if (r == null) {
            java.util.Arrays.fill(g, 0, len, 1.0);
          } else {
            for (int e = 0; e < len; e++) {
              g[e] = r[b0 + e];
            }
          }
        } else {
          final double[][] pj = pre[j];
          java.util.Arrays.fill(pj[0], 0, len, 1.0);
          for (int k = 0; k < nsh; k++) {
            final int q = 5 * (m.shapePar[j][k] - m.nPoi);
            final double p1 = basis[q];
            final double p2 = basis[q + 1];
            final double q1 = basis[q + 2];
            final double q2 = basis[q + 3];
            final float[] sc = m.shapeS[j][k];
            final float[] ac = m.shapeA[j][k];
            final double[] f = fk[j][k];
            final double[] d = dk[j][k];
            final double[] prev = pj[k];
            final double[] next = pj[k + 1];
            for (int e = 0; e < len; e++) {
              double sS = sc[b0 + e];
              double aA = ac[b0 + e];
              double fe = 1 + p1 * sS + p2 * aA;
              f[e] = fe;
              d[e] = q1 * sS + q2 * aA;
              next[e] = prev[e] * fe;
            }
          }
          final double[] last = pj[nsh];
          if (r == null) {
            System.arraycopy(last, 0, g, 0, len);
          } else {
            for (int e = 0; e < len; e++) {
              g[e] = r[b0 + e] * last[e];
            }
          }
        }
        final double nuj = nu[j];
        for (int e = 0; e < len; e++) {
          sv[e] += nuj * g[e];
        }
        if (norm) {
          double acc = 0;
          for (int e = 0; e < len; e++) {
            acc += om[e] * g[e];
          }
          part.iJ[j] += acc;
        }
      }
      for (int e = 0; e < len; e++) {
        double w = data[b0 + e];
        if (w == 0) {
          ws[e] = 0;
          continue;
        }
        double s = sv[e];
        if (!(s > 0)) {
          part.infinite = true;
          return part;
        }
        sumLog += w * Math.log(s);
        ws[e] = w / s;
      }
      if (!grad) {
        continue;
      }
      for (int j = 0; j < nc; j++) {
        final double[] g = gj[j];
        double acc = 0;
        for (int e = 0; e < len; e++) {
          acc += ws[e] * g[e];
        }
        part.b[j] += acc;
        final int nsh = m.shapePar[j].length;
        if (nsh == 0) {
          continue;
        }
        final float[] r = m.ratio[j];
        if (r == null) {
          java.util.Arrays.fill(suf, 0, len, 1.0);
        } else {
          for (int e = 0; e < len; e++) {
            suf[e] = r[b0 + e];
          }
        }
        for (int k = nsh - 1; k >= 0; k--) {
          final double[] pk = pre[j][k];
          final double[] d = dk[j][k];
          final double[] f = fk[j][k];
          double accG = 0;
          double accI = 0;
          for (int e = 0; e < len; e++) {
            double t = pk[e] * suf[e] * d[e];
            accG += ws[e] * t;
            accI += om[e] * t;
            suf[e] *= f[e];
          }
          part.gShape[m.shapePar[j][k] - m.nPoi] += nu[j] * accG;
          if (norm) {
            part.diJ[j * ms + k] += accI;
          }
        }
      }
    }
    part.sumLog = sumLog;
    return part;
  }

  /** The event loop over [from, to) (per event; used for the Hessian). */
  private Part chunk(int from, int to, double[] basis, boolean grad, boolean hess, int ms) {
    Part part = new Part();
    final int nc = m.nComp;
    if (grad || hess) {
      part.b = new double[nc];
      part.gShape = new double[m.nNp];
    }
    final boolean norm = m.selfNormalized;
    if (norm) {
      part.iJ = new double[nc];
      if (grad || hess) {
        part.diJ = new double[nc * Math.max(ms, 1)];
      }
      if (hess) {
        part.d2iJ = new double[nc * Math.max(ms, 1) * Math.max(ms, 1)];
      }
    }
    if (hess) {
      part.outer = new double[np * np];
      part.cross = new double[nc * Math.max(ms, 1)];
      part.shapeShape = new double[nc * Math.max(ms, 1) * Math.max(ms, 1)];
    }
    double[] bj = new double[nc];
    double[] f = new double[ms];
    double[] d1 = new double[ms];
    double[] d2 = new double[ms];
    double[] pre = new double[ms + 1];
    double[] suf = new double[ms + 1];
    double[][] dG = new double[nc][ms];
    double[] gs = hess ? new double[np] : null;
    double sumLog = 0;
    for (int i = from; i < to; i++) {
      double w = data[i];
      double omega = norm ? m.refWeights[i] : 0.0;
      if (w == 0 && omega == 0) {
        continue;
      }
      double s = 0;
      for (int j = 0; j < nc; j++) {
        double r = m.ratio[j] == null ? 1.0 : m.ratio[j][i];
        int nsh = m.shapePar[j].length;
        double g = 1;
        if (nsh > 0) {
          for (int k = 0; k < nsh; k++) {
            int q = 5 * (m.shapePar[j][k] - m.nPoi);
            float sv = m.shapeS[j][k][i];
            float av = m.shapeA[j][k][i];
            f[k] = 1 + basis[q] * sv + basis[q + 1] * av;
            d1[k] = basis[q + 2] * sv + basis[q + 3] * av;
            d2[k] = basis[q + 4] * av;
          }
          pre[0] = 1;
          for (int k = 0; k < nsh; k++) {
            pre[k + 1] = pre[k] * f[k];
          }
          g = pre[nsh];
          if (grad || hess) {
            suf[nsh] = 1;
            for (int k = nsh - 1; k >= 0; k--) {
              suf[k] = suf[k + 1] * f[k];
            }
            for (int k = 0; k < nsh; k++) {
              dG[j][k] = r * pre[k] * suf[k + 1] * d1[k];
            }
          }
        }
        bj[j] = r * g;
        s += nu[j] * bj[j];
        if (norm) {
          part.iJ[j] += omega * bj[j];
          if (grad || hess) {
            for (int k = 0; k < nsh; k++) {
              part.diJ[j * ms + k] += omega * dG[j][k];
            }
          }
          if (hess && nsh > 0) {
            accumulateSecond(part.d2iJ, j, ms, nsh, omega * r, f, d1, d2);
          }
        }
      }
      if (w == 0) {
        continue;
      }
      if (!(s > 0)) {
        part.infinite = true;
        return part;
      }
      sumLog += w * Math.log(s);
      if (!grad && !hess) {
        continue;
      }
      double ws = w / s;
      for (int j = 0; j < nc; j++) {
        part.b[j] += ws * bj[j];
        int nsh = m.shapePar[j].length;
        for (int k = 0; k < nsh; k++) {
          part.gShape[m.shapePar[j][k] - m.nPoi] += ws * nu[j] * dG[j][k];
        }
      }
      if (!hess) {
        continue;
      }
      // ∇s_i
      Arrays.fill(gs, 0.0);
      for (int j = 0; j < nc; j++) {
        double b = bj[j];
        if (b != 0) {
          int base = j * np;
          for (int p = 0; p < np; p++) {
            gs[p] += dnu[base + p] * b;
          }
        }
        int nsh = m.shapePar[j].length;
        for (int k = 0; k < nsh; k++) {
          gs[m.shapePar[j][k]] += nu[j] * dG[j][k];
        }
      }
      double ws2 = ws / s;
      for (int p = 0; p < np; p++) {
        double gp = gs[p];
        if (gp == 0) {
          continue;
        }
        double c = ws2 * gp;
        int row = p * np;
        for (int q = 0; q < np; q++) {
          part.outer[row + q] += c * gs[q];
        }
      }
      // second derivatives of s_i: shape cross terms and shape-shape
      for (int j = 0; j < nc; j++) {
        int nsh = m.shapePar[j].length;
        if (nsh == 0) {
          continue;
        }
        double r = m.ratio[j] == null ? 1.0 : m.ratio[j][i];
        for (int k = 0; k < nsh; k++) {
          part.cross[j * ms + k] += ws * dG[j][k];
          // recompute f, d1, d2 of component j for the second derivatives
        }
        for (int k = 0; k < nsh; k++) {
          int q = 5 * (m.shapePar[j][k] - m.nPoi);
          float sv = m.shapeS[j][k][i];
          float av = m.shapeA[j][k][i];
          f[k] = 1 + basis[q] * sv + basis[q + 1] * av;
          d1[k] = basis[q + 2] * sv + basis[q + 3] * av;
          d2[k] = basis[q + 4] * av;
        }
        accumulateSecond(part.shapeShape, j, ms, nsh, ws * nu[j] * r, f, d1, d2);
      }
    }
    part.sumLog = sumLog;
    return part;
  }

  /**
   * Adds c·∂²(Π_k f_k)/∂α_k∂α_l for component j into acc[j][k][l], in O(K²) with prefix and suffix
   * products (no division, exact when some f vanish).
   */
  private static void accumulateSecond(double[] acc, int j, int ms, int nsh, double c, double[] f, double[] d1, double[] d2) {
    if (c == 0) {
      return;
    }
    int hb = j * ms * ms;
    double[] pre = PRE.get();
    double[] suf = SUF.get();
    if (pre.length < nsh + 1) {
      pre = new double[nsh + 1];
      suf = new double[nsh + 1];
      PRE.set(pre);
      SUF.set(suf);
    }
    pre[0] = 1;
    for (int k = 0; k < nsh; k++) {
      pre[k + 1] = pre[k] * f[k];
    }
    suf[nsh] = 1;
    for (int k = nsh - 1; k >= 0; k--) {
      suf[k] = suf[k + 1] * f[k];
    }
    for (int k = 0; k < nsh; k++) {
      acc[hb + k * ms + k] += c * d2[k] * pre[k] * suf[k + 1];
      double mid = 1;
      double ck = c * d1[k] * pre[k];
      for (int l = k + 1; l < nsh; l++) {
        double v = ck * mid * d1[l] * suf[l + 1];
        acc[hb + k * ms + l] += v;
        acc[hb + l * ms + k] += v;
        mid *= f[l];
      }
    }
  }

  private static final ThreadLocal<double[]> PRE = ThreadLocal.withInitial(() -> new double[64]);
  private static final ThreadLocal<double[]> SUF = ThreadLocal.withInitial(() -> new double[64]);

  @Override
  public boolean hessian(double[] x, double[] hess) {
    m.yields(x, nu, dnu, d2nu, null);
    final double[] basis = basis(x);
    final int ms = maxShapes();
    List<Part> parts = m.forChunks((a, b) -> chunk(a, b, basis, true, true, ms));
    double[] bsum = new double[m.nComp];
    double[] outer = new double[np * np];
    double[] cross = new double[m.nComp * Math.max(ms, 1)];
    double[] ss = new double[m.nComp * Math.max(ms, 1) * Math.max(ms, 1)];
    double[] integ = m.selfNormalized ? new double[m.nComp] : m.integral;
    double[] di = new double[m.nComp * Math.max(ms, 1)];
    double[] d2i = new double[m.nComp * Math.max(ms, 1) * Math.max(ms, 1)];
    for (Part p : parts) {
      if (p.infinite) {
        return false;
      }
      if (m.selfNormalized) {
        for (int j = 0; j < m.nComp; j++) {
          integ[j] += p.iJ[j];
        }
        for (int q = 0; q < di.length; q++) {
          di[q] += p.diJ[q];
        }
        for (int q = 0; q < d2i.length; q++) {
          d2i[q] += p.d2iJ[q];
        }
      }
      for (int j = 0; j < m.nComp; j++) {
        bsum[j] += p.b[j];
      }
      for (int i = 0; i < outer.length; i++) {
        outer[i] += p.outer[i];
      }
      for (int i = 0; i < cross.length; i++) {
        cross[i] += p.cross[i];
      }
      for (int i = 0; i < ss.length; i++) {
        ss[i] += p.shapeShape[i];
      }
    }
    Arrays.fill(hess, 0, np * np, 0.0);
    for (int j = 0; j < m.nComp; j++) {
      int hb = j * np * np;
      for (int i = 0; i < np * np; i++) {
        hess[i] += d2nu[hb + i] * (integ[j] - bsum[j]);
      }
    }
    for (int i = 0; i < np * np; i++) {
      hess[i] += outer[i];
    }
    for (int j = 0; j < m.nComp; j++) {
      int nsh = m.shapePar[j].length;
      for (int k = 0; k < nsh; k++) {
        int mk = m.shapePar[j][k];
        double c = cross[j * ms + k];
        for (int p = 0; p < np; p++) {
          double v = dnu[j * np + p] * c;
          hess[p * np + mk] -= v;
          hess[mk * np + p] -= v;
        }
        for (int l = 0; l < nsh; l++) {
          hess[mk * np + m.shapePar[j][l]] -= ss[j * ms * ms + k * ms + l];
          // the total's dependence on the shapes (self-normalised models)
          hess[mk * np + m.shapePar[j][l]] += nu[j] * d2i[j * ms * ms + k * ms + l];
        }
        double dik = di[j * ms + k];
        if (dik != 0) {
          for (int p = 0; p < np; p++) {
            double v = dnu[j * np + p] * dik;
            hess[p * np + mk] += v;
            hess[mk * np + p] += v;
          }
        }
      }
    }
    for (int k = 0; k < m.nNp; k++) {
      hess[(m.nPoi + k) * np + m.nPoi + k] += 1.0;
    }
    return true;
  }
}
