package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.util.RecordText;

/**
 * One stop of the compile walk over channels × samples (both in pyhf's sorted order).
 *
 * @param channel index of the channel in sorted order
 * @param channelName its name
 * @param sample index of the sample in sorted order
 * @param sampleName its name
 * @param unit index of the (channel, sample) yield unit, or −1 when the sample is absent from the channel
 * @param nominal the sample's nominal yields in this channel (zeros when absent); read-only
 * @param nbins bins of the channel
 * @param binOffset index of the channel's first bin in the concatenated main data
 * @param path JSON path of the sample ({@code channels[i].samples[j]}), or of the channel when absent
 */
public record Site(
    int channel,
    String channelName,
    int sample,
    String sampleName,
    int unit,
    double[] nominal,
    int nbins,
    int binOffset,
    String path) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }
}
