package io.sumbin.cli;

import picocli.CommandLine.Option;

/** {@code --measurement M}, one option block for every command that compiles a workspace's measurement. */
public final class MeasurementOption {
  @Option(names = "--measurement", paramLabel = "M", description = "measurement name (default: the first)")
  String name;

  /** The measurement given, or null for the first. */
  public String name() {
    return name;
  }
}
