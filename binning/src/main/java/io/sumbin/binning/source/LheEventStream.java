package io.sumbin.binning.source;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.EventObservables;
import io.sumbin.binning.lhe.LheEvent;
import io.sumbin.binning.lhe.LheFormatException;
import io.sumbin.binning.lhe.LheHeader;
import io.sumbin.binning.lhe.LheObservables;
import io.sumbin.binning.lhe.LheReader;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.binning.lhe.WeightNormalization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One LHE file in chunks, in two passes so that memory does not grow with the file: the first pass
 * counts the events and sums XWGTUP (to resolve {@link WeightNormalization#AUTO} and the factor
 * 1/N), the second computes observables and converted weights chunk by chunk. The events are those of
 * {@link LheSample#read(Path)} value for value (same reader, same observables, same factor).
 */
final class LheEventStream implements EventStream {
  private final String name;
  private final ReadOptions options;
  private final SourceInfo info;
  private final List<String> ids;
  private final EventObservables obs;
  private final int[] obsIndex;
  private final List<String> obsNames = new ArrayList<>();
  private final double factor;
  private final String process;
  private LheReader reader;

  LheEventStream(Path file, ReadOptions options) {
    this.name = file.toString();
    this.options = options;
    long nf = 0;
    double sumX = 0;
    EventObservables detected = null;
    LheHeader header;
    try (LheReader r = LheReader.open(file)) {
      ids = r.weightIds();
      header = r.header();
      boolean[] nonzero = new boolean[ids.size()];
      boolean anyWeight = false;
      while (r.hasNext()) {
        LheEvent e = r.next();
        if (detected == null) {
          detected = LheObservables.detect(e);
        }
        anyWeight |= e.weight() != 0;
        for (int k = 0; k < nonzero.length; k++) {
          nonzero[k] |= e.reweight(k) != 0;
        }
        sumX += e.weight();
        nf++;
      }
      if (nf == 0) {
        throw new LheFormatException(name, r.line(), "no events in the file");
      }
      if (!anyWeight) {
        throw new LheFormatException(name, 0, "the event weight XWGTUP is zero in all " + nf + " events");
      }
      for (int k = 0; k < nonzero.length; k++) {
        if (!nonzero[k]) {
          throw new LheFormatException(name, 0, "weight id '" + ids.get(k) + "' is zero in all " + nf + " events");
        }
      }
    }
    obs = detected;
    double sigma = header.crossSectionPb();
    boolean average = Math.abs(sumX / nf - sigma) <= Math.abs(sumX - sigma);
    factor = average ? 1.0 / nf : (double) nf / nf;
    List<Integer> idx = new ArrayList<>();
    for (int k = 0; k < obs.names().size(); k++) {
      if (options.wants(obs.names().get(k))) {
        idx.add(k);
        obsNames.add(obs.names().get(k));
      }
    }
    if (options.observables() != null) {
      for (String want : options.observables()) {
        if (!obs.names().contains(want)) {
          throw new EventFormatException(name, want, "no such observable (observables: " + obs.names() + ")");
        }
      }
    }
    obsIndex = idx.stream().mapToInt(Integer::intValue).toArray();
    List<SourceInfo.ColumnInfo> cols = new ArrayList<>();
    obs.names().forEach(o -> cols.add(new SourceInfo.ColumnInfo(o, "double (computed)")));
    ids.forEach(id -> cols.add(new SourceInfo.ColumnInfo(LheSample.reweightColumn(id), "double (<wgt>)")));
    info = new SourceInfo(file, "lhe", nf, cols, obsNames, "XWGTUP (" + (average ? "average" : "sum") + ")", ids,
        List.of(), Map.of(), Optional.empty());
    process = options.process() != null ? options.process() : EventSources.stem(file);
    reader = LheReader.open(file);
  }

  @Override
  public SourceInfo info() {
    return info;
  }

  @Override
  public EventTable next() {
    if (reader == null) {
      return null;
    }
    int cap = options.chunkEvents();
    double[] w = new double[cap];
    double[][] o = new double[obsIndex.length][cap];
    double[][] rw = new double[ids.size()][cap];
    double[] scratch = new double[obs.names().size()];
    int n = 0;
    while (n < cap && reader.hasNext()) {
      LheEvent e = reader.next();
      obs.compute(e, scratch);
      for (int k = 0; k < obsIndex.length; k++) {
        o[k][n] = scratch[obsIndex[k]];
      }
      for (int k = 0; k < rw.length; k++) {
        rw[k][n] = e.reweight(k) * factor;
      }
      w[n] = e.weight() * factor;
      n++;
    }
    if (n == 0) {
      close();
      return null;
    }
    EventTable t = EventTable.of(process, java.util.Arrays.copyOf(w, n));
    for (int k = 0; k < obsIndex.length; k++) {
      t = t.withDoubleColumn(obsNames.get(k), java.util.Arrays.copyOf(o[k], n));
    }
    for (int k = 0; k < rw.length; k++) {
      t = t.withDoubleColumn(LheSample.reweightColumn(ids.get(k)), java.util.Arrays.copyOf(rw[k], n));
    }
    return t;
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
