package io.sumbin.binning.lhe;

/**
 * Four-vector helpers (E, p_x, p_y, p_z in GeV): η = asinh(p_z/p_T), invariant mass
 * m = √max(0, E² − |p|²), and Δφ wrapped into (−π, π].
 */
public final class Kinematics {
  private Kinematics() {}

  /** Pseudorapidity asinh(p_z/p_T); ±∞ for p_T = 0 and p_z ≠ 0, NaN for a null vector. */
  public static double eta(double px, double py, double pz) {
    double pt = Math.sqrt(px * px + py * py);
    if (pt == 0) {
      return pz == 0 ? Double.NaN : Math.copySign(Double.POSITIVE_INFINITY, pz);
    }
    return asinh(pz / pt);
  }

  private static double asinh(double r) {
    // symmetric form avoids cancellation for negative r
    double a = Math.abs(r);
    double v = Math.log(a + Math.sqrt(a * a + 1));
    return r < 0 ? -v : v;
  }

  /** Invariant mass of a four-vector (0 if slightly space-like through rounding). */
  public static double mass(double e, double px, double py, double pz) {
    double m2 = e * e - px * px - py * py - pz * pz;
    return m2 > 0 ? Math.sqrt(m2) : 0;
  }

  /** φ_a − φ_b wrapped into (−π, π]. */
  public static double deltaPhi(double phiA, double phiB) {
    double d = phiA - phiB;
    while (d > Math.PI) {
      d -= 2 * Math.PI;
    }
    while (d <= -Math.PI) {
      d += 2 * Math.PI;
    }
    return d;
  }

  /** ΔR = √(Δη² + Δφ²). */
  public static double deltaR(double etaA, double phiA, double etaB, double phiB) {
    return Math.hypot(etaA - etaB, deltaPhi(phiA, phiB));
  }
}
