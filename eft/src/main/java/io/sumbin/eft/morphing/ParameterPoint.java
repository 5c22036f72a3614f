package io.sumbin.eft.morphing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A point in Wilson-coefficient space, c = (c_1, ..., c_n), given as the non-zero coefficients
 * (absent coefficients are 0, the Standard Model is the empty map), with the id of the reweighting
 * weight it belongs to.
 *
 * <p>MadGraph reweighting ids are parsed by {@link #parseMadGraphId}: {@code SM} is the origin;
 * otherwise the id is a sequence of {@code NAME_VALUE} pairs joined by underscores, where VALUE
 * uses {@code p} for the decimal point and a leading {@code m} for a minus sign:
 * {@code cHW_0p1} → {cHW: 0.1}, {@code cHB_0p1_cHW_0p1} → {cHB: 0.1, cHW: 0.1},
 * {@code cX_m0p2} → {cX: −0.2}. Names may themselves contain underscores ({@code c_HW_0p1}), and
 * plain decimals ({@code cHW_0.1}, {@code cHW_-0.1}) are accepted too.
 *
 * @param id the weight id
 * @param values coefficient name → value (insertion order kept, zero values dropped)
 */
public record ParameterPoint(String id, Map<String, Double> values) {
  private static final Pattern VALUE = Pattern.compile("m?\\d+(p\\d+)?|-?\\d+(\\.\\d+)?|-?\\.\\d+");

  public ParameterPoint {
    if (id == null || id.isEmpty()) {
      throw new io.sumbin.histmodel.BadInputException("a parameter point needs a non-empty id");
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : values.entrySet()) {
      double v = e.getValue();
      if (!Double.isFinite(v)) {
        throw new io.sumbin.histmodel.BadInputException("point '" + id + "': " + e.getKey() + " = " + v + " is not finite");
      }
      if (v != 0) {
        m.put(e.getKey(), v);
      }
    }
    values = Collections.unmodifiableMap(m);
  }

  /** An explicit point. */
  public static ParameterPoint of(String id, Map<String, Double> values) {
    return new ParameterPoint(id, values);
  }

  /**
   * Parses a MadGraph reweighting id (see the class comment).
   *
   * @throws io.sumbin.histmodel.BadInputException naming the id and the token that could not be read
   */
  public static ParameterPoint parseMadGraphId(String id) {
    if (id.equalsIgnoreCase("SM")) {
      return new ParameterPoint(id, Map.of());
    }
    String[] tok = id.split("_", -1);
    Map<String, Double> m = new LinkedHashMap<>();
    List<String> name = new ArrayList<>();
    for (String t : tok) {
      if (VALUE.matcher(t).matches() && !name.isEmpty()) {
        String n = String.join("_", name);
        double v = Double.parseDouble(t.replace('p', '.').replace('m', '-'));
        if (m.put(n, v) != null) {
          throw new io.sumbin.histmodel.BadInputException("reweighting id '" + id + "': coefficient '" + n + "' appears twice");
        }
        name.clear();
      } else if (t.isEmpty()) {
        throw new io.sumbin.histmodel.BadInputException("reweighting id '" + id + "': empty token (double or trailing underscore)");
      } else if (VALUE.matcher(t).matches()) {
        throw new io.sumbin.histmodel.BadInputException("reweighting id '" + id + "': value '" + t + "' has no coefficient name before it");
      } else {
        name.add(t);
      }
    }
    if (!name.isEmpty()) {
      throw new io.sumbin.histmodel.BadInputException("reweighting id '" + id + "': '" + String.join("_", name)
          + "' has no value (expected NAME_VALUE pairs such as cHW_0p1 or cX_m0p2, or SM)");
    }
    return new ParameterPoint(id, m);
  }

  /** Value of coefficient {@code name} (0 when absent). */
  public double value(String name) {
    Double v = values.get(name);
    return v == null ? 0 : v;
  }

  /** True at the Standard Model (all coefficients 0). */
  public boolean isSm() {
    return values.isEmpty();
  }

  /**
   * The point as a vector over {@code coefficients}.
   *
   * @throws io.sumbin.histmodel.BadInputException if the point sets a coefficient not in the list
   */
  public double[] vector(List<String> coefficients) {
    for (String k : values.keySet()) {
      if (!coefficients.contains(k)) {
        throw new io.sumbin.histmodel.BadInputException("point '" + id + "' sets " + k + ", which is not among the coefficients "
            + coefficients);
      }
    }
    double[] c = new double[coefficients.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = value(coefficients.get(i));
    }
    return c;
  }
}
