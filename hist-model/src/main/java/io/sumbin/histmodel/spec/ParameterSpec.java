package io.sumbin.histmodel.spec;

import io.sumbin.histmodel.util.RecordText;
import java.util.Arrays;

/**
 * Measurement settings for one parameter (set), as in pyhf's {@code measurements[].config.parameters[]}.
 * Every field except {@code name} may be {@code null}, meaning "use the modifier's default".
 * Arrays have one entry per component of the parameter set ({@code bounds}: pairs lo, hi).
 */
public record ParameterSpec(
    String name,
    double[] inits,
    double[][] bounds,
    Boolean fixed,
    double[] auxdata,
    double[] sigmas,
    double[] factors) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public ParameterSpec {
    inits = inits == null ? null : inits.clone();
    bounds = bounds == null ? null : Arrays.stream(bounds).map(double[]::clone).toArray(double[][]::new);
    auxdata = auxdata == null ? null : auxdata.clone();
    sigmas = sigmas == null ? null : sigmas.clone();
    factors = factors == null ? null : factors.clone();
  }

  /** Only a name: all defaults. */
  public static ParameterSpec named(String name) {
    return new ParameterSpec(name, null, null, null, null, null, null);
  }

  public ParameterSpec withInits(double... v) {
    return new ParameterSpec(name, v, bounds, fixed, auxdata, sigmas, factors);
  }

  public ParameterSpec withBounds(double[]... v) {
    return new ParameterSpec(name, inits, v, fixed, auxdata, sigmas, factors);
  }

  public ParameterSpec withFixed(Boolean v) {
    return new ParameterSpec(name, inits, bounds, v, auxdata, sigmas, factors);
  }

  public ParameterSpec withAuxdata(double... v) {
    return new ParameterSpec(name, inits, bounds, fixed, v, sigmas, factors);
  }

  public ParameterSpec withSigmas(double... v) {
    return new ParameterSpec(name, inits, bounds, fixed, auxdata, v, factors);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterSpec p
        && p.name.equals(name)
        && Arrays.equals(p.inits, inits)
        && Arrays.deepEquals(p.bounds, bounds)
        && java.util.Objects.equals(p.fixed, fixed)
        && Arrays.equals(p.auxdata, auxdata)
        && Arrays.equals(p.sigmas, sigmas)
        && Arrays.equals(p.factors, factors);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
