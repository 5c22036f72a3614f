package io.sumbin.eft;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.QuadraticBasis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-event quadratic morphing of reweighted LHE files (the {@code sumbin lhe eft} contract): the
 * coefficients and points it was fitted from, its conditioning and residual, and the cross-section as
 * a polynomial in the coefficients, σ(c)/σ(SM) = Σ_k t_k m_k(c).
 *
 * @param crossSectionTerms t_k by monomial name (the SM term is 1)
 * @param fitSeconds time of the fit, rounded to milliseconds
 */
public record LheMorphing(
    int events,
    List<String> files,
    String mode,
    List<String> coefficients,
    int points,
    @JsonProperty("point_ids") List<String> pointIds,
    int components,
    @JsonProperty("condition_number") double conditionNumber,
    @JsonProperty("max_rel_residual") double maxRelResidual,
    @JsonProperty("cross_section_sm") double crossSectionSmPb,
    @JsonProperty("cross_section_terms") Map<String, Double> crossSectionTerms,
    @JsonProperty("fit_seconds") double fitSeconds) {

  /** The report of a morphing {@code q} fitted in {@code seconds} from sample {@code s} read from {@code files}. */
  public static LheMorphing of(List<String> files, LheSample s, EventQuadratics q, boolean linear, double seconds) {
    double[] total = q.totalComponents();
    Map<String, Double> terms = new LinkedHashMap<>();
    QuadraticBasis b = q.basis();
    for (int k = 0; k < b.size(); k++) {
      terms.put(b.componentName(k), (b.a(k) == b.b(k) ? 1 : 2) * total[k] / total[0]); // off-diagonal terms appear twice
    }
    return new LheMorphing(q.size(), files, linear ? "linear" : "quadratic", q.coefficients(), q.design().nPoints(),
        s.weightIds(), b.size(), q.conditionNumber(), q.maxRelativeResidual(), total[0], terms, Math.round(seconds * 1000) / 1000.0);
  }
}
