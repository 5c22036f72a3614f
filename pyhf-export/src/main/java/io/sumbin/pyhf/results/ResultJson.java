package io.sumbin.pyhf.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Serializes the result records of this package (the JSON contracts of DESIGN.md §6, one record per
 * contract) with Jackson: fields in record order, one line, and every non-finite number written as
 * {@code null} (JSON has no NaN; a missing interval end or a failed fit reads as null).
 */
public final class ResultJson {
  /** The mapper for result records (records, arrays, doubles: non-finite → null). */
  public static final ObjectMapper MAPPER = JsonMapper.builder().addModule(finiteOrNull()).build();

  private ResultJson() {}

  /** One line of JSON for a result record (or a tree). */
  public static String compact(Object result) {
    try {
      return MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + result.getClass().getSimpleName(), e);
    }
  }

  /** A result record as a tree (to embed it in a larger document). */
  public static JsonNode tree(Object result) {
    return MAPPER.valueToTree(result);
  }

  private static SimpleModule finiteOrNull() {
    SimpleModule m = new SimpleModule("sumbin-finite-or-null");
    StdSerializer<Double> one = new StdSerializer<>(Double.class) {
      @Override
      public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
        number(g, v);
      }
    };
    m.addSerializer(Double.class, one);
    m.addSerializer(double.class, one);
    m.addSerializer(double[].class, new StdSerializer<>(double[].class) {
      @Override
      public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartArray(a, a.length);
        for (double v : a) {
          number(g, v);
        }
        g.writeEndArray();
      }
    });
    return m;
  }

  private static void number(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }
}
