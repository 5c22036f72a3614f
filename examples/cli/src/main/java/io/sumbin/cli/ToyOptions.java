package io.sumbin.cli;

import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToySettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that throws pseudo-experiments, beside the toy count (whose default
 * and meaning differ per command): {@code --seed}, {@code --threads}, {@code --engine} (and
 * {@code --master}) and {@code --robust-fits}; one block, turned into the library's
 * {@link ToySettings} by {@link #settings}.
 */
public final class ToyOptions {
  @Mixin
  SeedOption seed;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Option(names = "--robust-fits", description = "fit each toy from two starts and keep the lower minima (about 2x slower; for likelihoods with several local minima)")
  boolean robustFits;

  /** The toy settings: {@code ntoys} per hypothesis or point, the seed (default 1), the threads, all toys or one shard. */
  public ToySettings settings(int ntoys, Shard shard) {
    return new ToySettings(ntoys, seed.orElse(1), threads.get(), shard, robustFits);
  }

  /** The engine option block. */
  public EngineOption engine() {
    return engine;
  }

  /** The threads option block. */
  public ThreadsOption threads() {
    return threads;
  }
}
