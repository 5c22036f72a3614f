package io.sumbin.eft.morphing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterPointTest {
  private static final double EXACT = 0.0;

  @Test
  void parsesMadGraphIds() {
    assertTrue(ParameterPoint.parseMadGraphId("SM").isSm());
    assertEquals(Map.of("cHW", 0.1), ParameterPoint.parseMadGraphId("cHW_0p1").values());
    assertEquals(Map.of("cHB", 0.1, "cHW", 0.1), ParameterPoint.parseMadGraphId("cHB_0p1_cHW_0p1").values());
    assertEquals(Map.of("cX", -0.2), ParameterPoint.parseMadGraphId("cX_m0p2").values());
    assertEquals(Map.of("c_HW", 2.0), ParameterPoint.parseMadGraphId("c_HW_2").values());
    assertEquals(Map.of("cHl3", -0.05), ParameterPoint.parseMadGraphId("cHl3_-0.05").values());
    assertEquals(Map.of("cHj1", 10.25), ParameterPoint.parseMadGraphId("cHj1_10p25").values());
    assertTrue(ParameterPoint.parseMadGraphId("cHW_0").isSm(), "zero values are dropped");
  }

  @Test
  void rejectsMalformedIds() {
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> ParameterPoint.parseMadGraphId("cHW"));
    assertEquals("reweighting id 'cHW': 'cHW' has no value (expected NAME_VALUE pairs such as cHW_0p1 or cX_m0p2, or SM)",
        a.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> ParameterPoint.parseMadGraphId("0p1"));
    assertEquals("reweighting id '0p1': value '0p1' has no coefficient name before it", b.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> ParameterPoint.parseMadGraphId("cHW_0p1_cHW_0p2"));
    assertEquals("reweighting id 'cHW_0p1_cHW_0p2': coefficient 'cHW' appears twice", c.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ParameterPoint.parseMadGraphId("cHW__0p1"));
  }

  @Test
  void vectorOverABasis() {
    ParameterPoint p = ParameterPoint.parseMadGraphId("cHB_0p1_cHW_m0p2");
    assertArrayEquals(new double[] {-0.2, 0, 0.1}, p.vector(List.of("cHW", "cHDD", "cHB")), EXACT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.vector(List.of("cHW")));
    assertEquals("point 'cHB_0p1_cHW_m0p2' sets cHB, which is not among the coefficients [cHW]", e.getMessage());
  }
}
