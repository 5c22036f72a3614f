package io.sumbin.histmodel.fit;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Evaluator;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.compile.TestModels;
import io.sumbin.histmodel.likelihood.BlockHessian;
import io.sumbin.histmodel.likelihood.BlockStructure;
import io.sumbin.histmodel.likelihood.PoissonConstraint;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.histmodel.util.Cholesky;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The block form of the Hessian (issue 12, item 6): the same matrix as the dense one, the same Newton
 * steps, inverse and curvature, the same fits; and a 20 000-bin model whose per-bin answers are known
 * in closed form.
 */
class BlockHessianTest {
  /** Entries of the block and the dense Hessian (summation order differs): relative to the largest entry. */
  static final double ENTRY_TOL = 1e-12;
  /** Solves, inverses, quadratic forms: relative. */
  static final double ALGEBRA_TOL = 1e-8;
  /** Fits in the two forms: twice_nll absolute, parameters and uncertainties absolute. */
  static final double FIT_NLL_TOL = 1e-8;
  static final double FIT_PAR_TOL = 1e-6;
  /** Closed-form per-bin minimum and curvature. */
  static final double CLOSED_FORM_TOL = 1e-7;

  record Case(String name, CompiledModel model, double[] data) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> models() {
    return Stream.of(fromSpec("everything", TestModels.everything()), fromSpec("withTerms", TestModels.withTerms()),
        fromWorkspace("perBinShapesys(40)", ExampleModels.perBinShapesys(40)));
  }

  static Case fromSpec(String name, ModelSpec spec) {
    CompiledModel m = ModelCompiler.compile(spec);
    double[] d = new double[m.nMain() + m.nAux()];
    m.evaluator().expectedData(m.suggestedInit(), d);
    for (int b = 0; b < m.nMain(); b++) {
      d[b] = Math.round(d[b] * 1.1 + 1);
    }
    return new Case(name, m, d);
  }

  static Case fromWorkspace(String name, Workspace ws) {
    CompiledModel m = Models.compile(ws, null);
    return new Case(name, m, Models.observedData(ws, m));
  }

  static double[] randomPoint(CompiledModel m, Random rnd) {
    double[] x = m.suggestedInit();
    for (int i = 0; i < x.length; i++) {
      double v = x[i] + 0.4 * (2 * rnd.nextDouble() - 1);
      x[i] = Math.min(Math.max(v, m.lowerBounds()[i] + 0.05), m.upperBounds()[i] - 0.05);
    }
    return x;
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @Test
  void bin_localParametersAreFoundPerBin() {
    CompiledModel m = ModelCompiler.compile(TestModels.everything());
    BlockStructure s = m.blockStructure();
    // SR: bkg_unc[b] and stat_SR[b] share a bin (blocks of 2); CR: sf[j] alone; everything else is global
    assertThat(s.nLocal()).isEqualTo(3 * 2 + 2);
    assertThat(s.nBlocks()).isEqualTo(5);
    assertThat(s.maxBlock()).isEqualTo(2);
    for (String g : new String[] {"mu", "lumi", "jes", "shape", "sig_theory"}) {
      assertThat(s.globalIndex(m.parIndex(g))).as(g).isGreaterThanOrEqualTo(0);
    }
    assertThat(s.localIndex(m.parIndex("stat_SR[1]"))).isGreaterThanOrEqualTo(0);
    assertThat(s.blockOfLocal(s.localIndex(m.parIndex("stat_SR[1]"))))
        .isEqualTo(s.blockOfLocal(s.localIndex(m.parIndex("bkg_unc[1]"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void blockHessianAndFisherEqualTheDenseOnes(Case c) {
    CompiledModel m = c.model();
    int n = m.nPars();
    Evaluator ev = m.evaluator();
    BlockHessian bh = new BlockHessian(m.blockStructure());
    double[] dense = new double[n * n];
    double[] fromBlocks = new double[n * n];
    Random rnd = new Random(11);
    for (int trial = 0; trial < 4; trial++) {
      double[] x = randomPoint(m, rnd);
      assertThat(ev.hessian(x, c.data(), dense)).isTrue();
      assertThat(ev.hessian(x, c.data(), bh)).isTrue();
      bh.toDense(fromBlocks);
      double scale = maxAbs(dense);
      for (int k = 0; k < n * n; k++) {
        assertThat(fromBlocks[k]).as("H[%d][%d]", k / n, k % n).isCloseTo(dense[k], within(ENTRY_TOL * scale));
      }
      ev.fisher(x, dense);
      ev.fisher(x, bh);
      bh.toDense(fromBlocks);
      scale = maxAbs(dense);
      for (int k = 0; k < n * n; k++) {
        assertThat(fromBlocks[k]).as("I[%d][%d]", k / n, k % n).isCloseTo(dense[k], within(ENTRY_TOL * scale));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void schurSolveInverseAndQuadraticFormEqualDenseAlgebra(Case c) {
    CompiledModel m = c.model();
    int n = m.nPars();
    Evaluator ev = m.evaluator();
    BlockHessian bh = new BlockHessian(m.blockStructure());
    Random rnd = new Random(3);
    double[] x = m.suggestedInit();
    ev.fisher(x, bh); // positive definite
    double[] h = new double[n * n];
    bh.toDense(h);
    for (int trial = 0; trial < 6; trial++) {
      int[] free = new int[n];
      int nf = 0;
      boolean[] include = new boolean[n];
      for (int i = 0; i < n; i++) {
        if (rnd.nextDouble() < 0.8) {
          free[nf++] = i;
          include[i] = true;
        }
      }
      double lambda = trial % 2 == 0 ? 0 : 1e-3;
      double[] g = new double[n];
      for (int i = 0; i < n; i++) {
        g[i] = rnd.nextGaussian();
      }
      // dense reference: (H_ff + λ D) d = −g_f
      double maxDiag = 0;
      for (int k = 0; k < nf; k++) {
        maxDiag = Math.max(maxDiag, Math.abs(h[free[k] * n + free[k]]));
      }
      double eps = 1e-12 * (1 + maxDiag);
      double[] a = new double[nf * nf];
      double[] ref = new double[nf];
      for (int p = 0; p < nf; p++) {
        for (int q = 0; q < nf; q++) {
          a[p * nf + q] = h[free[p] * n + free[q]];
        }
        a[p * nf + p] += lambda * Math.max(Math.abs(h[free[p] * n + free[p]]), eps);
        ref[p] = -g[free[p]];
      }
      double[] copy = a.clone();
      assertThat(Cholesky.factor(a, nf)).isTrue();
      Cholesky.solve(a, nf, ref);
      double[] d = new double[nf];
      assertThat(bh.solve(free, nf, lambda, g, d)).isTrue();
      double scale = maxAbs(ref);
      for (int k = 0; k < nf; k++) {
        assertThat(d[k]).as("step %d", k).isCloseTo(ref[k], within(ALGEBRA_TOL * scale));
      }
      // quadratic form of the step
      double[] step = new double[n];
      double qRef = 0;
      for (int p = 0; p < nf; p++) {
        step[free[p]] = d[p];
      }
      for (int p = 0; p < n; p++) {
        for (int q = 0; q < n; q++) {
          qRef += step[p] * h[p * n + q] * step[q];
        }
      }
      assertThat(bh.quadraticForm(step)).isCloseTo(qRef, within(ALGEBRA_TOL * Math.abs(qRef)));
      if (lambda == 0) {
        // inverse on the free set
        double[] inv = new double[nf * nf];
        Cholesky.factor(copy, nf);
        Cholesky.inverse(copy, nf, inv, new double[nf]);
        double[] variance = new double[n];
        double[] cov = new double[n * n];
        assertThat(bh.inverse(include, variance, cov)).isTrue();
        double s = maxAbs(inv);
        for (int p = 0; p < nf; p++) {
          assertThat(variance[free[p]]).isCloseTo(inv[p * nf + p], within(ALGEBRA_TOL * s));
          for (int q = 0; q < nf; q++) {
            assertThat(cov[free[p] * n + free[q]]).as("cov[%d][%d]", free[p], free[q]).isCloseTo(inv[p * nf + q], within(ALGEBRA_TOL * s));
          }
        }
      }
    }
  }

  /** Two globals and blocks of sizes 2 and 1 (bins 0 and 2). */
  static BlockHessian handMade() {
    BlockStructure s = new BlockStructure(5, new int[] {-1, 0, -1, 0, 2}, 3);
    BlockHessian h = new BlockHessian(s);
    double[][] m = {
        {4, 1, 0.5, 0.2, 0.3},
        {1, 3, 0.4, 0.5, 0},
        {0.5, 0.4, 2, 0.1, 0.2},
        {0.2, 0.5, 0.1, 2, 0},
        {0.3, 0, 0.2, 0, 1}};
    for (int p = 0; p < 5; p++) {
      for (int q = 0; q < 5; q++) {
        if (m[p][q] != 0) {
          h.add(p, q, m[p][q]);
        }
      }
    }
    return h;
  }

  @Test
  void negativeCurvatureIsFoundInABlockAndInTheSchurComplement() {
    int[] free = {0, 1, 2, 3, 4};
    double[] g = {1, 1, 1, 1, 1};
    double[] d = new double[5];
    BlockHessian pd = handMade();
    assertThat(pd.negativeCurvature(free, 5, g, d)).as("positive definite: none").isFalse();
    // a block made indefinite: H[1][1] = −1
    BlockHessian blockNeg = handMade();
    blockNeg.add(1, 1, -4);
    assertThat(blockNeg.negativeCurvature(free, 5, g, d)).isTrue();
    assertThat(curvature(blockNeg, d)).isNegative();
    assertThat(g[0] * d[0] + g[1] * d[1] + g[2] * d[2] + g[3] * d[3] + g[4] * d[4]).as("downhill").isLessThanOrEqualTo(0);
    // blocks positive definite, H_GG made indefinite so that S is
    BlockHessian schurNeg = handMade();
    schurNeg.add(0, 2, 3);
    schurNeg.add(2, 0, 3);
    assertThat(schurNeg.solve(free, 5, 0, g, new double[5])).as("not positive definite").isFalse();
    assertThat(schurNeg.negativeCurvature(free, 5, g, d)).isTrue();
    assertThat(curvature(schurNeg, d)).isNegative();
  }

  static double curvature(BlockHessian h, double[] d) {
    double[] dense = new double[25];
    h.toDense(dense);
    double q = 0;
    for (int p = 0; p < 5; p++) {
      for (int r = 0; r < 5; r++) {
        q += d[p] * dense[p * 5 + r] * d[r];
      }
    }
    return q;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void fitsInTheBlockAndTheDenseFormAgree(Case c) {
    CompiledModel m = c.model();
    FitResult dense = new Fitter(m, MinimizerSettings.DEFAULT.withHessianForm(MinimizerSettings.HessianForm.DENSE)).fit(c.data());
    FitResult blocks = new Fitter(m, MinimizerSettings.DEFAULT.withHessianForm(MinimizerSettings.HessianForm.BLOCK)).fit(c.data());
    assertThat(blocks.converged()).as(blocks.message()).isTrue();
    assertThat(blocks.hessianOk()).isEqualTo(dense.hessianOk());
    assertThat(blocks.twiceNll()).isCloseTo(dense.twiceNll(), within(FIT_NLL_TOL));
    for (int i = 0; i < m.nPars(); i++) {
      assertThat(blocks.bestfit()[i]).as(m.parName(i)).isCloseTo(dense.bestfit()[i], within(FIT_PAR_TOL));
      assertThat(blocks.uncertainties()[i]).as("σ " + m.parName(i)).isCloseTo(dense.uncertainties()[i], within(FIT_PAR_TOL));
    }
    if (dense.covariance() != null) {
      for (int k = 0; k < dense.covariance().length; k++) {
        assertThat(blocks.covariance()[k]).isCloseTo(dense.covariance()[k], within(FIT_PAR_TOL));
      }
    }
  }

  /**
   * With μ and the normsys fixed, every bin of {@link ExampleModels#perBinShapesys} is its own problem:
   * γ̂_b is the positive root of (B+τ)Bγ² + ((B+τ)S − nB − τB)γ − τS = 0 and its curvature is
   * nB²/ν² + τ/γ². 20 000 bins (a dense Hessian would need 3.2 GB per copy).
   */
  @Test
  @Timeout(60)
  void twentyThousandBinsFitPerBinInClosedForm() {
    int bins = 20_000;
    Workspace ws = ExampleModels.perBinShapesys(bins);
    CompiledModel m = Models.compile(ws, null);
    double[] data = Models.observedData(ws, m);
    int mu = m.parIndex("mu");
    int norm = m.parIndex("bkg_norm");
    double muVal = 0.7;
    FitResult r = new Fitter(m).fit(data, FitOptions.suggested(m).withFixed(mu, muVal).withFixed(norm, 0.0));
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(r.covariance()).as("no n² covariance above %d parameters", Fitter.DENSE_COVARIANCE_MAX).isNull();
    double[] sig = ws.channels().get(0).samples().get(0).data();
    double[] bkg = ws.channels().get(0).samples().get(1).data();
    double[] tauOf = new double[m.nPars()];
    for (PoissonConstraint c : m.poissonConstraints()) {
      tauOf[c.parameter()] = c.tau();
      assertThat(data[m.nMain() + c.aux()]).as("nominal auxiliary datum = τ").isEqualTo(c.tau());
    }
    for (int b = 0; b < bins; b += 97) {
      int p = m.parIndex("bkg_stat[" + b + "]");
      double tau = tauOf[p];
      double s = muVal * sig[b];
      double bb = bkg[b];
      double n = data[b];
      double qa = (bb + tau) * bb;
      double qb = (bb + tau) * s - n * bb - tau * bb;
      double qc = -tau * s;
      double gamma = (-qb + Math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
      assertThat(r.bestfit()[p]).as("γ̂ of bin %d", b).isCloseTo(gamma, within(CLOSED_FORM_TOL));
      double nu = gamma * bb + s;
      double curv = n * bb * bb / (nu * nu) + tau / (gamma * gamma);
      assertThat(r.uncertainties()[p]).as("σ of bin %d", b).isCloseTo(1 / Math.sqrt(curv), within(CLOSED_FORM_TOL));
    }
    FitResult free = new Fitter(m).fit(data);
    assertThat(free.converged()).as(free.message()).isTrue();
    assertThat(free.uncertainties()[mu]).isPositive().isFinite();
  }
}
