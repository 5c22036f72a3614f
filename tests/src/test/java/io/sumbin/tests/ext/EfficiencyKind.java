package io.sumbin.tests.ext;

import io.sumbin.histmodel.modifier.AbstractBuilder;
import io.sumbin.histmodel.modifier.Constraint;
import io.sumbin.histmodel.modifier.ModifierBuilder;
import io.sumbin.histmodel.modifier.ModifierData;
import io.sumbin.histmodel.modifier.ModifierKind;
import io.sumbin.histmodel.modifier.ParameterLayout;
import io.sumbin.histmodel.modifier.ParamsetRequirement;
import io.sumbin.histmodel.modifier.Site;
import io.sumbin.histmodel.modifier.YieldSink;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;
import java.util.Map;

/**
 * A modifier type as a third-party jar would bring it: this one file, plus the line
 * {@code io.sumbin.tests.ext.EfficiencyKind} in
 * {@code META-INF/services/io.sumbin.histmodel.modifier.ModifierKind} (here the test resources of
 * this module, on the class path like {@code my-modifier.jar} in
 * {@code java -cp sumbin.jar:my-modifier.jar io.sumbin.cli.Main fit ws.json}). No sumbin source
 * names it. {@code efficiency}: a multiplicative factor ε on a sample's yield with the Gaussian
 * constraint N(1 | ε, σ), init 1, bounds [0, 5]; JSON {@code {"name": n, "type": "efficiency",
 * "data": {"sigma": σ}}}.
 */
public final class EfficiencyKind implements ModifierKind {
  /** The spec: name and relative width σ. */
  public record Efficiency(String name, double sigma) implements ModifierSpec.Extension {
    @Override
    public String type() {
      return "efficiency";
    }
  }

  /** For {@link java.util.ServiceLoader}. */
  public EfficiencyKind() {}

  @Override
  public String type() {
    return "efficiency";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    data.requireObject("sigma");
    double sigma = data.get("sigma").number();
    if (!(sigma > 0)) {
      throw new SpecException(data.path() + ".sigma", "efficiency '" + name + "' needs sigma > 0, got " + sigma);
    }
    return new Efficiency(name, sigma);
  }

  @Override
  public Object write(ModifierSpec spec) {
    return Map.of("sigma", ((Efficiency) spec).sigma());
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
  public ModifierBuilder newBuilder(ModifierSettings settings) {
    return new AbstractBuilder() {
      @Override
      protected ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
        return new ParamsetRequirement("efficiency", Constraint.NORMAL, 1, true, new double[] {1.0},
            new double[][] {{0.0, 5.0}}, new boolean[] {false}, new double[] {1.0},
            new double[] {((Efficiency) mod).sigma()}, null, path);
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
