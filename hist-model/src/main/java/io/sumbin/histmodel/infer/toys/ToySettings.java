package io.sumbin.histmodel.infer.toys;

/**
 * How many pseudo-experiments to throw and how: per ensemble {@code ntoys} toys with indices
 * 0..ntoys−1 (restricted to {@code shard}), random streams derived from {@code seed}, on
 * {@code threads} worker threads. Results do not depend on {@code threads}. Immutable; change with
 * the {@code withX} copies.
 *
 * @param robustFits fit every toy from two starts (the generating parameters and the suggested
 *     start; the conditional fit from the free minimum and from the generating parameters) and
 *     keep the lower minima: about twice the cost, for likelihoods with several local minima
 *     (e.g. non-monotonic histosys variations)
 */
public record ToySettings(int ntoys, long seed, int threads, Shard shard, boolean robustFits) {
  /** Single-start fits (the default). */
  public ToySettings(int ntoys, long seed, int threads, Shard shard) {
    this(ntoys, seed, threads, shard, false);
  }

  public ToySettings {
    if (ntoys < 1) {
      throw new IllegalArgumentException("ntoys must be positive, got " + ntoys);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    if (shard == null) {
      throw new IllegalArgumentException("shard must not be null (use Shard.ALL)");
    }
  }

  /** {@code ntoys} toys, seed 1, all cores, no sharding. */
  public static ToySettings of(int ntoys) {
    return new ToySettings(ntoys, 1L, Runtime.getRuntime().availableProcessors(), Shard.ALL);
  }

  public ToySettings withNtoys(int n) {
    return new ToySettings(n, seed, threads, shard, robustFits);
  }

  public ToySettings withSeed(long s) {
    return new ToySettings(ntoys, s, threads, shard, robustFits);
  }

  public ToySettings withThreads(int t) {
    return new ToySettings(ntoys, seed, t, shard, robustFits);
  }

  public ToySettings withShard(Shard s) {
    return new ToySettings(ntoys, seed, threads, s, robustFits);
  }

  public ToySettings withRobustFits(boolean r) {
    return new ToySettings(ntoys, seed, threads, shard, r);
  }
}
