package io.sumbin.binning.lhe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A systematic variation of an event's kinematics, applied to the particles <em>before</em> the
 * observables are computed, so that every derived quantity (m_jj, Δφ, a learned network's inputs, a
 * selection) responds to it consistently:
 *
 * <ul>
 *   <li>{@link #jetEnergyScale}: every outgoing jet (quark or gluon) four-momentum scaled by (1 + s);
 *   <li>{@link #jetEnergyResolution}: every outgoing jet four-momentum scaled by max(0, 1 + s·z) with z a
 *       standard normal drawn from a generator seeded by (seed, event number), so the smearing is
 *       reproducible and the same event gets the same z in every pass;
 *   <li>{@link #leptonMomentumScale}: every outgoing charged lepton four-momentum scaled by (1 + s).
 * </ul>
 *
 * Scaling the whole four-momentum keeps directions (η, φ) and scales the mass with the energy, the usual
 * parton-level stand-in for a calorimeter response. Implementations are stateless apart from their
 * settings; {@code index} is the event's position in the sample (0-based), given by the reader.
 */
public interface EventVariation {
  /** The varied event (a new object; the input is not modified). */
  LheEvent apply(LheEvent event, long index);

  /** Jets (|id| ≤ 5 or 21, status 1) scaled by (1 + shift); shift is signed (e.g. ±0.03). */
  static EventVariation jetEnergyScale(double shift) {
    return (e, i) -> scaled(e, p -> isJet(p) ? 1 + shift : 1);
  }

  /** Charged leptons (|id| = 11, 13, 15, status 1) scaled by (1 + shift). */
  static EventVariation leptonMomentumScale(double shift) {
    return (e, i) -> scaled(e, p -> isLepton(p) ? 1 + shift : 1);
  }

  /**
   * Jets smeared by a relative Gaussian resolution {@code sigma}: factor max(0, 1 + σ z), z ~ N(0, 1)
   * from {@code SplittableRandom(seed ⊕ mix(index))}, one draw per jet in particle order.
   */
  static EventVariation jetEnergyResolution(double sigma, long seed) {
    return (e, i) -> {
      SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
      return scaled(e, p -> isJet(p) ? Math.max(0.0, 1 + sigma * gaussian(r)) : 1);
    };
  }

  /** True for an outgoing quark (|id| ≤ 5) or gluon. */
  static boolean isJet(LheParticle p) {
    int a = Math.abs(p.id());
    return p.status() == 1 && (a <= 5 || a == 21);
  }

  /** True for an outgoing charged lepton. */
  static boolean isLepton(LheParticle p) {
    int a = Math.abs(p.id());
    return p.status() == 1 && (a == 11 || a == 13 || a == 15);
  }

  /** The event with every particle's four-momentum (and mass) scaled by {@code factor.applyAsDouble(p)}. */
  private static LheEvent scaled(LheEvent e, java.util.function.ToDoubleFunction<LheParticle> factor) {
    List<LheParticle> out = new ArrayList<>(e.particles().size());
    for (LheParticle p : e.particles()) {
      double f = factor.applyAsDouble(p);
      out.add(f == 1 ? p
          : new LheParticle(p.id(), p.status(), p.mother1(), p.mother2(), p.color1(), p.color2(), f * p.px(), f * p.py(), f * p.pz(),
              f * p.e(), f * p.m(), p.lifetime(), p.spin()));
    }
    return e.withParticles(out);
  }

  /** A standard normal by Box–Muller (one of the pair). */
  private static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }
}
