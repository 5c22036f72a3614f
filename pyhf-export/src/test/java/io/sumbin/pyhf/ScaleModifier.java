package io.sumbin.pyhf;

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
 * An extension modifier in one file: {@code scale}, a multiplicative factor κ on a sample's yield
 * with the Gaussian constraint N(1 | κ, σ) (an efficiency with a relative uncertainty σ), init 1,
 * bounds [0, 10]; JSON {@code {"name": n, "type": "scale", "data": {"sigma": σ}}}. Samples that
 * share the name share κ and must agree on σ. Registered by one line,
 * {@code ModifierRegistry.register(new ScaleModifier())} (in {@link CustomModifierTest}).
 */
final class ScaleModifier implements ModifierKind {
  /** The spec: name and relative width. */
  record Scale(String name, double sigma) implements ModifierSpec.Extension {
    @Override
    public String type() {
      return "scale";
    }
  }

  @Override
  public String type() {
    return "scale";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    data.requireObject("sigma");
    double sigma = data.get("sigma").number();
    if (!(sigma > 0)) {
      throw new SpecException(data.path() + ".sigma", "scale '" + name + "' needs sigma > 0, got " + sigma);
    }
    return new Scale(name, sigma);
  }

  @Override
  public Object write(ModifierSpec spec) {
    return Map.of("sigma", ((Scale) spec).sigma());
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
        return new ParamsetRequirement("scale", Constraint.NORMAL, 1, true, new double[] {1.0},
            new double[][] {{0.0, 10.0}}, new boolean[] {false}, new double[] {1.0},
            new double[] {((Scale) mod).sigma()}, null, path);
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
