package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;

/**
 * {@code lumi}: the luminosity factor λ (yield × λ) with a Gaussian constraint N(aux | λ, σ); inits,
 * bounds, auxiliary data and σ come from the measurement. Data null.
 */
final class LumiKind implements ModifierKind {
  @Override
  public String type() {
    return "lumi";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    return new ModifierSpec.Lumi(name);
  }

  @Override
  public Object write(ModifierSpec spec) {
    return null;
  }

  @Override
  public Constraint constraint() {
    return Constraint.NORMAL;
  }

  @Override
  public boolean overallFactor() {
    return true;
  }

  @Override
  public boolean pyhf() {
    return true;
  }

  @Override
  public ModifierBuilder newBuilder(ModifierSettings s) {
    return new AbstractBuilder() {
      @Override
      protected ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
        double[] u = ParamsetRequirement.UNSET;
        return new ParamsetRequirement("lumi", Constraint.NORMAL, 1, true, u, new double[][] {u},
            new boolean[] {false}, u, u, null, path);
      }

      @Override
      public void emit(ParameterLayout layout, YieldSink sink) {
        for (Occurrence o : occurrences) {
          sink.linearFactor(o.site().unit(), layout.offset(o.name()));
        }
      }
    };
  }
}
