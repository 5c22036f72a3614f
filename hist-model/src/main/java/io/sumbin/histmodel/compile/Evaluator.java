package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.interp.InterpCode;
import io.sumbin.histmodel.interp.Interpolation;
import io.sumbin.histmodel.likelihood.BlockHessian;
import io.sumbin.histmodel.likelihood.BlockStructure;
import java.util.Arrays;
import org.hipparchus.special.Gamma;

/**
 * Evaluates a {@link CompiledModel}: expected yields, negative log-likelihood, its analytic
 * gradient, the exact Hessian and the expected (Fisher) information. Not thread-safe: use one
 * evaluator per thread. After construction no method allocates.
 *
 * <p>NLL convention: {@code nll = −ln L} including all constants, so that {@code 2·nll} equals
 * pyhf's {@code twice_nll = −2 · model.logpdf(pars, data)}. Every Poisson term (main and auxiliary)
 * is evaluated relative to its saturated value (deviance form, {@link #poissonDeviance}) and every
 * Gaussian one about its centre, so value, gradient and Hessian are O(number of terms) whatever the
 * size of the counts; the data-dependent rest ({@link #constant}) is small and summed compensated.
 * (Written out as ν − n ln ν + lnΓ(n+1), a shapesys auxiliary count of 1.9·10¹¹ makes each term
 * ~5·10¹² and quantises −ln L to 10⁻³, which stalls any minimiser.)
 *
 * <p>Array arguments: {@code pars} (length {@link CompiledModel#nPars()}) and {@code data} (main
 * followed by auxiliary data) are read; {@code out}, {@code grad} and {@code hess} (row-major
 * nPars × nPars) are written.
 */
public final class Evaluator {
  private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private final CompiledModel m;
  // the model's blocks (read only), held directly so the hot loops index their arrays
  private final SampleUnits units;
  private final YieldTerms terms;
  private final HistosysShifts histosys;
  private final ScalarFactors factors;
  private final BinwiseFactors binwise;
  private final ConstraintTerms constraints;
  private final int nMain;
  private final int np;
  // scratch, written by every evaluation
  private final double[] nu;
  private final double[] uA;
  private final double[] uB;
  private final double[] uS;
  private final double[] gv;
  private final double[] g1;
  private final double[] g2;
  private final double[] hs1;
  private final double[] hs2;
  private final double[] fv;
  private final double[] w;
  private final double[] pre;
  private final double[] suf;
  private final double[] sj; // dS/dθ_group for the current unit
  private final double[] t3 = new double[3];
  // the parameters at which the scratch above holds the yields (see computeYields)
  private final double[] yieldsAt;
  private boolean yieldsValid;
  private boolean yieldsDerivs;
  private final double[] fd1; // coefficient-function first derivatives (scratch, per fn param)
  private final double[] fd2; // second derivatives (scratch, per fn param pair)
  private double[] jac; // nMain × nPars, allocated on first dense use
  private final int[] nz; // scratch column list
  private final double[] jrow;
  private final CompiledCoefficient[] fns;
  // structured (block) mode: the target and the per-bin Jacobian rows of the globals, one entry per local
  private BlockHessian target;
  private BlockStructure bs;
  private int nG;
  private double[] jg;
  private double[] jl;

  Evaluator(CompiledModel m) {
    this.m = m;
    this.units = m.units;
    this.terms = m.terms;
    this.histosys = m.histosys;
    this.factors = m.factors;
    this.binwise = m.binwise;
    this.constraints = m.constraints;
    this.nMain = m.nMain;
    this.np = m.nPars();
    nu = new double[nMain];
    uA = new double[units.nFlat];
    uB = new double[units.nFlat];
    uS = new double[units.n];
    int ng = factors.nGroups();
    gv = new double[ng];
    g1 = new double[ng];
    g2 = new double[ng];
    hs1 = new double[histosys.nBins];
    hs2 = new double[histosys.nBins];
    fv = new double[terms.nFn];
    w = new double[nMain];
    pre = new double[factors.maxGroupsPerUnit + 1];
    suf = new double[factors.maxGroupsPerUnit + 1];
    sj = new double[factors.maxGroupsPerUnit];
    fd1 = new double[terms.maxFnPars];
    fd2 = new double[terms.maxFnPars * terms.maxFnPars];
    nz = new int[np];
    jrow = new double[np];
    fns = terms.functions;
    yieldsAt = new double[np];
  }

  /** The model being evaluated. */
  public CompiledModel model() {
    return m;
  }

  // ------------------------------------------------------------------ yields

  /** Expected main data ν_b (written to {@code out}, length nMain). */
  public void expectedMain(double[] pars, double[] out) {
    computeYields(pars, false);
    System.arraycopy(nu, 0, out, 0, nMain);
  }

  /** Expected auxiliary data: θ for Gaussian constraints, γ·τ for Poisson ones (written, length nAux). */
  public void expectedAux(double[] pars, double[] out) {
    for (int c = 0; c < constraints.nGauss; c++) {
      out[constraints.gaussAux[c]] = pars[constraints.gaussPar[c]];
    }
    for (int c = 0; c < constraints.nPois; c++) {
      out[constraints.poisAux[c]] = pars[constraints.poisPar[c]] * constraints.poisTau[c];
    }
  }

  /** Expected main followed by auxiliary data (written, length nMain + nAux). */
  public void expectedData(double[] pars, double[] out) {
    computeYields(pars, false);
    System.arraycopy(nu, 0, out, 0, nMain);
    for (int c = 0; c < constraints.nGauss; c++) {
      out[nMain + constraints.gaussAux[c]] = pars[constraints.gaussPar[c]];
    }
    for (int c = 0; c < constraints.nPois; c++) {
      out[nMain + constraints.poisAux[c]] = pars[constraints.poisPar[c]] * constraints.poisTau[c];
    }
  }

  /** Expected yields per sample (written: {@code out[sample][mainBin]}, zero where a sample is absent). */
  public void expectedBySample(double[] pars, double[][] out) {
    computeYields(pars, false);
    for (double[] row : out) {
      Arrays.fill(row, 0.0);
    }
    for (int u = 0; u < units.n; u++) {
      int f0 = units.flat0[u];
      int b0 = units.bin0[u];
      double s = uS[u];
      for (int b = 0; b < units.nb[u]; b++) {
        out[units.sample[u]][b0 + b] = s * uA[f0 + b] * uB[f0 + b];
      }
    }
  }

  /**
   * Fills nu (total expected), uA (nominal + shifts), uB (bin-wise factors), uS (scalar factor
   * product) and, with {@code derivs}, the per-group and per-histosys derivatives.
   */
  private void computeYields(double[] pars, boolean derivs) {
    // the yields are a pure function of the parameters: a Newton iteration asks for them at the
    // point just accepted (value and gradient) and again for the Hessian there; reuse them (bit-identical)
    if (yieldsValid && (yieldsDerivs || !derivs) && Arrays.equals(pars, 0, np, yieldsAt, 0, np)) {
      return;
    }
    yieldsValid = false;
    computeYieldsNow(pars, derivs);
    System.arraycopy(pars, 0, yieldsAt, 0, np);
    yieldsDerivs = derivs;
    yieldsValid = true;
  }

  private void computeYieldsNow(double[] pars, boolean derivs) {
    Arrays.fill(nu, 0.0);
    final double[] t = t3;
    for (int k = 0; k < terms.nFn; k++) {
      fv[k] = fnValue(k, pars);
    }
    for (int u = 0; u < units.n; u++) {
      final int nb = units.nb[u];
      final int f0 = units.flat0[u];
      // A: nominal or POI-dependent terms
      if (units.nomOffset[u] >= 0) {
        System.arraycopy(units.nominal, units.nomOffset[u], uA, f0, nb);
      } else {
        Arrays.fill(uA, f0, f0 + nb, 0.0);
        for (int k = terms.start[u]; k < terms.start[u + 1]; k++) {
          double c = fv[terms.fn[k]];
          int d0 = terms.data[k];
          for (int b = 0; b < nb; b++) {
            uA[f0 + b] += c * terms.templates[d0 + b];
          }
        }
      }
      for (int h = histosys.start[u]; h < histosys.start[u + 1]; h++) {
        double alpha = pars[histosys.param[h]];
        int d0 = histosys.data[h];
        int s0 = histosys.flat0[h];
        if (histosys.code[h] == InterpCode.CODE4P && !(alpha > 1) && !(alpha < -1)) {
          // Interpolation.shift's CODE4P polynomial with its α-only factors taken out of the bin loop
          // (the same floating-point operations in the same order)
          final double a2 = alpha * alpha;
          final double p0 = 15 + a2 * (-10 + a2 * 3);
          final double p1 = 30 + a2 * (-40 + a2 * 18);
          final double p2 = 30 + a2 * (-120 + a2 * 90);
          for (int b = 0; b < nb; b++) {
            double up = histosys.up[d0 + b];
            double dn = histosys.dn[d0 + b];
            double sh = 0.5 * (up + dn);
            double a = 0.0625 * (up - dn);
            uA[f0 + b] += alpha * (sh + alpha * a * p0);
            hs1[s0 + b] = sh + a * alpha * p1;
            hs2[s0 + b] = a * p2;
          }
        } else {
          for (int b = 0; b < nb; b++) {
            Interpolation.shift(histosys.code[h], histosys.up[d0 + b], histosys.dn[d0 + b], alpha, t);
            uA[f0 + b] += t[0];
            hs1[s0 + b] = t[1];
            hs2[s0 + b] = t[2];
          }
        }
      }
      // B: bin-wise factors
      Arrays.fill(uB, f0, f0 + nb, 1.0);
      for (int q = binwise.start[u]; q < binwise.start[u + 1]; q++) {
        int i0 = binwise.index[q];
        for (int b = 0; b < nb; b++) {
          int p = binwise.param[i0 + b];
          if (p >= 0) {
            uB[f0 + b] *= pars[p];
          }
        }
      }
      // S: scalar factor groups
      double s = 1.0;
      for (int g = factors.start[u]; g < factors.start[u + 1]; g++) {
        groupValue(g, pars[factors.param[g]], derivs);
        s *= gv[g];
      }
      uS[u] = s;
      final int b0 = units.bin0[u];
      for (int b = 0; b < nb; b++) {
        nu[b0 + b] += s * uA[f0 + b] * uB[f0 + b];
      }
    }
  }

  private void groupValue(int g, double x, boolean derivs) {
    int fs = factors.facStart[g];
    int fe = factors.facStart[g + 1];
    if (fe - fs == 1) {
      factor(fs, x, t3);
      gv[g] = t3[0];
      g1[g] = t3[1];
      g2[g] = t3[2];
      return;
    }
    // product of several factors of the same parameter: (Π f)' and (Π f)''
    double v = 1;
    double d1 = 0;
    double d2 = 0;
    for (int k = fs; k < fe; k++) {
      factor(k, x, t3);
      // (v·f)'' = v''f + 2v'f' + v f''
      d2 = d2 * t3[0] + 2 * d1 * t3[1] + v * t3[2];
      d1 = d1 * t3[0] + v * t3[1];
      v = v * t3[0];
    }
    gv[g] = v;
    g1[g] = d1;
    g2[g] = d2;
  }

  private void factor(int k, double x, double[] out) {
    switch (factors.kind[k]) {
      case ScalarFactors.LINEAR -> {
        out[0] = x;
        out[1] = 1;
        out[2] = 0;
      }
      case ScalarFactors.CODE1 -> Interpolation.factor(InterpCode.CODE1, factors.hi[k], factors.lo[k], null, 0, x, out);
      default -> Interpolation.factor(InterpCode.CODE4, factors.hi[k], factors.lo[k], factors.c4, 6 * k, x, out);
    }
  }

  // ------------------------------------------------------------- coefficient functions

  private double fnValue(int k, double[] pars) {
    return fns[k].value(pars);
  }

  /**
   * Derivatives of coefficient function k w.r.t. its own parameters (terms.fnPar[s..e)): first into
   * fd1[i], second into fd2[i*n+j].
   */
  private void fnDerivs(int k, double[] pars, boolean second) {
    fns[k].derivatives(pars, fd1, second ? fd2 : null);
  }

  // ---------------------------------------------------------------- likelihood

  /**
   * The data-dependent constant of −ln L in the deviance form: Σ_b c(n_b) + Σ ln(σ√2π) + Σ c(a) with
   * c(n) = lnΓ(n+1) − n ln n + n = ½ln(2πn) + O(1/n) (0 for n = 0), so that
   * −ln Pois(n|ν) = d(n, ν) + c(n) with the saturated-relative deviance d ≥ 0 of
   * {@link #poissonDeviance(double, double)}. Each c is O(ln n) whatever the size of n (Stirling's
   * series above n = 10) and the sum is compensated (Neumaier), so the constant that puts 2·nll on
   * pyhf's scale is exact to rounding even for auxiliary counts of 10¹¹. Compute once per dataset
   * and pass to {@link #nll(double[], double[], double)}.
   */
  public double constant(double[] data) {
    double sum = 0;
    double comp = 0;
    for (int b = 0; b < nMain; b++) {
      double t = saturatedConstant(data[b]);
      double u = sum + t;
      comp += Math.abs(sum) >= Math.abs(t) ? (sum - u) + t : (t - u) + sum;
      sum = u;
    }
    for (int i = 0; i < constraints.nGauss; i++) {
      double t = Math.log(constraints.gaussSigma[i]) + LN_SQRT_2PI;
      double u = sum + t;
      comp += Math.abs(sum) >= Math.abs(t) ? (sum - u) + t : (t - u) + sum;
      sum = u;
    }
    for (int i = 0; i < constraints.nPois; i++) {
      double t = saturatedConstant(data[nMain + constraints.poisAux[i]]);
      double u = sum + t;
      comp += Math.abs(sum) >= Math.abs(t) ? (sum - u) + t : (t - u) + sum;
      sum = u;
    }
    return sum + comp;
  }

  /**
   * c(n) = lnΓ(n+1) − n ln n + n, the value of −ln Pois(n | n) (the saturated model), continuous in
   * n ≥ 0. Above n = 10 from Stirling's series ½ln(2πn) + 1/(12n) − 1/(360n³) + ... (seven terms,
   * exact to rounding), which avoids the cancellation between lnΓ(n+1) and n ln n; below, directly.
   */
  public static double saturatedConstant(double n) {
    if (n == 0.0) {
      return 0.0;
    }
    if (n < 10.0) {
      return lnFactorial(n) - n * Math.log(n) + n;
    }
    double r = 1.0 / n;
    double r2 = r * r;
    double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680
        - r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 * (1.0 / 156)))))));
    return 0.5 * Math.log(2 * Math.PI * n) + series;
  }

  /**
   * The saturated-relative Poisson deviance d(n, ν) = ν − n + n ln(n/ν) = n·φ((ν − n)/n) with
   * φ(x) = x − ln(1 + x) ≥ 0 (ν for n = 0; +∞ where ν ≤ 0 and n &gt; 0). It is computed without
   * cancellation, so it stays accurate to rounding when n is 10¹² and ν − n is 1.
   */
  public static double poissonDeviance(double n, double nu) {
    if (n == 0.0) {
      return nu;
    }
    if (!(nu > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    return n * xMinusLog1p((nu - n) / n);
  }

  /** ln Γ(n + 1), continuous in n (pyhf's {@code gammaln(n + 1)}). */
  public static double lnFactorial(double n) {
    return n == 0.0 || n == 1.0 ? 0.0 : Gamma.logGamma(n + 1.0);
  }

  /** φ(x) = x − ln(1 + x) for x &gt; −1, by its Taylor series near 0 (no cancellation). */
  static double xMinusLog1p(double x) {
    if (Math.abs(x) < 0.1) {
      // x²·(1/2 − x/3 + x²/4 − ...): 17 terms reach rounding for |x| < 0.1
      double p = 0;
      for (int k = 18; k >= 2; k--) {
        p = 1.0 / k - x * p;
      }
      return x * x * p;
    }
    return x - Math.log1p(x);
  }

  /** −ln L(pars | data) with the constant computed on the fly. */
  public double nll(double[] pars, double[] data) {
    return nll(pars, data, constant(data));
  }

  /**
   * −ln L(pars | data) given {@link #constant(double[])}. Positivity policy: +∞ wherever an expected
   * count is negative, or zero with n &gt; 0 (L = 0 there); the minimiser treats such points as
   * outside the domain. (pyhf returns a finite number for ν &lt; 0 with n = 0, which is not a
   * log-probability; interference terms make such regions reachable, so sumbin refuses them.)
   */
  public double nll(double[] pars, double[] data, double constant) {
    computeYields(pars, false);
    return mainAndConstraints(pars, data, null) + constant;
  }

  /**
   * −ln L and its gradient (written to {@code grad}). Returns +∞ (gradient undefined) where an
   * expected count is ≤ 0 with a positive observation.
   */
  public double nllGrad(double[] pars, double[] data, double constant, double[] grad) {
    computeYields(pars, true);
    Arrays.fill(grad, 0, np, 0.0);
    double v = mainAndConstraints(pars, data, grad);
    if (v == Double.POSITIVE_INFINITY) {
      return v;
    }
    accumulateGradient(pars, grad);
    return v + constant;
  }

  /** Main Poisson terms and constraints (variable part); fills w (and constraint gradient). */
  private double mainAndConstraints(double[] pars, double[] data, double[] grad) {
    // deviance form: every term is relative to its saturated value, so the sum stays of the order
    // of the number of terms whatever the counts (the constants are in constant(data))
    double s = 0;
    for (int b = 0; b < nMain; b++) {
      double n = data[b];
      double v = nu[b];
      if (n == 0) {
        if (v < 0) {
          return Double.POSITIVE_INFINITY; // a negative Poisson mean has no probability
        }
        s += v;
        w[b] = 1.0;
      } else {
        if (!(v > 0)) {
          return Double.POSITIVE_INFINITY;
        }
        s += n * xMinusLog1p((v - n) / n);
        w[b] = (v - n) / v;
      }
    }
    final int nm = nMain;
    for (int c = 0; c < constraints.nGauss; c++) {
      int p = constraints.gaussPar[c];
      double sg = constraints.gaussSigma[c];
      double d = (pars[p] - data[nm + constraints.gaussAux[c]]) / sg;
      s += 0.5 * d * d;
      if (grad != null) {
        grad[p] += d / sg;
      }
    }
    for (int c = 0; c < constraints.nPois; c++) {
      int p = constraints.poisPar[c];
      double tau = constraints.poisTau[c];
      double a = data[nm + constraints.poisAux[c]];
      double lam = pars[p] * tau;
      if (a == 0) {
        s += lam;
        if (grad != null) {
          grad[p] += tau;
        }
      } else {
        if (!(lam > 0)) {
          return Double.POSITIVE_INFINITY;
        }
        // about the centre c = a/τ: d = a·φ((γ − c)/c), ∂d/∂γ = τ(γ − c)/γ (no cancellation of τ-sized terms)
        double centre = a / tau;
        double dev = pars[p] - centre;
        s += a * xMinusLog1p(dev / centre);
        if (grad != null) {
          grad[p] += tau * dev / pars[p];
        }
      }
    }
    return s;
  }

  /** Prefix/suffix products of the unit's group values: pre[j] = Π_{i<j} g_i, suf[j] = Π_{i≥j} g_i. */
  private int prefixSuffix(int u) {
    int gs = factors.start[u];
    int ng = factors.start[u + 1] - gs;
    pre[0] = 1;
    for (int j = 0; j < ng; j++) {
      pre[j + 1] = pre[j] * gv[gs + j];
    }
    suf[ng] = 1;
    for (int j = ng - 1; j >= 0; j--) {
      suf[j] = suf[j + 1] * gv[gs + j];
    }
    for (int j = 0; j < ng; j++) {
      sj[j] = g1[gs + j] * pre[j] * suf[j + 1];
    }
    return ng;
  }

  /** Product of the unit's bin-wise factors at flat bin fb, excluding modifier q (no division). */
  private double bwOthers(int u, int q, int b, double[] pars) {
    double v = 1;
    for (int o = binwise.start[u]; o < binwise.start[u + 1]; o++) {
      if (o != q) {
        int p = binwise.param[binwise.index[o] + b];
        if (p >= 0) {
          v *= pars[p];
        }
      }
    }
    return v;
  }

  private void accumulateGradient(double[] pars, double[] grad) {
    for (int u = 0; u < units.n; u++) {
      final int nb = units.nb[u];
      final int f0 = units.flat0[u];
      final int b0 = units.bin0[u];
      final double s = uS[u];
      // scalar groups
      int gs = factors.start[u];
      int ng = factors.start[u + 1] - gs;
      if (ng > 0) {
        double sumWT = 0;
        for (int b = 0; b < nb; b++) {
          sumWT += w[b0 + b] * uA[f0 + b] * uB[f0 + b];
        }
        prefixSuffix(u);
        for (int j = 0; j < ng; j++) {
          grad[factors.param[gs + j]] += sj[j] * sumWT;
        }
      }
      if (s == 0.0) {
        // every other derivative carries the factor S
        continue;
      }
      // histosys
      for (int h = histosys.start[u]; h < histosys.start[u + 1]; h++) {
        int s0 = histosys.flat0[h];
        double acc = 0;
        for (int b = 0; b < nb; b++) {
          acc += w[b0 + b] * uB[f0 + b] * hs1[s0 + b];
        }
        grad[histosys.param[h]] += s * acc;
      }
      // POI-dependent terms
      for (int k = terms.start[u]; k < terms.start[u + 1]; k++) {
        int fn = terms.fn[k];
        int d0 = terms.data[k];
        double y = 0;
        for (int b = 0; b < nb; b++) {
          y += w[b0 + b] * uB[f0 + b] * terms.templates[d0 + b];
        }
        y *= s;
        fnDerivs(fn, pars, false);
        for (int i = terms.fnStart[fn]; i < terms.fnStart[fn + 1]; i++) {
          grad[terms.fnPar[i]] += fd1[i - terms.fnStart[fn]] * y;
        }
      }
      // bin-wise factors
      for (int q = binwise.start[u]; q < binwise.start[u + 1]; q++) {
        int i0 = binwise.index[q];
        for (int b = 0; b < nb; b++) {
          int p = binwise.param[i0 + b];
          if (p >= 0) {
            grad[p] += w[b0 + b] * s * uA[f0 + b] * bwOthers(u, q, b, pars);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- Hessians

  /**
   * Exact Hessian of −ln L (written row-major to {@code hess}, nPars × nPars). Returns false (and
   * leaves {@code hess} undefined) where the likelihood is not finite.
   */
  public boolean hessian(double[] pars, double[] data, double[] hess) {
    computeYields(pars, true);
    if (mainAndConstraints(pars, data, null) == Double.POSITIVE_INFINITY) {
      return false;
    }
    Arrays.fill(hess, 0, np * np, 0.0);
    fillJacobian(pars, true, hess);
    // J^T D J with D_b = n_b / ν_b²
    for (int b = 0; b < nMain; b++) {
      double n = data[b];
      if (n == 0) {
        continue;
      }
      addOuter(b, n / (nu[b] * nu[b]), hess);
    }
    final int nm = nMain;
    for (int c = 0; c < constraints.nGauss; c++) {
      int p = constraints.gaussPar[c];
      hess[p * np + p] += 1.0 / (constraints.gaussSigma[c] * constraints.gaussSigma[c]);
    }
    for (int c = 0; c < constraints.nPois; c++) {
      int p = constraints.poisPar[c];
      double a = data[nm + constraints.poisAux[c]];
      hess[p * np + p] += a / (pars[p] * pars[p]);
    }
    symmetrize(hess);
    return true;
  }

  /** Averages rounding differences between H_ij and H_ji. */
  private void symmetrize(double[] hess) {
    for (int i = 0; i < np; i++) {
      for (int j = i + 1; j < np; j++) {
        double v = 0.5 * (hess[i * np + j] + hess[j * np + i]);
        hess[i * np + j] = v;
        hess[j * np + i] = v;
      }
    }
  }

  /**
   * Expected (Fisher) information of −ln L at {@code pars}: Σ_b ∇ν_b∇ν_bᵀ/ν_b + 1/σ² for Gaussian
   * and τ/γ for Poisson constraints (written row-major to {@code hess}). Bins with ν_b ≤ 0 are skipped.
   */
  public void fisher(double[] pars, double[] hess) {
    computeYields(pars, true);
    Arrays.fill(hess, 0, np * np, 0.0);
    fillJacobian(pars, false, hess);
    for (int b = 0; b < nMain; b++) {
      if (nu[b] > 0) {
        addOuter(b, 1.0 / nu[b], hess);
      }
    }
    for (int c = 0; c < constraints.nGauss; c++) {
      int p = constraints.gaussPar[c];
      hess[p * np + p] += 1.0 / (constraints.gaussSigma[c] * constraints.gaussSigma[c]);
    }
    for (int c = 0; c < constraints.nPois; c++) {
      int p = constraints.poisPar[c];
      hess[p * np + p] += constraints.poisTau[c] / pars[p];
    }
    symmetrize(hess);
  }

  // ------------------------------------------------- block-structured Hessians (bin-local parameters)

  /**
   * The exact Hessian of −ln L in the block form of {@link CompiledModel#blockStructure()} (written to
   * {@code out}, whose structure must be the model's): the same entries as
   * {@link #hessian(double[], double[], double[])} in O(nMain·n_G² + n_L) time and memory linear in
   * the bins. Returns false where the likelihood is not finite.
   */
  public boolean hessian(double[] pars, double[] data, BlockHessian out) {
    computeYields(pars, true);
    if (mainAndConstraints(pars, data, null) == Double.POSITIVE_INFINITY) {
      return false;
    }
    beginBlocks(out);
    try {
      fillJacobian(pars, true, null);
      for (int b = 0; b < nMain; b++) {
        double n = data[b];
        if (n != 0) {
          addOuterBlocks(b, n / (nu[b] * nu[b]));
        }
      }
      final int nm = nMain;
      for (int c = 0; c < constraints.nGauss; c++) {
        int p = constraints.gaussPar[c];
        out.add(p, p, 1.0 / (constraints.gaussSigma[c] * constraints.gaussSigma[c]));
      }
      for (int c = 0; c < constraints.nPois; c++) {
        int p = constraints.poisPar[c];
        double a = data[nm + constraints.poisAux[c]];
        out.add(p, p, a / (pars[p] * pars[p]));
      }
    } finally {
      target = null;
    }
    out.symmetrize();
    return true;
  }

  /** The expected information of {@link #fisher(double[], double[])} in block form (written to {@code out}). */
  public void fisher(double[] pars, BlockHessian out) {
    computeYields(pars, true);
    beginBlocks(out);
    try {
      fillJacobian(pars, false, null);
      for (int b = 0; b < nMain; b++) {
        if (nu[b] > 0) {
          addOuterBlocks(b, 1.0 / nu[b]);
        }
      }
      for (int c = 0; c < constraints.nGauss; c++) {
        int p = constraints.gaussPar[c];
        out.add(p, p, 1.0 / (constraints.gaussSigma[c] * constraints.gaussSigma[c]));
      }
      for (int c = 0; c < constraints.nPois; c++) {
        int p = constraints.poisPar[c];
        out.add(p, p, constraints.poisTau[c] / pars[p]);
      }
    } finally {
      target = null;
    }
    out.symmetrize();
  }

  private void beginBlocks(BlockHessian out) {
    BlockStructure st = m.blockStructure();
    if (out.structure() != st) {
      throw new IllegalArgumentException("the block Hessian was made for another model's structure");
    }
    if (bs != st) {
      bs = st;
      nG = st.nGlobal();
      jg = new double[nMain * nG];
      jl = new double[st.nLocal()];
    }
    out.clear();
    target = out;
  }

  /** Adds d·∇ν_b∇ν_bᵀ for main bin b from the structured Jacobian (globals of the bin, locals of its block). */
  private void addOuterBlocks(int b, double d) {
    int row = b * nG;
    int k = 0;
    for (int g = 0; g < nG; g++) {
      double v = jg[row + g];
      if (v != 0.0) {
        nz[k] = bs.global(g);
        jrow[k++] = v;
      }
    }
    int blk = bs.blockOfBin(b);
    if (blk >= 0) {
      for (int l = bs.blockStart(blk); l < bs.blockStart(blk + 1); l++) {
        if (jl[l] != 0.0) {
          nz[k] = bs.local(l);
          jrow[k++] = jl[l];
        }
      }
    }
    for (int i = 0; i < k; i++) {
      double di = d * jrow[i];
      for (int j = 0; j < k; j++) {
        target.add(nz[i], nz[j], di * jrow[j]);
      }
    }
  }

  /**
   * Jacobian ∂ν_b/∂θ_p (written, row-major nMain × nPars) at {@code pars}.
   *
   * @param out length nMain·nPars (written)
   */
  public void jacobian(double[] pars, double[] out) {
    computeYields(pars, true);
    fillJacobian(pars, false, null);
    System.arraycopy(jac, 0, out, 0, nMain * np);
  }

  private void addOuter(int b, double d, double[] hess) {
    int row = b * np;
    int k = 0;
    for (int p = 0; p < np; p++) {
      double v = jac[row + p];
      if (v != 0.0) {
        nz[k] = p;
        jrow[k++] = v;
      }
    }
    for (int i = 0; i < k; i++) {
      double di = d * jrow[i];
      int hi = nz[i] * np;
      for (int j = 0; j < k; j++) {
        hess[hi + nz[j]] += di * jrow[j];
      }
    }
  }

  private void addSym(double[] hess, int p, int q, double v) {
    if (target != null) {
      target.add(p, q, v);
      target.add(q, p, v);
      return;
    }
    hess[p * np + q] += v;
    hess[q * np + p] += v;
  }

  /** Adds v to H_pq: the dense array, or the block Hessian in structured mode. */
  private void addH(double[] hess, int p, int q, double v) {
    if (target != null) {
      target.add(p, q, v);
    } else {
      hess[p * np + q] += v;
    }
  }

  /** Adds v to ∂ν_bin/∂θ_p: the dense Jacobian, or its per-bin global row / per-local entry in structured mode. */
  private void addJ(int bin, int p, double v) {
    if (target == null) {
      jac[bin * np + p] += v;
      return;
    }
    int l = bs.localIndex(p);
    if (l >= 0) {
      jl[l] += v;
    } else {
      jg[bin * nG + bs.globalIndex(p)] += v;
    }
  }

  /**
   * Fills jac with ∂ν/∂θ and, with {@code second}, adds Σ_b r_b ∂²ν_b/∂θ∂θ to hess (r = 1 − n/ν).
   */
  private void fillJacobian(double[] pars, boolean second, double[] hess) {
    if (target != null) {
      Arrays.fill(jg, 0.0);
      Arrays.fill(jl, 0.0);
    } else {
      if (jac == null) {
        jac = new double[nMain * np];
      }
      Arrays.fill(jac, 0, nMain * np, 0.0);
    }
    for (int u = 0; u < units.n; u++) {
      final int nb = units.nb[u];
      final int f0 = units.flat0[u];
      final int b0 = units.bin0[u];
      final double s = uS[u];
      final int gs = factors.start[u];
      final int ng = factors.start[u + 1] - gs;
      if (ng > 0) {
        prefixSuffix(u);
        for (int j = 0; j < ng; j++) {
          int p = factors.param[gs + j];
          double sjj = sj[j];
          if (sjj != 0.0) {
            for (int b = 0; b < nb; b++) {
              addJ(b0 + b, p, sjj * uA[f0 + b] * uB[f0 + b]);
            }
          }
        }
      }
      for (int h = histosys.start[u]; h < histosys.start[u + 1]; h++) {
        int p = histosys.param[h];
        int s0 = histosys.flat0[h];
        for (int b = 0; b < nb; b++) {
          addJ(b0 + b, p, s * uB[f0 + b] * hs1[s0 + b]);
        }
      }
      for (int k = terms.start[u]; k < terms.start[u + 1]; k++) {
        int fn = terms.fn[k];
        int d0 = terms.data[k];
        fnDerivs(fn, pars, false);
        for (int i = terms.fnStart[fn]; i < terms.fnStart[fn + 1]; i++) {
          int p = terms.fnPar[i];
          double c = s * fd1[i - terms.fnStart[fn]];
          for (int b = 0; b < nb; b++) {
            addJ(b0 + b, p, c * uB[f0 + b] * terms.templates[d0 + b]);
          }
        }
      }
      for (int q = binwise.start[u]; q < binwise.start[u + 1]; q++) {
        int i0 = binwise.index[q];
        for (int b = 0; b < nb; b++) {
          int p = binwise.param[i0 + b];
          if (p >= 0) {
            addJ(b0 + b, p, s * uA[f0 + b] * bwOthers(u, q, b, pars));
          }
        }
      }
      if (second) {
        secondDerivatives(u, pars, hess);
      }
    }
  }

  /** Adds Σ_b r_b ∂²ν_ub/∂θ∂θ of unit u to hess. */
  private void secondDerivatives(int u, double[] pars, double[] hess) {
    final int nb = units.nb[u];
    final int f0 = units.flat0[u];
    final int b0 = units.bin0[u];
    final double s = uS[u];
    final int gs = factors.start[u];
    final int ng = factors.start[u + 1] - gs;
    // (a) scalar × scalar: S_ij · Σ r A B
    if (ng > 0) {
      double rab = 0;
      for (int b = 0; b < nb; b++) {
        rab += w[b0 + b] * uA[f0 + b] * uB[f0 + b];
      }
      if (rab != 0.0) {
        for (int i = 0; i < ng; i++) {
          int pi = factors.param[gs + i];
          // diagonal: g_i'' Π_{k≠i} g_k
          addH(hess, pi, pi, g2[gs + i] * pre[i] * suf[i + 1] * rab);
          double mid = 1;
          for (int j = i + 1; j < ng; j++) {
            int pj = factors.param[gs + j];
            double sij = g1[gs + i] * g1[gs + j] * pre[i] * mid * suf[j + 1];
            addSym(hess, pi, pj, sij * rab);
            mid *= gv[gs + j];
          }
        }
      }
    }
    // histosys: (b) with scalars, (e) diagonal, (g) with bin-wise
    for (int h = histosys.start[u]; h < histosys.start[u + 1]; h++) {
      int ph = histosys.param[h];
      int s0 = histosys.flat0[h];
      double x1 = 0;
      double x2 = 0;
      for (int b = 0; b < nb; b++) {
        double rb = w[b0 + b] * uB[f0 + b];
        x1 += rb * hs1[s0 + b];
        x2 += rb * hs2[s0 + b];
      }
      addH(hess, ph, ph, s * x2);
      for (int j = 0; j < ng; j++) {
        addSym(hess, factors.param[gs + j], ph, sj[j] * x1);
      }
      for (int q = binwise.start[u]; q < binwise.start[u + 1]; q++) {
        int i0 = binwise.index[q];
        for (int b = 0; b < nb; b++) {
          int p = binwise.param[i0 + b];
          if (p >= 0) {
            addSym(hess, ph, p, s * w[b0 + b] * hs1[s0 + b] * bwOthers(u, q, b, pars));
          }
        }
      }
    }
    // terms: (c) with scalars, (f) within, (h) with bin-wise
    for (int k = terms.start[u]; k < terms.start[u + 1]; k++) {
      int fn = terms.fn[k];
      int d0 = terms.data[k];
      int fs = terms.fnStart[fn];
      int nf = terms.fnStart[fn + 1] - fs;
      double y = 0;
      for (int b = 0; b < nb; b++) {
        y += w[b0 + b] * uB[f0 + b] * terms.templates[d0 + b];
      }
      fnDerivs(fn, pars, true);
      for (int i = 0; i < nf; i++) {
        int pi = terms.fnPar[fs + i];
        for (int l = 0; l < nf; l++) {
          addH(hess, pi, terms.fnPar[fs + l], s * fd2[i * nf + l] * y);
        }
        for (int j = 0; j < ng; j++) {
          addSym(hess, factors.param[gs + j], pi, sj[j] * fd1[i] * y);
        }
        for (int q = binwise.start[u]; q < binwise.start[u + 1]; q++) {
          int i0 = binwise.index[q];
          for (int b = 0; b < nb; b++) {
            int p = binwise.param[i0 + b];
            if (p >= 0) {
              addSym(hess, pi, p, s * w[b0 + b] * fd1[i] * terms.templates[d0 + b] * bwOthers(u, q, b, pars));
            }
          }
        }
      }
    }
    // bin-wise: (d) with scalars, (i) among themselves
    for (int q = binwise.start[u]; q < binwise.start[u + 1]; q++) {
      int i0 = binwise.index[q];
      for (int b = 0; b < nb; b++) {
        int p = binwise.param[i0 + b];
        if (p < 0) {
          continue;
        }
        double rab = w[b0 + b] * uA[f0 + b] * bwOthers(u, q, b, pars);
        for (int j = 0; j < ng; j++) {
          addSym(hess, factors.param[gs + j], p, sj[j] * rab);
        }
        for (int q2 = q + 1; q2 < binwise.start[u + 1]; q2++) {
          int p2 = binwise.param[binwise.index[q2] + b];
          if (p2 < 0) {
            continue;
          }
          double others = 1;
          for (int o = binwise.start[u]; o < binwise.start[u + 1]; o++) {
            if (o != q && o != q2) {
              int po = binwise.param[binwise.index[o] + b];
              if (po >= 0) {
                others *= pars[po];
              }
            }
          }
          addSym(hess, p, p2, s * w[b0 + b] * uA[f0 + b] * others);
        }
      }
    }
  }
}
