package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.Observation;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.histmodel.spec.Workspace;

/** Conveniences joining workspaces and compiled models. */
public final class Models {
  private Models() {}

  /**
   * Compiles the model of the workspace's first measurement with pyhf's default interpolation.
   *
   * @param ws the workspace
   * @return the compiled model
   */
  public static CompiledModel compile(Workspace ws) {
    return compile(ws, null);
  }

  /**
   * Compiles the model of a measurement (first when null) with pyhf's default interpolation.
   *
   * @param ws the workspace
   * @param measurement the measurement's name, or null for the first
   * @return the compiled model
   */
  public static CompiledModel compile(Workspace ws, String measurement) {
    return ModelCompiler.compile(ws.model(measurement));
  }

  /**
   * Compiles the model of a measurement (first when null).
   *
   * @param ws the workspace
   * @param measurement the measurement's name, or null for the first
   * @param settings the interpolation codes of the modifiers
   * @return the compiled model
   */
  public static CompiledModel compile(Workspace ws, String measurement, ModifierSettings settings) {
    ModelSpec spec = ws.model(measurement, settings);
    return ModelCompiler.compile(spec);
  }

  /**
   * Observed data in the model's order (channels sorted by name) followed by the model's default
   * auxiliary data — pyhf's {@code workspace.data(model)}.
   *
   * @param ws the workspace holding the observations
   * @param m a model compiled from {@code ws}
   * @return main bins followed by auxiliary data (a new array)
   */
  public static double[] observedData(Workspace ws, CompiledModel m) {
    double[] main = new double[m.nMain()];
    for (int c = 0; c < m.channels.names.length; c++) {
      Observation o = ws.observation(m.channels.names[c]);
      if (o == null) {
        throw new SpecException("observations", "no observation for channel '" + m.channels.names[c] + "'");
      }
      if (o.data().length != m.channels.nbins[c]) {
        throw new SpecException("observations", "observation of channel '" + m.channels.names[c] + "' has "
            + o.data().length + " bins, the channel has " + m.channels.nbins[c]);
      }
      System.arraycopy(o.data(), 0, main, m.channels.offset[c], m.channels.nbins[c]);
    }
    return m.withAuxdata(main);
  }
}
