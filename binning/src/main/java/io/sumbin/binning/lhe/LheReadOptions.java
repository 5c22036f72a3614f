package io.sumbin.binning.lhe;

/**
 * Options of {@link LheSample#read}.
 *
 * @param observables the observables to compute, or {@code null} to {@link LheObservables#detect
 *     detect} them from the first event
 * @param floatObservables store observables as float32 columns (4 bytes per value) instead of double;
 *     weights are always double
 * @param normalization XWGTUP convention
 * @param process the process label of the events, or {@code null} for the first file's name without
 *     {@code .lhe[.gz]}
 */
public record LheReadOptions(EventObservables observables, boolean floatObservables, WeightNormalization normalization,
    String process) {

  /** Detected observables, double columns, {@link WeightNormalization#AUTO}, label from the file name. */
  public static final LheReadOptions DEFAULT = new LheReadOptions(null, false, WeightNormalization.AUTO, null);

  public LheReadOptions {
    if (normalization == null) {
      throw new IllegalArgumentException("weight normalization must not be null (use AUTO)");
    }
  }

  public LheReadOptions withObservables(EventObservables o) {
    return new LheReadOptions(o, floatObservables, normalization, process);
  }

  public LheReadOptions withFloatObservables(boolean f) {
    return new LheReadOptions(observables, f, normalization, process);
  }

  public LheReadOptions withNormalization(WeightNormalization n) {
    return new LheReadOptions(observables, floatObservables, n, process);
  }

  public LheReadOptions withProcess(String p) {
    return new LheReadOptions(observables, floatObservables, normalization, p);
  }
}
