package io.sumbin.tests;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import io.sumbin.testsupport.SharedData;
import java.nio.file.Path;
import java.util.List;

/** pyhf's reference numbers from ../shared ({@link SharedData}: skipped when missing, failed under CI=true). */
final class Shared {
  private Shared() {}

  static Path root() {
    return SharedData.root();
  }

  static Path pyhf() {
    return SharedData.pyhf();
  }

  static Path workspace(String name) {
    return pyhf().resolve("workspaces").resolve(name + ".json");
  }

  static JsonNode reference(String name) {
    return Json.read(pyhf().resolve("reference").resolve(name + ".json"));
  }

  /** Names of all reference files (without .json). */
  static List<String> referenceNames() {
    return SharedData.list("pyhf/reference", p -> p.getFileName().toString().endsWith(".json")).stream()
        .map(p -> p.getFileName().toString()).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
  }

  /** Numbers, with pyhf's "nan"/"inf" strings decoded. */
  static double num(JsonNode n) {
    if (n.isTextual()) {
      return switch (n.asText()) {
        case "nan" -> Double.NaN;
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(n.asText());
      };
    }
    return n.asDouble();
  }

  static double[] nums(JsonNode arr) {
    double[] a = new double[arr.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = num(arr.get(i));
    }
    return a;
  }

  /** Whether pyhf recorded a failure for a computation of this reference file. */
  static boolean pyhfFailed(JsonNode ref, String key) {
    return ref.path("errors").has(key) || !ref.has(key) || ref.get(key).has("skipped");
  }
}
