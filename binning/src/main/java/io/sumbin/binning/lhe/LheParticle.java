package io.sumbin.binning.lhe;

/**
 * One particle line of an LHE event: IDUP ISTUP MOTHUP(1) MOTHUP(2) ICOLUP(1) ICOLUP(2) PUP(1..5)
 * VTIMUP SPINUP (hep-ph/0109068). Momenta in GeV; mothers are 1-based indices into the event's
 * particle list (0 = none). Status −1 incoming, 1 outgoing final state, 2 intermediate resonance.
 *
 * <p>Derived kinematics: p_T = √(p_x² + p_y²), φ = atan2(p_y, p_x) ∈ (−π, π],
 * η = asinh(p_z / p_T) (±∞ along the beam), y = ½ ln[(E + p_z)/(E − p_z)].
 */
public record LheParticle(int id, int status, int mother1, int mother2, int color1, int color2, double px, double py,
    double pz, double e, double m, double lifetime, double spin) {

  /** Transverse momentum. */
  public double pt() {
    return Math.sqrt(px * px + py * py);
  }

  /** Pseudorapidity. */
  public double eta() {
    return Kinematics.eta(px, py, pz);
  }

  /** Azimuth. */
  public double phi() {
    return Math.atan2(py, px);
  }

  /** Rapidity. */
  public double rapidity() {
    return 0.5 * Math.log((e + pz) / (e - pz));
  }

  /** True for ISTUP = 1 (outgoing final-state particle). */
  public boolean isFinalState() {
    return status == 1;
  }
}
