package io.sumbin.histmodel.spec;

import java.util.List;

/**
 * Everything needed to build a likelihood: channels, parameter settings of one measurement, the
 * parameter of interest ({@code null} for none) and interpolation settings. Mirrors pyhf's
 * {@code Model(spec, poi_name=..., modifier_settings=...)}.
 */
public record ModelSpec(
    List<ChannelSpec> channels, List<ParameterSpec> parameters, String poi, ModifierSettings settings) {
  public ModelSpec {
    channels = List.copyOf(channels);
    parameters = List.copyOf(parameters);
    if (poi != null && poi.isEmpty()) {
      poi = null;
    }
    settings = settings == null ? ModifierSettings.DEFAULT : settings;
  }

  public ModelSpec withPoi(String newPoi) {
    return new ModelSpec(channels, parameters, newPoi, settings);
  }

  public ModelSpec withSettings(ModifierSettings s) {
    return new ModelSpec(channels, parameters, poi, s);
  }

  public ModelSpec withParameters(List<ParameterSpec> p) {
    return new ModelSpec(channels, p, poi, settings);
  }
}
