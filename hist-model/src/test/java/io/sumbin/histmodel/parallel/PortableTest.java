package io.sumbin.histmodel.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.Workspace;
import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What {@link Portable} sends to another JVM arrives as an equal, working value. */
class PortableTest {
  record Holder(CompiledModel a, CompiledModel b, FitOptions options, double[] data) {}

  @Test
  void aModelTravelsAsItsSpecAndComputesTheSameBitForBit() {
    Workspace ws = ExampleModels.uncorrelatedBackground();
    CompiledModel m = Models.compile(ws, null);
    double[] data = Models.observedData(ws, m);
    FitOptions o = FitOptions.suggested(m);
    Holder h = Portable.copy(new Holder(m, m, o, data));
    assertThat(h.a()).as("the copy is a new model").isNotSameAs(m);
    assertThat(h.b()).as("one model sent twice arrives as one model").isSameAs(h.a());
    assertThat(h.a().parNames()).isEqualTo(m.parNames());
    assertThat(h.data()).isEqualTo(data);
    assertThat(h.options().init()).isEqualTo(o.init());
    assertThat(h.options().fixed()).isEqualTo(o.fixed());
    FitResult here = new Fitter(m).fit(data, o);
    FitResult there = new Fitter(h.a()).fit(h.data(), h.options());
    // exact equality: the copy compiles to the same arrays and runs the same arithmetic
    assertThat(there.bestfit()).isEqualTo(here.bestfit());
    assertThat(there.twiceNll()).isEqualTo(here.twiceNll());
    assertThat(there.uncertainties()).isEqualTo(here.uncertainties());
    double[] e1 = new double[m.nMain() + m.nAux()];
    double[] e2 = e1.clone();
    m.expectedData(here.bestfit(), e1);
    h.a().expectedData(here.bestfit(), e2);
    assertThat(e2).isEqualTo(e1);
    assertThat(Portable.portable(h.a())).as("a received model can be sent on").isTrue();
  }

  record Inner(String name, double[] values) {}

  record Outer(List<Inner> inners, Inner first, int[][] grid) {}

  @Test
  void recordsThatAreNotSerializableTravelByTheirComponents() {
    Inner a = new Inner("a", new double[] {1.5, Double.NaN, -0.0});
    Outer o = new Outer(List.of(a, new Inner("b", new double[0])), a, new int[][] {{1, 2}, {3}});
    Outer c = Portable.copy(o);
    assertThat(c.inners()).hasSize(2);
    assertThat(c.first()).as("shared components stay shared").isSameAs(c.inners().get(0));
    assertThat(c.first().values()).isEqualTo(new double[] {1.5, Double.NaN, -0.0});
    assertThat(Double.doubleToRawLongBits(c.first().values()[2])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(c.grid()).isDeepEqualTo(new int[][] {{1, 2}, {3}});
  }

  record WithSupplier(Supplier<String> s) {}

  @Test
  void aValueThatCannotTravelIsRefusedNamingTheClass() {
    assertThatThrownBy(() -> Portable.toBytes(new WithSupplier(() -> "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot send")
        .hasMessageContaining("PortableTest");
    Supplier<String> ok = (Supplier<String> & Serializable) () -> "fine";
    assertThat(Portable.copy(new WithSupplier(ok)).s().get()).isEqualTo("fine");
  }
}
