package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.interp.InterpCode;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code histosys}: a correlated shape systematic, yield + δ_b(α) interpolated between lo_data and
 * hi_data (code 4p by default), α ~ N(0 | α, 1), init 0, bounds [−5, 5]; data
 * {@code {"hi_data": [...], "lo_data": [...]}}.
 */
final class HistoSysKind implements ModifierKind {
  @Override
  public String type() {
    return "histosys";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    return new ModifierSpec.HistoSys(name, data.get("hi_data").numbers(), data.get("lo_data").numbers());
  }

  @Override
  public Object write(ModifierSpec spec) {
    ModifierSpec.HistoSys h = (ModifierSpec.HistoSys) spec;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("hi_data", h.hiData());
    d.put("lo_data", h.loData());
    return d;
  }

  @Override
  public Constraint constraint() {
    return Constraint.NORMAL;
  }

  @Override
  public boolean pyhf() {
    return true;
  }

  @Override
  public ModifierBuilder newBuilder(ModifierSettings s) {
    InterpCode code = s.histosys();
    return new AbstractBuilder() {
      @Override
      protected void check(Site site, ModifierSpec mod, String path) {
        ModifierSpec.HistoSys h = (ModifierSpec.HistoSys) mod;
        checkLength(path + ".data.hi_data", "hi_data", h.hiData(), site, "histosys", h.name());
        checkLength(path + ".data.lo_data", "lo_data", h.loData(), site, "histosys", h.name());
        checkFinite(path + ".data.hi_data", "hi_data", h.hiData());
        checkFinite(path + ".data.lo_data", "lo_data", h.loData());
      }

      @Override
      protected ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
        return normalScalar("histosys", path);
      }

      @Override
      public void emit(ParameterLayout layout, YieldSink sink) {
        for (Occurrence o : occurrences) {
          ModifierSpec.HistoSys h = (ModifierSpec.HistoSys) o.mod();
          double[] nom = o.site().nominal();
          double[] up = new double[nom.length];
          double[] dn = new double[nom.length];
          for (int b = 0; b < nom.length; b++) {
            up[b] = h.hiData()[b] - nom[b];
            dn[b] = nom[b] - h.loData()[b];
          }
          sink.additive(o.site().unit(), layout.offset(o.name()), code, up, dn);
        }
      }
    };
  }
}
