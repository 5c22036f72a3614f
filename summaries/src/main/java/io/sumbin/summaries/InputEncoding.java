package io.sumbin.summaries;

/**
 * How a network sees its input features (all maps are fitted on the training events and stored with the model).
 *
 * <ul>
 *   <li>{@link #STANDARD}: z = (v − mean)/std per feature.</li>
 *   <li>{@link #QUANTILE}: z = Φ⁻¹(F̂(v)) with F̂ the training events' distribution function, so that every
 *       decile of every feature spans the same width.</li>
 *   <li>{@link #PIECEWISE_LINEAR}: each feature becomes T components e_t(v) = clamp((v − b_t)/(b_{t+1} − b_t), 0, 1)
 *       over its T quantile bins b_0 &lt; … &lt; b_T (the piecewise-linear encoding of Gorishniy, Rubachev and
 *       Babenko, arXiv:2203.05556), so that the first layer is a piecewise-linear function of every feature and
 *       narrow populated structures (the W and Z peaks of m_jj) are learned in a few epochs instead of hundreds.</li>
 * </ul>
 */
public enum InputEncoding {
  STANDARD, QUANTILE, PIECEWISE_LINEAR
}
