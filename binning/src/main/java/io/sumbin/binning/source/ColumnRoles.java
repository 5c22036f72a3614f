package io.sumbin.binning.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the columns of a table file are read (Parquet, CSV): {@code weight} is the nominal weight,
 * {@code w_<id>} or {@code rwgt_<id>} an EFT weight with id {@code <id>}, any other numeric column an
 * observable. Benchmark values may be declared in the file's metadata under {@link #BENCHMARKS_KEY} as
 * {@code {"parameters": ["cHW", ...], "values": {"<id>": [0.1, ...], ...}}}.
 */
final class ColumnRoles {
  static final String WEIGHT = "weight";
  static final String[] WEIGHT_PREFIXES = {"w_", "rwgt_"};
  /** Parquet key-value metadata key of the declared benchmark values. */
  static final String BENCHMARKS_KEY = "sumbin.benchmarks";
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<String> observables = new ArrayList<>();
  final List<Integer> observableIndex = new ArrayList<>();
  final List<String> weightIds = new ArrayList<>();
  final List<Integer> weightIndex = new ArrayList<>();
  int nominal = -1;

  /**
   * Classifies {@code names} (numeric flags per column) for {@code file}.
   *
   * @throws EventFormatException if a requested observable is missing, or an EFT id repeats
   */
  ColumnRoles(String file, List<String> names, boolean[] numeric, ReadOptions options) {
    for (int j = 0; j < names.size(); j++) {
      String n = names.get(j);
      String id = weightId(n);
      if (n.equals(WEIGHT)) {
        requireNumeric(file, n, numeric[j]);
        nominal = j;
      } else if (id != null) {
        requireNumeric(file, n, numeric[j]);
        if (weightIds.contains(id)) {
          throw new EventFormatException(file, n, "EFT weight id '" + id + "' appears twice (as w_" + id + " and rwgt_" + id + ")");
        }
        weightIds.add(id);
        weightIndex.add(j);
      } else if (numeric[j] && options.wants(n)) {
        observables.add(n);
        observableIndex.add(j);
      }
    }
    if (options.observables() != null) {
      for (String want : options.observables()) {
        int j = names.indexOf(want);
        if (j < 0) {
          throw new EventFormatException(file, want, "no such column (columns: " + names + ")");
        }
        requireNumeric(file, want, numeric[j]);
      }
    }
  }

  private static void requireNumeric(String file, String column, boolean numeric) {
    if (!numeric) {
      throw new EventFormatException(file, column, "not a numeric column");
    }
  }

  /** The EFT weight id of a column name, or null. */
  static String weightId(String column) {
    for (String p : WEIGHT_PREFIXES) {
      if (column.startsWith(p) && column.length() > p.length()) {
        return column.substring(p.length());
      }
    }
    return null;
  }

  /** Parses the {@link #BENCHMARKS_KEY} JSON; fills {@code parameters} and {@code values}. */
  static void parseBenchmarks(String file, String json, List<String> parameters, Map<String, double[]> values) {
    try {
      JsonNode root = JSON.readTree(json);
      for (JsonNode p : root.path("parameters")) {
        parameters.add(p.asText());
      }
      root.path("values").properties().forEach(e -> {
        double[] v = new double[e.getValue().size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = e.getValue().get(k).asDouble();
        }
        if (v.length != parameters.size()) {
          throw new EventFormatException(file, null, "metadata '" + BENCHMARKS_KEY + "': benchmark '" + e.getKey()
              + "' has " + v.length + " values for " + parameters.size() + " parameters");
        }
        values.put(e.getKey(), v);
      });
    } catch (java.io.IOException e) {
      throw new EventFormatException(file, null, "metadata '" + BENCHMARKS_KEY + "' is not JSON: " + e.getMessage(), e);
    }
  }

  /** The JSON of {@link #BENCHMARKS_KEY} for the given declaration (null if none). */
  static String benchmarksJson(List<String> parameters, Map<String, double[]> values) {
    if (values.isEmpty()) {
      return null;
    }
    ObjectNode root = JSON.createObjectNode();
    parameters.forEach(root.putArray("parameters")::add);
    ObjectNode v = root.putObject("values");
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      var arr = v.putArray(e.getKey());
      for (double x : e.getValue()) {
        arr.add(x);
      }
    }
    return root.toString();
  }

  static Map<String, double[]> newValues() {
    return new LinkedHashMap<>();
  }
}
