package io.sumbin.binning.source;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.histmodel.util.RecordText;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Events of any supported format, in one shape: an {@link EventTable} (observables, nominal weight w_i
 * in pb per event, one double column {@code rwgt_<id>} per EFT weight) plus what the file declares
 * about those weights.
 *
 * <p>EFT weights are interpreted by the EFT side in this order: MadMiner {@link #morphing()} when
 * present; else the declared {@link #benchmarkValues()} (parameter values per weight id); else the ids
 * themselves as MadGraph reweighting names ({@code cHW_0p1}, {@code SM}).
 *
 * @param format "lhe", "parquet", "csv" or "hdf5"
 * @param files the files read, in order
 * @param events the events
 * @param weightIds the EFT weight ids, in column order ({@code rwgt_<id>} exists for each)
 * @param parameters the parameter (Wilson coefficient) names the benchmark values refer to; empty if
 *     none are declared
 * @param benchmarkValues parameter values per weight id, in {@code parameters} order; only for the ids
 *     that declare them (empty map if none)
 * @param morphing MadMiner morphing over the first {@code morphing.benchmarks()} physics benchmarks (the
 *     weight ids with declared values, in order), if declared
 */
public record EventSample(String format, List<Path> files, EventTable events, List<String> weightIds,
    List<String> parameters, Map<String, double[]> benchmarkValues, Optional<MadMinerMorphing> morphing) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public EventSample {
    files = List.copyOf(files);
    weightIds = List.copyOf(weightIds);
    parameters = List.copyOf(parameters);
    benchmarkValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(benchmarkValues));
    for (String id : weightIds) {
      events.column(LheSample.reweightColumn(id));
    }
    for (Map.Entry<String, double[]> e : benchmarkValues.entrySet()) {
      if (e.getValue().length != parameters.size()) {
        throw new IllegalArgumentException("benchmark '" + e.getKey() + "' has " + e.getValue().length
            + " values for " + parameters.size() + " parameters");
      }
    }
  }

  /** An LHE sample (ids are MadGraph reweighting names; nothing else declared). */
  public static EventSample of(LheSample s) {
    return new EventSample("lhe", s.files(), s.events(), s.weightIds(), List.of(), Map.of(), Optional.empty());
  }

  /** A sample with no declared benchmark values or morphing. */
  public static EventSample of(String format, List<Path> files, EventTable events, List<String> weightIds) {
    return new EventSample(format, files, events, weightIds, List.of(), Map.of(), Optional.empty());
  }

  /** The same sample with declared benchmark values (see the record description). */
  public EventSample withBenchmarks(List<String> params, Map<String, double[]> values) {
    return new EventSample(format, files, events, weightIds, params, values, morphing);
  }

  /** The same sample with another event table (same weight columns). */
  public EventSample withEvents(EventTable t) {
    return new EventSample(format, files, t, weightIds, parameters, benchmarkValues, morphing);
  }

  /** The same sample with a MadMiner morphing. */
  public EventSample withMorphing(MadMinerMorphing m) {
    return new EventSample(format, files, events, weightIds, parameters, benchmarkValues, Optional.of(m));
  }

  /** Observable column names: every column that is not an EFT weight column. */
  public List<String> observables() {
    return events.columnNames().stream().filter(c -> !c.startsWith(LheSample.REWEIGHT_PREFIX)).toList();
  }

  /** The weights of EFT weight {@code id} (a new array). */
  public double[] weights(String id) {
    return events.doubles(LheSample.reweightColumn(id));
  }
}
