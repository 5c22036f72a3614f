package io.sumbin.binning.lhe;

import java.util.ArrayList;
import java.util.List;

/**
 * What an LHE file declares before its events: the {@code <init>} block (beams, weighting strategy
 * IDWTUP, one {@link LheProcess} per process) and the reweighting weights of {@code <initrwgt>}.
 *
 * @param version the {@code version} attribute of {@code <LesHouchesEvents>} ("" if absent)
 * @param beam1 IDBMUP(1) (PDG id); {@code beam2} IDBMUP(2)
 * @param energy1 EBMUP(1) in GeV; {@code energy2} EBMUP(2)
 * @param weightingStrategy IDWTUP
 * @param processes the NPRUP process lines
 * @param weights declared reweighting weights in file order (empty when there is no {@code <initrwgt>})
 */
public record LheHeader(String version, int beam1, int beam2, double energy1, double energy2, int weightingStrategy,
    List<LheProcess> processes, List<WeightDeclaration> weights) {

  public LheHeader {
    processes = List.copyOf(processes);
    weights = List.copyOf(weights);
  }

  /** Total cross section Σ XSECUP in pb. */
  public double crossSectionPb() {
    double s = 0;
    for (LheProcess p : processes) {
      s += p.crossSectionPb();
    }
    return s;
  }

  /** √Σ XERRUP² in pb. */
  public double crossSectionErrorPb() {
    double s = 0;
    for (LheProcess p : processes) {
      s += p.errorPb() * p.errorPb();
    }
    return Math.sqrt(s);
  }

  /** Centre-of-mass energy √s = 2√(E₁E₂) for head-on massless beams, in GeV. */
  public double sqrtS() {
    return 2 * Math.sqrt(energy1 * energy2);
  }

  /** Ids of the declared weights, in order. */
  public List<String> weightIds() {
    List<String> ids = new ArrayList<>(weights.size());
    for (WeightDeclaration w : weights) {
      ids.add(w.id());
    }
    return ids;
  }

  /** The header with other weight declarations (used when ids come from the first event). */
  LheHeader withWeights(List<WeightDeclaration> w) {
    return new LheHeader(version, beam1, beam2, energy1, energy2, weightingStrategy, processes, w);
  }
}
