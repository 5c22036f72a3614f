package io.sumbin.pyhf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The one NaN-safe way sumbin writes numbers into JSON trees: undefined numbers become null. */
class JsonNumbersTest {
  @Test
  void nonFiniteNumbersBecomeNullAndFiniteOnesStayExact() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    Json.putNumber(o, "a", 0.1);
    Json.putNumber(o, "nan", Double.NaN);
    Json.putNumber(o, "inf", Double.NEGATIVE_INFINITY);
    o.set("list", Json.numbers(1.5, Double.NaN, Double.POSITIVE_INFINITY, -2e-300));
    assertThat(Json.compact(o)).as("compact JSON of a, nan, inf and list")
        .isEqualTo("{\"a\":0.1,\"nan\":null,\"inf\":null,\"list\":[1.5,null,null,-2.0E-300]}");
    assertThat(Json.parse(Json.compact(o), "test").get("list").get(3).asDouble()).as("-2e-300 read back")
        .isEqualTo(-2e-300);
  }
}
