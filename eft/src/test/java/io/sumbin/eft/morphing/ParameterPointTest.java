package io.sumbin.eft.morphing;

import io.sumbin.histmodel.BadInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterPointTest {
  private static final double EXACT = 0.0;

  @Test
  void parsesMadGraphIds() {
    assertThat(ParameterPoint.parseMadGraphId("SM").isSm())
        .as("ParameterPoint.parseMadGraphId(\"SM\").isSm()")
        .isTrue();
    assertThat(ParameterPoint.parseMadGraphId("cHW_0p1").values())
        .as("ParameterPoint.parseMadGraphId(\"cHW_0p1\").values()")
        .isEqualTo(Map.of("cHW", 0.1));
    assertThat(ParameterPoint.parseMadGraphId("cHB_0p1_cHW_0p1").values())
        .as("ParameterPoint.parseMadGraphId(\"cHB_0p1_cHW_0p1\").values()")
        .isEqualTo(Map.of("cHB", 0.1, "cHW", 0.1));
    assertThat(ParameterPoint.parseMadGraphId("cX_m0p2").values())
        .as("ParameterPoint.parseMadGraphId(\"cX_m0p2\").values()")
        .isEqualTo(Map.of("cX", -0.2));
    assertThat(ParameterPoint.parseMadGraphId("c_HW_2").values())
        .as("ParameterPoint.parseMadGraphId(\"c_HW_2\").values()")
        .isEqualTo(Map.of("c_HW", 2.0));
    assertThat(ParameterPoint.parseMadGraphId("cHl3_-0.05").values())
        .as("ParameterPoint.parseMadGraphId(\"cHl3_-0.05\").values()")
        .isEqualTo(Map.of("cHl3", -0.05));
    assertThat(ParameterPoint.parseMadGraphId("cHj1_10p25").values())
        .as("ParameterPoint.parseMadGraphId(\"cHj1_10p25\").values()")
        .isEqualTo(Map.of("cHj1", 10.25));
    assertThat(ParameterPoint.parseMadGraphId("cHW_0").isSm()).as("zero values are dropped").isTrue();
  }

  @Test
  void rejectsMalformedIds() {
    BadInputException a = assertThatExceptionOfType(BadInputException.class)
        .isThrownBy(() -> ParameterPoint.parseMadGraphId("cHW"))
        .actual();
    assertThat(a.getMessage())
        .as("a.getMessage()")
        .isEqualTo("reweighting id 'cHW': 'cHW' has no value (expected NAME_VALUE pairs such as cHW_0p1 or cX_m0p2, or SM)");
    BadInputException b = assertThatExceptionOfType(BadInputException.class)
        .isThrownBy(() -> ParameterPoint.parseMadGraphId("0p1"))
        .actual();
    assertThat(b.getMessage())
        .as("b.getMessage()")
        .isEqualTo("reweighting id '0p1': value '0p1' has no coefficient name before it");
    BadInputException c = assertThatExceptionOfType(BadInputException.class)
        .isThrownBy(() -> ParameterPoint.parseMadGraphId("cHW_0p1_cHW_0p2"))
        .actual();
    assertThat(c.getMessage())
        .as("c.getMessage()")
        .isEqualTo("reweighting id 'cHW_0p1_cHW_0p2': coefficient 'cHW' appears twice");
    assertThatThrownBy(() -> ParameterPoint.parseMadGraphId("cHW__0p1")).isInstanceOf(BadInputException.class);
  }

  @Test
  void vectorOverABasis() {
    ParameterPoint p = ParameterPoint.parseMadGraphId("cHB_0p1_cHW_m0p2");
    assertThat(p.vector(List.of("cHW", "cHDD", "cHB")))
        .as("p.vector(List.of(\"cHW\", \"cHDD\", \"cHB\"))")
        .containsExactly(new double[] {-0.2, 0, 0.1}, within(EXACT));
    BadInputException e = assertThatExceptionOfType(BadInputException.class)
        .isThrownBy(() -> p.vector(List.of("cHW")))
        .actual();
    assertThat(e.getMessage())
        .as("e.getMessage()")
        .isEqualTo("point 'cHB_0p1_cHW_m0p2' sets cHB, which is not among the coefficients [cHW]");
  }
}
