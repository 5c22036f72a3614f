package io.sumbin.histmodel.unbinned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.fit.BoundedNewtonMinimizer;
import io.sumbin.histmodel.fit.MinimizerResult;
import io.sumbin.histmodel.spec.Coefficient;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnbinnedModelTest {
  static final double STEP = 1e-6;
  static final double GRAD_TOL = 1e-6;
  static final double HESS_TOL = 2e-5;

  /**
   * Quadratic EFT toy in one coefficient c on u ∈ [−1, 1] drawn uniformly (the reference):
   * dν/du = (N/2)(1 + c u + c² u²) as three components with ratio columns 1, u, u² (each normalised
   * by its reference mean), a background with a norm and a shape nuisance parameter.
   */
  static UnbinnedModel toy(int n, int threads, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] one = new float[n];
    float[] lin = new float[n];
    float[] sq = new float[n];
    float[] up = new float[n];
    float[] down = new float[n];
    float[] ref = new float[n];
    for (int i = 0; i < n; i++) {
      double u = 2 * r.nextDouble() - 1;
      one[i] = 1f;
      lin[i] = (float) (3 * u); // ratio of u-density: u / E_ref[u²]... normalised so that E_ref[r u]... see below
      sq[i] = (float) (3 * u * u); // E_ref[3u²] = 1
      up[i] = (float) (1 + 0.1 * u);
      down[i] = (float) (1 - 0.08 * u);
      ref[i] = 1f / n;
    }
    // components: sigma·f(c)·r(x); E_ref[r] = 1 for one and sq; the linear term integrates to 0,
    // so it carries σ = N/3 with r = 3u (an interference term, negative for u < 0)
    double nSig = 500;
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).threads(threads).poi("c", 0.0, -3, 3).nuisance("bkg_norm").nuisance("bkg_shape");
    b.component("sm", nSig, new Coefficient.Monomial(List.of()), one);
    b.component("int", nSig / 3, new Coefficient.Monomial(List.of("c")), lin);
    b.component("sq", nSig / 3, new Coefficient.Monomial(List.of("c", "c")), sq);
    int bg = b.component("bkg", 200, new Coefficient.Monomial(List.of()), null);
    b.norm(bg, "bkg_norm", 1.1, 0.9);
    b.shape(bg, "bkg_shape", up, down);
    b.shape(0, "bkg_norm", up, down); // a nuisance with both norm (on bkg) and shape (on sm) effects
    return b.referenceWeights(ref).build();
  }

  @Test
  void gradientAndHessianMatchFiniteDifferences() {
    UnbinnedModel m = toy(5000, 2, 1);
    double[] truth = {0.4, 0.3, -0.6};
    double[] data = new double[m.nEvents() + m.nAux()];
    m.expectedData(truth, data);
    for (int i = 0; i < m.nEvents(); i++) {
      data[i] *= 1.0 + 0.3 * Math.sin(i); // not the expectation: second-derivative terms matter
    }
    UnbinnedObjective o = m.objective(data);
    double[] x = {0.7, -0.4, 0.9};
    int n = m.nPars();
    double[] g = new double[n];
    o.valueAndGradient(x, g);
    double[] h = new double[n * n];
    assertThat(o.hessian(x, h)).as("o.hessian(x, h)").isTrue();
    double[] gp = new double[n];
    double[] gm = new double[n];
    for (int i = 0; i < n; i++) {
      double[] p = x.clone();
      double[] q = x.clone();
      p[i] += STEP;
      q[i] -= STEP;
      double fd = (o.value(p) - o.value(q)) / (2 * STEP);
      assertThat(g[i]).as("gradient " + m.parName(i)).isCloseTo(fd, within(GRAD_TOL * (1 + Math.abs(fd))));
      o.valueAndGradient(p, gp);
      o.valueAndGradient(q, gm);
      for (int j = 0; j < n; j++) {
        double fdh = (gp[j] - gm[j]) / (2 * STEP);
        assertThat(h[j * n + i])
            .as("hessian " + m.parName(i) + "," + m.parName(j))
            .isCloseTo(fdh, within(HESS_TOL * (1 + Math.abs(fdh))));
      }
    }
  }

  @Test
  void threadsDoNotChangeTheResult() {
    UnbinnedModel a = toy(20000, 1, 3);
    UnbinnedModel b = toy(20000, 2, 3);
    double[] x = {0.2, 0.1, -0.3};
    double[] d = a.unitData();
    double[] ga = new double[3];
    double[] gb = new double[3];
    assertThat(b.objective(d).valueAndGradient(x, gb))
        .as("b.objective(d).valueAndGradient(x, gb)")
        .isCloseTo(a.objective(d).valueAndGradient(x, ga), within(1e-9));
    for (int i = 0; i < 3; i++) {
      assertThat(gb[i]).as("gb[i]").isCloseTo(ga[i], within(1e-9));
    }
  }

  /** Summing the events in one chunk instead of several changes the NLL by rounding only. */
  private static final double CHUNK_ORDER_TOL = 1e-9;

  @Test
  void closeEndsTheEvaluationThreadsAndTheModelStillEvaluates() throws InterruptedException {
    UnbinnedModel m = toy(20000, 2, 3);
    double[] x = {0.2, 0.1, -0.3};
    double[] d = m.unitData();
    double before = m.objective(d).valueAndGradient(x, new double[3]);
    m.close();
    m.close();
    assertThat(m.pool().awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).as("pool terminated after close").isTrue();
    assertThat(m.objective(d).valueAndGradient(x, new double[3]))
        .as("NLL of a closed model (evaluated on the calling thread: one chunk, another summation order)")
        .isCloseTo(before, within(CHUNK_ORDER_TOL));
  }

  /** On the reference sample reweighted to a truth (Asimov), the minimum is the truth. */
  @Test
  void asimovFitReturnsTheTruth() {
    UnbinnedModel m = toy(20000, 2, 5);
    double[] truth = {0.35, 0.0, 0.0};
    double[] asimov = new double[m.nEvents() + m.nAux()];
    m.expectedData(truth, asimov);
    MinimizerResult r = new BoundedNewtonMinimizer(m.nPars()).minimize(m.objective(asimov), m.suggestedInit(),
        m.lowerBounds(), m.upperBounds(), m.suggestedFixed());
    assertThat(r.converged()).as(r.message()).isTrue();
    // the reference sample's normalisation differs from 1 by its MC fluctuation (1/√N), so the
    // truth is recovered to within that
    assertThat(r.x()[0]).as("r.x()[0]").isCloseTo(0.35, within(0.02));
  }
}
