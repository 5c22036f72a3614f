package io.sumbin.eft;

import io.sumbin.histmodel.infer.toys.PoissonSampler;
import io.sumbin.histmodel.infer.toys.ToyRandom;

/** Pseudo-experiments on a weighted event sample (the demo's observed data, toy studies of EFT fits). */
public final class PseudoData {
  private PseudoData() {}

  /**
   * Poisson counts per event with mean L·w_i(c): one pseudo-experiment on the event support (each
   * event is a bin of its own, so any binning of the events can be filled from the counts).
   *
   * @param c the coefficients (in {@link EftEvents#coefficients()} order)
   * @param luminosityFb the integrated luminosity in fb⁻¹ (weights are in pb)
   * @param seed the seed of the counter-based toy generator (same seed, same counts)
   */
  public static double[] perEvent(EftEvents events, double[] c, double luminosityFb, long seed) {
    double[] w = events.weights(c);
    ToyRandom r = new ToyRandom(seed, 0, 0);
    double[] n = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      n[i] = PoissonSampler.sample(r, Units.expectedEvents(luminosityFb, w[i]));
    }
    return n;
  }
}
