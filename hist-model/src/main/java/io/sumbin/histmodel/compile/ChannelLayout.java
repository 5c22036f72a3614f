package io.sumbin.histmodel.compile;

/**
 * Where each channel's bins sit in the main data vector (channels sorted by name, bins in order, as
 * pyhf lays them out) and the sorted names of all samples. Immutable.
 */
final class ChannelLayout {
  final String[] names;
  /** First main bin of channel c. */
  final int[] offset;
  /** Bins of channel c. */
  final int[] nbins;
  final String[] sampleNames;
  /** Number of main bins (all channels). */
  final int nMain;

  ChannelLayout(String[] names, int[] offset, int[] nbins, String[] sampleNames, int nMain) {
    this.names = names;
    this.offset = offset;
    this.nbins = nbins;
    this.sampleNames = sampleNames;
    this.nMain = nMain;
  }
}
