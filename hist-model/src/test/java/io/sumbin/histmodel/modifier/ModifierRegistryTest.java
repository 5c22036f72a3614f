package io.sumbin.histmodel.modifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModifierRegistryTest {
  static final List<ModifierSpec> ONE_OF_EACH = List.of(
      new ModifierSpec.HistoSys("jes", new double[] {11.0, 21.0}, new double[] {9.0, 19.5}),
      new ModifierSpec.Lumi("lumi"),
      new ModifierSpec.NormFactor("mu"),
      new ModifierSpec.NormSys("xsec", 1.05, 0.93),
      new ModifierSpec.ShapeFactor("sf"),
      new ModifierSpec.ShapeSys("bkg_stat", new double[] {1.5, 2.5}),
      new ModifierSpec.StatError("mc_stat", new double[] {0.5, 0.25}));

  @Test
  void pyhfsSevenTypesAreRegisteredInPyhfsParameterOrder() {
    List<String> pyhf = new ArrayList<>();
    ModifierRegistry.kinds().values().stream().filter(ModifierKind::pyhf).forEach(k -> pyhf.add(k.type()));
    assertThat(pyhf).containsExactly("histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror");
    assertThat(ModifierRegistry.get("normsys").constraint()).isEqualTo(Constraint.NORMAL);
    assertThat(ModifierRegistry.get("shapesys").constraint()).isEqualTo(Constraint.POISSON);
    assertThat(ModifierRegistry.get("shapefactor").constraint()).isEqualTo(Constraint.NONE);
    assertThat(ONE_OF_EACH.stream().filter(m -> ModifierRegistry.of(m).overallFactor()).map(ModifierSpec::name))
        .as("kept on a family pair model's delta sample")
        .containsExactly("lumi", "mu", "xsec");
  }

  @Test
  void eachDescriptorReadsWhatItWrites() {
    for (ModifierSpec m : ONE_OF_EACH) {
      ModifierKind k = ModifierRegistry.of(m);
      assertThat(k.type()).isEqualTo(m.type());
      Object written = k.write(m);
      // the JSON reader's vocabulary: numbers as Double, arrays as List
      assertThat(k.read(m.name(), new ModifierData(plain(written), "data"))).as(m.type()).isEqualTo(m);
    }
    assertThat(ModifierRegistry.of(ONE_OF_EACH.get(2)).write(ONE_OF_EACH.get(2))).isNull();
    assertThat(ModifierRegistry.of(ONE_OF_EACH.get(3)).write(ONE_OF_EACH.get(3))).isEqualTo(Map.of("hi", 1.05, "lo", 0.93));
  }

  @Test
  void dataRefusalsNameTheJsonPath() {
    ModifierData d = new ModifierData(Map.of("hi", 1.1, "lo", List.of(0.9)), "channels[0].samples[1].modifiers[2].data");
    assertThatThrownBy(() -> ModifierRegistry.get("normsys").read("x", d))
        .isInstanceOf(SpecException.class)
        .hasMessage("channels[0].samples[1].modifiers[2].data.lo: expected a finite number, got an array");
    ModifierData arr = new ModifierData(List.of(1.0, "two"), "m.data");
    assertThatThrownBy(() -> ModifierRegistry.get("staterror").read("x", arr))
        .hasMessage("m.data[1]: expected a finite number, got the string \"two\"");
  }

  @Test
  void aTypeIsRegisteredOnce() {
    ModifierKind impostor = new ModifierKind() {
      public String type() {
        return "normsys";
      }

      public ModifierSpec read(String name, ModifierData data) {
        return null;
      }

      public Object write(ModifierSpec spec) {
        return null;
      }

      public ModifierBuilder newBuilder(ModifierSettings settings) {
        return null;
      }

      public Constraint constraint() {
        return Constraint.NONE;
      }
    };
    assertThatThrownBy(() -> ModifierRegistry.register(impostor))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modifier type 'normsys' is already registered by io.sumbin.histmodel.modifier.NormSysKind");
    ModifierRegistry.register(new NormSysKind()); // the same descriptor again: nothing happens
    assertThat(ModifierRegistry.get("normsys")).isInstanceOf(NormSysKind.class);
  }

  private static Object plain(Object v) {
    if (v instanceof double[] a) {
      List<Object> l = new ArrayList<>();
      for (double x : a) {
        l.add(x);
      }
      return l;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> o = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> o.put((String) k, plain(x)));
      return o;
    }
    return v;
  }
}
