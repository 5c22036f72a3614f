package io.sumbin.binning.lhe;

import java.util.ArrayList;
import java.util.List;

/**
 * Parton-level observables for the shared samples, computed from the outgoing (ISTUP = 1)
 * particles: the Higgs (id 25), charged leptons (|id| = 11, 13, 15) ordered by p_T, and jets
 * (quarks |id| ≤ 5 and gluons) ordered by p_T. Angles: η, φ ∈ (−π, π]; |Δφ| ∈ [0, π].
 *
 * <p>{@link #vbfHiggs()} (p p → h j j):
 * {@code pt_h eta_h phi_h pt_j1 eta_j1 phi_j1 pt_j2 eta_j2 phi_j2 m_jj deta_jj dphi_jj
 * dphi_jj_signed dphi_h_j1 dphi_h_j2}, where deta_jj = |η_j1 − η_j2|, dphi_jj = |φ_j1 − φ_j2|
 * and dphi_jj_signed = φ(forward jet) − φ(backward jet) ∈ (−π, π], the jets ordered by η — the
 * CP-sensitive azimuthal angle of Plehn, Rainwater and Zeppenfeld (hep-ph/0105325).
 *
 * <p>{@link #drellYanJet()} (p p → ℓ⁺ℓ⁻ j):
 * {@code pt_l1 eta_l1 phi_l1 pt_l2 eta_l2 phi_l2 pt_j eta_j phi_j m_ll pt_ll y_ll deta_ll dphi_ll
 * dphi_ll_j cos_theta_cs}, where dphi_ll_j is |Δφ| between the dilepton system and the jet and
 * cos_theta_cs is the Collins–Soper angle of the negative lepton,
 * cos θ* = sign(p_z,ℓℓ) · 2 (p₁⁺p₂⁻ − p₁⁻p₂⁺) / (m_ℓℓ √(m_ℓℓ² + p_T,ℓℓ²)), p± = (E ± p_z)/√2,
 * 1 = ℓ⁻, 2 = ℓ⁺ (Collins and Soper, Phys. Rev. D 16 (1977) 2219).
 */
public final class LheObservables {
  private LheObservables() {}

  /** No observables (only weights are read). */
  public static EventObservables none() {
    return new EventObservables() {
      @Override
      public List<String> names() {
        return List.of();
      }

      @Override
      public void compute(LheEvent event, double[] out) {}
    };
  }

  /** VBF Higgs observables (see the class comment). */
  public static EventObservables vbfHiggs() {
    return new Vbf();
  }

  /** Drell–Yan + jet observables (see the class comment). */
  public static EventObservables drellYanJet() {
    return new DrellYan();
  }

  /**
   * Chooses from the final state of an event: a Higgs and at least two jets → {@link #vbfHiggs()};
   * two charged leptons and a jet → {@link #drellYanJet()}; otherwise {@link #none()}.
   */
  public static EventObservables detect(LheEvent event) {
    Objects o = Objects.of(event);
    if (o.higgs != null && o.jets.size() >= 2) {
      return vbfHiggs();
    }
    if (o.leptons.size() >= 2 && !o.jets.isEmpty()) {
      return drellYanJet();
    }
    return none();
  }

  /** Final-state objects of one event. */
  private static final class Objects {
    LheParticle higgs;
    final List<LheParticle> leptons = new ArrayList<>(4);
    final List<LheParticle> jets = new ArrayList<>(4);

    static Objects of(LheEvent e) {
      Objects o = new Objects();
      for (LheParticle p : e.particles()) {
        if (p.status() != 1) {
          continue;
        }
        int a = Math.abs(p.id());
        if (a == 25) {
          if (o.higgs == null) {
            o.higgs = p;
          }
        } else if (a == 11 || a == 13 || a == 15) {
          o.leptons.add(p);
        } else if (a <= 5 || a == 21) {
          o.jets.add(p);
        }
      }
      o.leptons.sort((x, y) -> Double.compare(y.pt(), x.pt()));
      o.jets.sort((x, y) -> Double.compare(y.pt(), x.pt()));
      return o;
    }
  }

  private static int kin(LheParticle p, double[] out, int k) {
    if (p == null) {
      out[k] = Double.NaN;
      out[k + 1] = Double.NaN;
      out[k + 2] = Double.NaN;
    } else {
      out[k] = p.pt();
      out[k + 1] = p.eta();
      out[k + 2] = p.phi();
    }
    return k + 3;
  }

  private static LheParticle get(List<LheParticle> l, int i) {
    return i < l.size() ? l.get(i) : null;
  }

  private static final class Vbf implements EventObservables {
    private static final List<String> NAMES = List.of("pt_h", "eta_h", "phi_h", "pt_j1", "eta_j1", "phi_j1", "pt_j2",
        "eta_j2", "phi_j2", "m_jj", "deta_jj", "dphi_jj", "dphi_jj_signed", "dphi_h_j1", "dphi_h_j2");

    @Override
    public List<String> names() {
      return NAMES;
    }

    @Override
    public void compute(LheEvent event, double[] out) {
      Objects o = Objects.of(event);
      LheParticle h = o.higgs;
      LheParticle j1 = get(o.jets, 0);
      LheParticle j2 = get(o.jets, 1);
      int k = kin(h, out, 0);
      k = kin(j1, out, k);
      k = kin(j2, out, k);
      if (j1 != null && j2 != null) {
        out[k++] = Kinematics.mass(j1.e() + j2.e(), j1.px() + j2.px(), j1.py() + j2.py(), j1.pz() + j2.pz());
        out[k++] = Math.abs(j1.eta() - j2.eta());
        out[k++] = Math.abs(Kinematics.deltaPhi(j1.phi(), j2.phi()));
        LheParticle fwd = j1.eta() >= j2.eta() ? j1 : j2;
        LheParticle bwd = fwd == j1 ? j2 : j1;
        out[k++] = Kinematics.deltaPhi(fwd.phi(), bwd.phi());
      } else {
        for (int q = 0; q < 4; q++) {
          out[k++] = Double.NaN;
        }
      }
      out[k++] = h != null && j1 != null ? Math.abs(Kinematics.deltaPhi(h.phi(), j1.phi())) : Double.NaN;
      out[k] = h != null && j2 != null ? Math.abs(Kinematics.deltaPhi(h.phi(), j2.phi())) : Double.NaN;
    }
  }

  private static final class DrellYan implements EventObservables {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final List<String> NAMES = List.of("pt_l1", "eta_l1", "phi_l1", "pt_l2", "eta_l2", "phi_l2", "pt_j",
        "eta_j", "phi_j", "m_ll", "pt_ll", "y_ll", "deta_ll", "dphi_ll", "dphi_ll_j", "cos_theta_cs");

    @Override
    public List<String> names() {
      return NAMES;
    }

    @Override
    public void compute(LheEvent event, double[] out) {
      Objects o = Objects.of(event);
      LheParticle l1 = get(o.leptons, 0);
      LheParticle l2 = get(o.leptons, 1);
      LheParticle j = get(o.jets, 0);
      int k = kin(l1, out, 0);
      k = kin(l2, out, k);
      k = kin(j, out, k);
      if (l1 == null || l2 == null) {
        for (int q = k; q < NAMES.size(); q++) {
          out[q] = Double.NaN;
        }
        return;
      }
      double e = l1.e() + l2.e(), px = l1.px() + l2.px(), py = l1.py() + l2.py(), pz = l1.pz() + l2.pz();
      double m = Kinematics.mass(e, px, py, pz);
      double pt = Math.sqrt(px * px + py * py);
      double phiLl = Math.atan2(py, px);
      out[k++] = m;
      out[k++] = pt;
      out[k++] = 0.5 * Math.log((e + pz) / (e - pz));
      out[k++] = Math.abs(l1.eta() - l2.eta());
      out[k++] = Math.abs(Kinematics.deltaPhi(l1.phi(), l2.phi()));
      out[k++] = j != null ? Math.abs(Kinematics.deltaPhi(phiLl, j.phi())) : Double.NaN;
      LheParticle neg = l1.id() > 0 ? l1 : l2;
      LheParticle pos = neg == l1 ? l2 : l1;
      if (neg.id() * pos.id() >= 0) {
        out[k] = Double.NaN; // same-sign pair: no Collins–Soper frame
        return;
      }
      double p1p = (neg.e() + neg.pz()) * SQRT_HALF, p1m = (neg.e() - neg.pz()) * SQRT_HALF;
      double p2p = (pos.e() + pos.pz()) * SQRT_HALF, p2m = (pos.e() - pos.pz()) * SQRT_HALF;
      double c = 2 * (p1p * p2m - p1m * p2p) / (m * Math.sqrt(m * m + pt * pt));
      out[k] = pz < 0 ? -c : c;
    }
  }
}
