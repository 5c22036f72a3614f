package io.sumbin.histmodel.infer.toys;

/**
 * The random stream of one pseudo-experiment: SplitMix64 (Steele, Lea, Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014 — the generator behind {@link java.util.SplittableRandom}),
 * written out here so that the numbers are fixed by this file and not by a JDK version.
 *
 * <p>Toy {@code index} of stream {@code stream} under seed {@code seed} starts from the state
 * mix(mix(seed ⊕ mix(stream)) + (index + 1)·γ) with γ = 0x9E3779B97F4A7C15 and mix the SplitMix64
 * finaliser, so a toy's numbers are a pure function of (seed, stream, index): the same on any number
 * of threads, in any order, in any shard. Not thread-safe; reseed with {@link #reset}.
 */
public final class ToyRandom {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;
  private long state;

  /** A generator positioned at the start of toy {@code index} of {@code stream}. */
  public ToyRandom(long seed, long stream, long index) {
    reset(seed, stream, index);
  }

  /** Repositions this generator at the start of toy {@code index} of {@code stream}. */
  public void reset(long seed, long stream, long index) {
    state = mix(mix(seed ^ mix(stream + GAMMA)) + (index + 1) * GAMMA);
  }

  /** The SplitMix64 finaliser (a bijection of 64-bit integers with good avalanche). */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A stream id for a named purpose and a number (e.g. belt point k): deterministic, well spread. */
  public static long stream(String purpose, long k) {
    long h = 1125899906842597L;
    for (int i = 0; i < purpose.length(); i++) {
      h = 31 * h + purpose.charAt(i);
    }
    return mix(mix(h) + k * GAMMA);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    return mix(state += GAMMA);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  /** Standard normal (Marsaglia's polar method; the second variate is discarded, keeping no state). */
  public double nextGaussian() {
    while (true) {
      double u = 2 * nextDouble() - 1;
      double v = 2 * nextDouble() - 1;
      double s = u * u + v * v;
      if (s < 1 && s > 0) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }
}
