package io.sumbin.cli;

import picocli.CommandLine.Option;

/** {@code --threads T} (T ≥ 1; default: all cores), one option block for every parallel command. */
public final class ThreadsOption {
  @Option(names = "--threads", paramLabel = "T", converter = Converters.Positive.class,
      description = "worker threads (default: all cores)")
  Integer threads;

  /** The requested number of threads, or the number of cores. */
  public int get() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }
}
