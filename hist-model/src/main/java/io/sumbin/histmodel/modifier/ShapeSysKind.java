package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;

/**
 * {@code shapesys}: an uncorrelated bin-wise uncertainty, yield × γ_b with the Poisson constraint
 * Pois(τ_b | γ_b τ_b), τ_b = (ν_b/δ_b)², init 1, bounds [1e−10, 10]; bins without a positive yield
 * and uncertainty have γ_b fixed at 1. One sample per name. Data: the uncertainties δ_b.
 */
final class ShapeSysKind implements ModifierKind {
  @Override
  public String type() {
    return "shapesys";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    return new ModifierSpec.ShapeSys(name, data.numbers());
  }

  @Override
  public Object write(ModifierSpec spec) {
    return ((ModifierSpec.ShapeSys) spec).data();
  }

  @Override
  public Constraint constraint() {
    return Constraint.POISSON;
  }

  @Override
  public boolean pyhf() {
    return true;
  }

  @Override
  public void questionable(ModifierSpec spec, String path, Findings findings) {
    ModifierSpec.ShapeSys sh = (ModifierSpec.ShapeSys) spec;
    for (int b = 0; b < sh.data().length; b++) {
      if (sh.data()[b] < 0) {
        findings.flag(path + ".data[" + b + "]", "shapesys '" + sh.name() + "' has a negative uncertainty " + sh.data()[b],
            "read as pyhf reads it: the bin has no uncertainty (its gamma fixed at 1), not |delta|");
      }
    }
  }

  @Override
  public ModifierBuilder newBuilder(ModifierSettings s) {
    return new AbstractBuilder() {
      @Override
      protected void check(Site site, ModifierSpec mod, String path) {
        ModifierSpec.ShapeSys m = (ModifierSpec.ShapeSys) mod;
        checkLength(path + ".data", "data", m.data(), site, "shapesys", m.name());
        checkFinite(path + ".data", "data", m.data());
        for (Occurrence o : occurrences) {
          if (o.name().equals(m.name())) {
            throw new SpecException(path, "shapesys '" + m.name() + "' is already used at " + o.path()
                + "; a shapesys parameter set cannot be shared between samples or channels");
          }
        }
      }

      @Override
      protected ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
        double[] nom = site.nominal();
        double[] unc = ((ModifierSpec.ShapeSys) mod).data();
        int n = nom.length;
        double[] factors = new double[n];
        boolean[] fixed = new boolean[n];
        for (int b = 0; b < n; b++) {
          boolean valid = nom[b] > 0 && unc[b] > 0;
          factors[b] = valid ? nom[b] * nom[b] / (unc[b] * unc[b]) : 1.0;
          fixed[b] = !valid;
        }
        return new ParamsetRequirement("shapesys", Constraint.POISSON, n, false,
            ParamsetRequirement.fill(n, 1.0), ParamsetRequirement.fillBounds(n, 1e-10, 10.0), fixed,
            factors.clone(), null, factors, path);
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
