package io.sumbin.examples.toys;

import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import java.util.List;
import java.util.SplittableRandom;

/** Unbinned versions of the toy models, and the unbinned benchmark model. */
public final class UnbinnedToys {
  private UnbinnedToys() {}

  /**
   * The quadratic toy (see {@link QuadraticToy}) as an unbinned model over a reference sample of
   * {@code n} events uniform in u: components 1, u, u² with ratio columns 1, 3u, 3u² (the last
   * two with reference means 0 and 1), yields N₀, N₀/3, N₀/3, plus a flat background; reference
   * weights 1/n.
   */
  public static UnbinnedModel quadratic(QuadraticToy toy, int n, int threads, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] lin = new float[n];
    float[] sq = new float[n];
    float[] ref = new float[n];
    for (int i = 0; i < n; i++) {
      double u = 2 * r.nextDouble() - 1;
      lin[i] = (float) (3 * u);
      sq[i] = (float) (3 * u * u);
      ref[i] = 1f / n;
    }
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).threads(threads).poi(QuadraticToy.POI, 0.0, -3, 3);
    b.component("sm", toy.n0(), new Coefficient.Monomial(List.of()), null);
    b.component("interference", toy.n0() / 3, new Coefficient.Monomial(List.of(QuadraticToy.POI)), lin);
    b.component("squared", toy.n0() / 3, new Coefficient.Monomial(List.of(QuadraticToy.POI, QuadraticToy.POI)), sq);
    if (toy.background() > 0) {
      b.component("background", toy.background(), new Coefficient.Monomial(List.of()), null);
    }
    return b.referenceWeights(ref).build();
  }

  /**
   * The benchmark model: {@code n} events, a quadratic signal in one POI (three ratio columns), a
   * background, and {@code nuisances} nuisance parameters each with a per-event shape effect
   * (alternately on signal and background) and a normalisation effect.
   */
  public static UnbinnedModel benchmarkModel(int n, int nuisances, int threads, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] lin = new float[n];
    float[] sq = new float[n];
    float[] bkg = new float[n];
    float[] ref = new float[n];
    float[] us = new float[n];
    for (int i = 0; i < n; i++) {
      double u = 2 * r.nextDouble() - 1;
      us[i] = (float) u;
      lin[i] = (float) (3 * u);
      sq[i] = (float) (3 * u * u);
      bkg[i] = (float) (1 + 0.5 * u);
      ref[i] = 1f / n;
    }
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).threads(threads).poi("c", 0.0, -3, 3);
    int sm = b.component("sm", 1000, new Coefficient.Monomial(List.of()), null);
    b.component("interference", 1000.0 / 3, new Coefficient.Monomial(List.of("c")), lin);
    b.component("squared", 1000.0 / 3, new Coefficient.Monomial(List.of("c", "c")), sq);
    int bg = b.component("background", 3000, new Coefficient.Monomial(List.of()), bkg);
    for (int k = 0; k < nuisances; k++) {
      String name = String.format("np_%02d", k);
      b.nuisance(name);
      float[] up = new float[n];
      float[] down = new float[n];
      double a = 0.02 + 0.002 * k;
      for (int i = 0; i < n; i++) {
        double u = us[i];
        double shape = Math.sin((k + 1) * 1.3 * u);
        up[i] = (float) (1 + a * shape);
        down[i] = (float) (1 - 0.9 * a * shape);
      }
      b.shape(k % 2 == 0 ? sm : bg, name, up, down);
      b.norm(k % 2 == 0 ? bg : sm, name, 1 + a, 1 - a);
    }
    return b.referenceWeights(ref).build();
  }

  /** Number of float per-event columns the model stores. */
  public static int floatColumns(UnbinnedModel m) {
    return m.floatColumns();
  }
}
