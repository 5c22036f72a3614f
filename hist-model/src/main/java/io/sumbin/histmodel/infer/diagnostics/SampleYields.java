package io.sumbin.histmodel.infer.diagnostics;

import java.util.Arrays;

/**
 * The expected yields of one sample in one channel.
 *
 * @param yields per bin
 * @param uncertainty per bin, √(J_s C J_sᵀ) with J_s the sample's Jacobian (central finite differences)
 * @param sum yield summed over the bins
 * @param sumUncertainty its uncertainty (correlations between bins included)
 */
public record SampleYields(String name, double[] yields, double[] uncertainty, double sum, double sumUncertainty) {
  public SampleYields {
    yields = yields.clone();
    uncertainty = uncertainty.clone();
  }

  @Override
  public String toString() {
    return "SampleYields[" + name + " " + Arrays.toString(yields) + "]";
  }
}
