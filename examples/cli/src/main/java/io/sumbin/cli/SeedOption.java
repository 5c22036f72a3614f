package io.sumbin.cli;

import picocli.CommandLine.Option;

/** {@code --seed S}, one option block for every seeded command; the default is the command's. */
public final class SeedOption {
  @Option(names = "--seed", paramLabel = "S", description = "random seed (default: 42 for train and example family, 1 elsewhere)")
  Long seed;

  /** The seed given, or {@code dflt}. */
  public long orElse(long dflt) {
    return seed != null ? seed : dflt;
  }
}
