package io.sumbin.readme;

// tag::unbinned[]
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import java.util.List;
// end::unbinned[]

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The README's unbinned block on a reference sample of u on an even grid of [−1, 1] (ratio columns
 * 1, 3u, 3u², each integrating to its nominal value to O(1/n²)): the Asimov fit returns the truth.
 */
class UnbinnedSnippetTest {
  @Test
  void asimovFitReturnsTheTruth() {
    int n = 4000;
    double nSig = 500;
    float[] ones = new float[n];
    float[] linear = new float[n];
    float[] square = new float[n];
    float[] up = new float[n];
    float[] down = new float[n];
    float[] omega = new float[n];
    for (int i = 0; i < n; i++) {
      double u = -1 + 2 * (i + 0.5) / n;
      ones[i] = 1f;
      linear[i] = (float) (3 * u);     // interference: integrates to 0, σ_int = nSig/3
      square[i] = (float) (3 * u * u); // E_ref[3u²] = 1
      up[i] = (float) (1 + 0.1 * u);
      down[i] = (float) (1 - 0.08 * u);
      omega[i] = 1f / n;
    }
    double[] truthPars = {0.35, 0.2, -0.3}; // c, bkg_norm, bkg_shape
    // tag::unbinned[]
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).poi("c", 0.0, -3, 3).nuisance("bkg_norm").nuisance("bkg_shape");
    b.component("sm",  nSig,     new Coefficient.Monomial(List.of()),         ones);     // r = 1
    b.component("int", nSig / 3, new Coefficient.Monomial(List.of("c")),      linear);   // interference
    b.component("sq",  nSig / 3, new Coefficient.Monomial(List.of("c", "c")), square);
    int bkg = b.component("bkg", 200, new Coefficient.Monomial(List.of()));   // ratio 1: the reference shape
    b.norm(bkg, "bkg_norm", 1.1, 0.9);
    b.shape(bkg, "bkg_shape", up, down);                       // per-event factors at α = ±1
    UnbinnedModel m = b.referenceWeights(omega).threads(2).build();
    double[] asimov = new double[m.nMain() + m.nAux()];
    m.expectedData(truthPars, asimov);                         // the reference sample reweighted to the truth
    FitResult r = new Fitter(m).fit(asimov);                   // same Fitter, ProfileLikelihood, Inference as binned
    // end::unbinned[]
    m.close();
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(r.bestfit()[m.poiIndex()]).as("c at the Asimov minimum").isCloseTo(0.35, within(1e-3));
    assertThat(r.bestfit()[m.parIndex("bkg_norm")]).isCloseTo(0.2, within(1e-3));
    assertThat(r.bestfit()[m.parIndex("bkg_shape")]).isCloseTo(-0.3, within(1e-3));
  }
}
