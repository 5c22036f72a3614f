package io.sumbin.summaries.nn;

/** The sumbin version recorded in saved models. */
final class SumbinVersion {
  static final String VERSION = versionOf();

  private SumbinVersion() {}

  private static String versionOf() {
    String v = SumbinVersion.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }
}
