package io.sumbin.eft;

import io.sumbin.summaries.FeatureSymmetry;
import java.util.List;

/** The parton-level observables of VBF Higgs production that the networks see, and their symmetries. */
public final class VbfFeatures {
  /** Observables the networks see (parton level). */
  public static final List<String> FEATURES = List.of("pt_h", "eta_h", "pt_j1", "eta_j1", "pt_j2", "eta_j2", "m_jj", "deta_jj",
      "dphi_jj_signed", "dphi_h_j1", "dphi_h_j2");

  /**
   * The mirror symmetries of VBF Higgs production with CP-even operators: the azimuthal reflection (signed Δφ_jj
   * flips) and the exchange of the beams (every η flips, and with the forward and backward jets exchanged the
   * signed Δφ_jj flips as well), and their product.
   */
  public static final FeatureSymmetry CP_EVEN_SYMMETRY = new FeatureSymmetry(List.of(List.of("dphi_jj_signed"),
      List.of("eta_h", "eta_j1", "eta_j2", "dphi_jj_signed"), List.of("eta_h", "eta_j1", "eta_j2")));

  private VbfFeatures() {}
}
