package io.sumbin.examples.toys;

import io.sumbin.binning.EventTable;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.Units;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An EFT-like simulator with exact per-event weights, for learned-summary studies with a known
 * answer. Standard-Model events have three features x₁, x₂, x₃ ~ N(0, 1) (x₃ pure noise); every
 * event carries its exact weight as a function of one Wilson coefficient c,
 *
 * <pre>w(x|c) = w_SM · [(1 + c u)² + c²/2],   u = (x₁ + x₂)/2,</pre>
 *
 * positive for every c, with the components 1, 2u and u² + ½ of the monomials 1, c, c². The
 * unbinned Fisher information at the SM is I(0) = L σ_SM E[(2u)²] = 2 L σ_SM; a histogram of x₁
 * alone carries at most half of it (E[2u | x₁] = x₁), so learned summaries have room to win.
 *
 * @param sigmaPb the SM cross section in pb
 * @param events number of simulated SM events
 */
public record GaussianEftToy(double sigmaPb, int events) {
  /** The coefficient name. */
  public static final String COEFFICIENT = "c";
  /** The feature columns. */
  public static final List<String> FEATURES = List.of("x1", "x2", "x3");

  public GaussianEftToy {
    if (!(sigmaPb > 0) || events < 10) {
      throw new IllegalArgumentException("need sigma > 0 and at least 10 events");
    }
  }

  /** Simulates the events (seeded). */
  public EftEvents simulate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x1 = new double[events];
    double[] x2 = new double[events];
    double[] x3 = new double[events];
    double w = sigmaPb / events;
    double[] comp = new double[3 * events];
    for (int i = 0; i < events; i++) {
      x1[i] = r.nextGaussian();
      x2[i] = r.nextGaussian();
      x3[i] = r.nextGaussian();
      double u = 0.5 * (x1[i] + x2[i]);
      comp[3 * i] = w;
      comp[3 * i + 1] = w * 2 * u;
      comp[3 * i + 2] = w * (u * u + 0.5);
    }
    double[] weights = new double[events];
    java.util.Arrays.fill(weights, w);
    EventTable t = EventTable.of("toy", weights).withDoubleColumn("x1", x1).withDoubleColumn("x2", x2).withDoubleColumn("x3", x3);
    return new EftEvents(List.of(COEFFICIENT), List.of(List.of(), List.of(COEFFICIENT), List.of(COEFFICIENT, COEFFICIENT)), comp, t);
  }

  /** The exact unbinned Fisher information at the SM for luminosity L (fb⁻¹). */
  public double fisherAtSm(double luminosityFb) {
    return 2 * Units.expectedEvents(luminosityFb, sigmaPb);
  }
}
