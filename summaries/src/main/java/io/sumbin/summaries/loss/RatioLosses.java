package io.sumbin.summaries.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** The registry behind {@link RatioLoss#of}: the services listed in {@code META-INF/services}, loaded once. */
final class RatioLosses {
  private static final Map<String, RatioLoss> BY_TAG = load();

  private RatioLosses() {}

  private static Map<String, RatioLoss> load() {
    Map<String, RatioLoss> m = new LinkedHashMap<>();
    for (RatioLoss l : ServiceLoader.load(RatioLoss.class, RatioLoss.class.getClassLoader())) {
      RatioLoss previous = m.putIfAbsent(l.tag(), l);
      if (previous != null && !previous.equals(l)) {
        throw new IllegalStateException("ratio loss tag '" + l.tag() + "' is registered by both "
            + previous.getClass().getName() + " and " + l.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  static RatioLoss of(String tag) {
    RatioLoss l = tag == null ? null : BY_TAG.get(tag.toLowerCase(Locale.ROOT));
    if (l == null) {
      throw new IllegalArgumentException("unknown ratio loss '" + tag + "' (have " + String.join(", ", tags()) + ")");
    }
    return l;
  }

  static List<String> tags() {
    return List.copyOf(BY_TAG.keySet());
  }
}
