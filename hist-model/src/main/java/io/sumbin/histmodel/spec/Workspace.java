package io.sumbin.histmodel.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A pyhf workspace (schema 1.0.0): channels, observations and measurements. Reading and writing
 * JSON lives in {@code pyhf-export}; this record is the in-memory form.
 */
public record Workspace(
    List<ChannelSpec> channels, List<Observation> observations, List<Measurement> measurements, String version) {

  public Workspace {
    channels = List.copyOf(channels);
    observations = List.copyOf(observations);
    measurements = List.copyOf(measurements);
    version = version == null ? "1.0.0" : version;
  }

  /** Names of the measurements in file order. */
  public List<String> measurementNames() {
    List<String> names = new ArrayList<>();
    for (Measurement m : measurements) {
      names.add(m.name());
    }
    return names;
  }

  /**
   * The measurement called {@code name}, or the first one when {@code name} is {@code null} (pyhf's
   * rule).
   *
   * @throws SpecException if there is no such measurement
   */
  public Measurement measurement(String name) {
    if (measurements.isEmpty()) {
      throw new SpecException("measurements", "no measurements are defined");
    }
    if (name == null) {
      return measurements.get(0);
    }
    for (Measurement m : measurements) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new SpecException("measurements", "no measurement named '" + name + "' (have " + measurementNames() + ")");
  }

  /** Index of the measurement in {@link #measurements()} (for error paths). */
  public int measurementIndex(Measurement m) {
    return measurements.indexOf(m);
  }

  /** The model of a measurement (first if {@code null}) with pyhf's default interpolation codes. */
  public ModelSpec model(String measurementName) {
    return model(measurementName, ModifierSettings.DEFAULT);
  }

  /** The model of a measurement (first if {@code null}). */
  public ModelSpec model(String measurementName, ModifierSettings settings) {
    Measurement m = measurement(measurementName);
    return new ModelSpec(channels, m.parameters(), m.poi(), settings);
  }

  /** The observation of a channel, or {@code null}. */
  public Observation observation(String channel) {
    for (Observation o : observations) {
      if (o.name().equals(channel)) {
        return o;
      }
    }
    return null;
  }

  /** A copy with other observations (same channels). */
  public Workspace withObservations(List<Observation> obs) {
    return new Workspace(channels, obs, measurements, version);
  }

  /** A copy with other measurements. */
  public Workspace withMeasurements(List<Measurement> ms) {
    return new Workspace(channels, observations, ms, version);
  }

  /** A copy with other channels. */
  public Workspace withChannels(List<ChannelSpec> ch) {
    return new Workspace(ch, observations, measurements, version);
  }
}
