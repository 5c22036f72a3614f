package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.interp.InterpCode;

/**
 * Receives the yield contributions of modifiers during compilation. A (channel, sample) unit's
 * expected yield per bin is
 *
 * <pre>ν_b = (nominal_b + Σ additive shifts δ_b(α)) × Π scalar factors f(θ) × Π bin-wise factors γ_b</pre>
 */
public interface YieldSink {
  /**
   * An additive shift δ(α) per bin (histosys).
   *
   * @param up hi_data − nominal per bin (read)
   * @param dn nominal − lo_data per bin (read)
   */
  void additive(int unit, int param, InterpCode code, double[] up, double[] dn);

  /** A factor equal to the parameter itself (normfactor, lumi). */
  void linearFactor(int unit, int param);

  /** A factor interpolated between lo (α = −1) and hi (α = +1) (normsys). */
  void interpolatedFactor(int unit, int param, InterpCode code, double hi, double lo);

  /**
   * Bin-wise factors γ (shapesys, staterror, shapefactor).
   *
   * @param paramPerBin parameter index for each bin of the unit, −1 where the modifier does not act (read)
   */
  void binwiseFactor(int unit, int[] paramPerBin);
}
