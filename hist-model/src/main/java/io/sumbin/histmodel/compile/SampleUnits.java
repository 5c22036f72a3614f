package io.sumbin.histmodel.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * The units of the yield computation: one per (channel, sample) present, in pyhf's order (channels,
 * then samples, by name). Unit u covers main bins {@code bin0[u] .. bin0[u] + nb[u] − 1} and the
 * same number of entries from {@code flat0[u]} in the evaluator's per-unit-bin arrays; its nominal
 * yields are {@code nominal[nomOffset[u] ..]}, or it has POI-dependent {@link YieldTerms} instead
 * ({@code nomOffset[u] = −1}). The modifier blocks ({@link HistosysShifts}, {@link ScalarFactors},
 * {@link BinwiseFactors}) index their entries by unit. Immutable.
 */
final class SampleUnits {
  /** Number of units. */
  final int n;
  final int[] channel;
  final int[] sample;
  /** First main bin. */
  final int[] bin0;
  /** Bins. */
  final int[] nb;
  /** Offset into per-unit-bin arrays (length {@link #nFlat}). */
  final int[] flat0;
  /** Total bins over all units. */
  final int nFlat;
  /** Offset into {@link #nominal}, or −1 when the unit's yield is made of POI-dependent terms. */
  final int[] nomOffset;
  final double[] nominal;

  private SampleUnits(Builder b) {
    this.n = b.channel.size();
    this.channel = ModelCompiler.toIntArray(b.channel);
    this.sample = ModelCompiler.toIntArray(b.sample);
    this.bin0 = ModelCompiler.toIntArray(b.bin0);
    this.nb = ModelCompiler.toIntArray(b.nb);
    this.flat0 = ModelCompiler.toIntArray(b.flat0);
    this.nFlat = b.flat;
    this.nomOffset = ModelCompiler.toIntArray(b.nomOffset);
    this.nominal = ModelCompiler.toArray(b.nominal);
  }

  /** Collects units in order. */
  static final class Builder {
    private final List<Integer> channel = new ArrayList<>();
    private final List<Integer> sample = new ArrayList<>();
    private final List<Integer> bin0 = new ArrayList<>();
    private final List<Integer> nb = new ArrayList<>();
    private final List<Integer> flat0 = new ArrayList<>();
    private final List<Integer> nomOffset = new ArrayList<>();
    private final List<Double> nominal = new ArrayList<>();
    private int flat;

    /** Adds the next unit; {@code nominal} (read) is null for a unit made of POI-dependent terms. */
    void add(int channel, int sample, int bin0, int nb, double[] nominal) {
      this.channel.add(channel);
      this.sample.add(sample);
      this.bin0.add(bin0);
      this.nb.add(nb);
      this.flat0.add(flat);
      flat += nb;
      if (nominal == null) {
        nomOffset.add(-1);
      } else {
        nomOffset.add(this.nominal.size());
        for (double v : nominal) {
          this.nominal.add(v);
        }
      }
    }

    SampleUnits build() {
      return new SampleUnits(this);
    }
  }
}
