package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.interp.InterpCode;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code normsys}: an overall normalisation systematic, yield × f(α) interpolated between lo
 * (α = −1) and hi (α = +1) (code 4 by default), α ~ N(0 | α, 1), init 0, bounds [−5, 5]; data
 * {@code {"hi": h, "lo": l}}.
 */
final class NormSysKind implements ModifierKind {
  @Override
  public String type() {
    return "normsys";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    return new ModifierSpec.NormSys(name, data.get("hi").number(), data.get("lo").number());
  }

  @Override
  public Object write(ModifierSpec spec) {
    ModifierSpec.NormSys n = (ModifierSpec.NormSys) spec;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("hi", n.hi());
    d.put("lo", n.lo());
    return d;
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
    InterpCode code = s.normsys();
    return new AbstractBuilder() {
      @Override
      protected void check(Site site, ModifierSpec mod, String path) {
        ModifierSpec.NormSys n = (ModifierSpec.NormSys) mod;
        if (!(n.hi() > 0) || !(n.lo() > 0) || !Double.isFinite(n.hi()) || !Double.isFinite(n.lo())) {
          throw new SpecException(path + ".data", "normsys '" + n.name() + "' needs finite hi > 0 and lo > 0 for "
              + code.pyhfName() + " interpolation, got hi=" + n.hi() + ", lo=" + n.lo());
        }
      }

      @Override
      protected ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
        return normalScalar("normsys", path);
      }

      @Override
      public void emit(ParameterLayout layout, YieldSink sink) {
        for (Occurrence o : occurrences) {
          ModifierSpec.NormSys n = (ModifierSpec.NormSys) o.mod();
          sink.interpolatedFactor(o.site().unit(), layout.offset(o.name()), code, n.hi(), n.lo());
        }
      }
    };
  }
}
