package io.sumbin.histmodel.spec;

import java.util.List;

/**
 * A measurement: the parameter of interest and parameter settings. An empty {@code poi} means a
 * POI-less model (as in pyhf).
 */
public record Measurement(String name, String poi, List<ParameterSpec> parameters) {
  public Measurement {
    parameters = List.copyOf(parameters);
  }
}
