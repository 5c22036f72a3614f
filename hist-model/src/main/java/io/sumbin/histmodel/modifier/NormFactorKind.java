package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;

/** {@code normfactor}: a free overall factor μ (yield × μ), init 1, bounds [0, 10], no constraint; data null. */
final class NormFactorKind implements ModifierKind {
  @Override
  public String type() {
    return "normfactor";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    return new ModifierSpec.NormFactor(name);
  }

  @Override
  public Object write(ModifierSpec spec) {
    return null;
  }

  @Override
  public Constraint constraint() {
    return Constraint.NONE;
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
        return new ParamsetRequirement("normfactor", Constraint.NONE, 1, true, new double[] {1.0},
            new double[][] {{0.0, 10.0}}, new boolean[] {false}, null, null, null, path);
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
