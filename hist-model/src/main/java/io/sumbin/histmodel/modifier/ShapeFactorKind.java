package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;

/**
 * {@code shapefactor}: free bin-wise factors γ_b (yield × γ_b), init 1, bounds [0, 10], no
 * constraint; bin j of any channel uses component j. Data null.
 */
final class ShapeFactorKind implements ModifierKind {
  @Override
  public String type() {
    return "shapefactor";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    return new ModifierSpec.ShapeFactor(name);
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
  public boolean pyhf() {
    return true;
  }

  @Override
  public ModifierBuilder newBuilder(ModifierSettings s) {
    return new AbstractBuilder() {
      @Override
      protected ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
        int n = site.nbins();
        return new ParamsetRequirement("shapefactor", Constraint.NONE, n, false, ParamsetRequirement.fill(n, 1.0),
            ParamsetRequirement.fillBounds(n, 0.0, 10.0), new boolean[n], null, null, null, path);
      }

      @Override
      public void emit(ParameterLayout layout, YieldSink sink) {
        for (Occurrence o : occurrences) {
          sink.binwiseFactor(o.site().unit(), perBin(layout.offset(o.name()), o.site()));
        }
      }
    };
  }
}
