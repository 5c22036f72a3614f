package io.sumbin.histmodel.spec;

import java.util.List;

/** A channel (region) with its samples. The number of bins is that of the first sample. */
public record ChannelSpec(String name, List<SampleSpec> samples) {
  public ChannelSpec {
    samples = List.copyOf(samples);
  }

  /** Number of bins (length of the first sample's data, as in pyhf). */
  public int nbins() {
    return samples.isEmpty() ? 0 : samples.get(0).data().length;
  }
}
