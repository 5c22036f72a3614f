package io.sumbin.histmodel.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The statistics {@link TestStatistic#parse} knows, by name. Thread-safe. */
final class TestStatisticRegistry {
  private static final Map<String, TestStatistic> BY_NAME = new LinkedHashMap<>();
  private static final List<TestStatistic> BUILT_IN = List.of(
      TestStatistic.Q,
      TestStatistic.QTILDE,
      TestStatistic.T,
      TestStatistic.TTILDE,
      TestStatistic.Q0);

  static {
    for (TestStatistic ts : BUILT_IN) {
      register(ts);
    }
  }

  private TestStatisticRegistry() {}

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  static synchronized TestStatistic register(TestStatistic ts) {
    String k = key(ts.name());
    if (k.isEmpty() || BY_NAME.containsKey(k)) {
      throw new IllegalArgumentException("test statistic name '" + ts.name() + "' is empty or already registered");
    }
    BY_NAME.put(k, ts);
    return ts;
  }

  static synchronized boolean unregister(String name) {
    TestStatistic ts = BY_NAME.get(key(name));
    if (ts == null || BUILT_IN.contains(ts)) {
      return false;
    }
    BY_NAME.remove(key(name));
    return true;
  }

  static synchronized List<TestStatistic> all() {
    return List.copyOf(BY_NAME.values());
  }

  static synchronized TestStatistic parse(String s) {
    TestStatistic ts = BY_NAME.get(key(s));
    if (ts != null) {
      return ts;
    }
    List<String> names = new ArrayList<>(BY_NAME.keySet());
    String last = names.remove(names.size() - 1);
    throw new IllegalArgumentException("unknown test statistic '" + s + "' (expected " + String.join(", ", names) + " or " + last + ")");
  }
}
