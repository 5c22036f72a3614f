package io.sumbin.histmodel.infer.diagnostics;

import java.util.Arrays;
import java.util.List;

/**
 * Data and expected yields of one channel, per bin and summed.
 *
 * @param data observed counts per bin
 * @param total expected total per bin
 * @param totalUncertainty √(J C Jᵀ) per bin, J the analytic Jacobian ∂ν_b/∂θ, C the covariance
 * @param samples the samples present in the channel, in the model's sample order
 */
public record ChannelYields(String name, double[] data, double[] total, double[] totalUncertainty,
    List<SampleYields> samples, double dataSum, double totalSum, double totalSumUncertainty) {
  public ChannelYields {
    data = data.clone();
    total = total.clone();
    totalUncertainty = totalUncertainty.clone();
    samples = List.copyOf(samples);
  }

  @Override
  public String toString() {
    return "ChannelYields[" + name + " data " + Arrays.toString(data) + " total " + Arrays.toString(total) + "]";
  }
}
