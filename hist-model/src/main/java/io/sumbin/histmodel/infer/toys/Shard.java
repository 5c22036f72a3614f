package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.BadInputException;

/**
 * A deterministic subset of toy indices: shard {@code k} of {@code n} (1-based) holds the indices
 * i with i mod n = k − 1. Shards 1/n … n/n partition any index range, so n independent runs
 * (machines, jobs) with the same seed produce exactly the toys of one unsharded run.
 */
public record Shard(int k, int n) {
  /** The whole run. */
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (n < 1 || k < 1 || k > n) {
      throw new BadInputException("shard must be K/N with 1 <= K <= N, got " + k + "/" + n);
    }
  }

  /** Parses {@code K/N}; anything else is bad input ({@link BadInputException}). */
  public static Shard parse(String s) {
    String[] p = s.trim().split("/");
    if (p.length != 2) {
      throw new BadInputException("shard must be K/N (e.g. 2/8), got '" + s + "'");
    }
    try {
      return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
    } catch (NumberFormatException e) {
      throw new BadInputException("shard must be K/N with integers (e.g. 2/8), got '" + s + "'");
    }
  }

  /** Whether toy index i belongs to this shard. */
  public boolean contains(int i) {
    return i % n == k - 1;
  }

  /** How many of the indices 0..ntoys−1 this shard holds. */
  public int count(int ntoys) {
    return ntoys <= k - 1 ? 0 : (ntoys - k) / n + 1;
  }

  @Override
  public String toString() {
    return k + "/" + n;
  }
}
