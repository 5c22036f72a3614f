package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.SpecException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code data} member of one modifier in a workspace document, as its descriptor reads it: a
 * JSON value held as plain Java objects (no JSON library in the engine) together with its JSON path,
 * so that a descriptor's refusals name the place in the file.
 *
 * <p>Values are {@code null} (JSON null), {@link Double} (every JSON number), {@link String},
 * {@link Boolean}, {@link List} (arrays) and {@link Map} (objects, keys in document order). What a
 * descriptor writes back ({@link ModifierKind#write}) uses the same vocabulary plus {@code double[]}
 * for arrays of numbers; the writer puts object keys in alphabetical order, as pyhf does.
 */
public final class ModifierData {
  private static final Object MISSING = new Object();

  private final Object value;
  private final String path;

  /**
   * A data value read from a document.
   *
   * @param value the value in the vocabulary above
   * @param path its JSON path, e.g. {@code channels[0].samples[1].modifiers[2].data}
   */
  public ModifierData(Object value, String path) {
    this.value = value;
    this.path = path;
  }

  /** JSON path of this value. @return the path */
  public String path() {
    return path;
  }

  /** The value itself ({@code null} for JSON null). @return the value */
  public Object value() {
    return value == MISSING ? null : value;
  }

  /** Whether the member does not exist at all. @return true when absent */
  public boolean isMissing() {
    return value == MISSING;
  }

  /** Whether the value is JSON null. @return true for null */
  public boolean isNull() {
    return value == null;
  }

  /**
   * A member of an object (a missing value when this is not an object or has no such key).
   *
   * @param key the member name
   * @return the member, with path {@code path.key}
   */
  public ModifierData get(String key) {
    Object v = value instanceof Map<?, ?> m && m.containsKey(key) ? m.get(key) : MISSING;
    return new ModifierData(v, path + "." + key);
  }

  /** The keys of an object (empty for anything else). @return the keys */
  public Set<String> keys() {
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Set<String> k = (Set<String>) m.keySet();
      return Collections.unmodifiableSet(k);
    }
    return Set.of();
  }

  /**
   * The value as a finite number.
   *
   * @return the number
   * @throws SpecException naming this path when the value is not a finite number
   */
  public double number() {
    if (value instanceof Double d && Double.isFinite(d)) {
      return d;
    }
    throw new SpecException(path, "expected a finite number, got " + describe());
  }

  /**
   * The value as an array of finite numbers.
   *
   * @return the numbers
   * @throws SpecException naming the path of the offending element
   */
  public double[] numbers() {
    if (!(value instanceof List<?> l)) {
      throw new SpecException(path, "expected an array of numbers, got " + describe());
    }
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = new ModifierData(l.get(i), path + "[" + i + "]").number();
    }
    return a;
  }

  /**
   * Refuses members other than {@code allowed} and requires each of them.
   *
   * @param allowed the member names of the object
   * @throws SpecException naming the path of the first missing or unexpected member
   */
  public void requireObject(String... allowed) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new SpecException(path, "expected an object with " + String.join(", ", allowed) + ", got " + describe());
    }
    List<String> want = List.of(allowed);
    for (Object k : m.keySet()) {
      if (!want.contains(k)) {
        throw new SpecException(path + "." + k, "unexpected member '" + k + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
    for (String k : allowed) {
      if (!m.containsKey(k)) {
        throw new SpecException(path, "missing member '" + k + "'");
      }
    }
  }

  private String describe() {
    if (value == MISSING) {
      return "nothing (the member is missing)";
    }
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return String.valueOf(value);
  }
}
