package io.sumbin.binning.lhe;

import java.util.List;

/**
 * One {@code <event>}: the common block NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP, its particles and
 * its reweighting weights (one per declared weight id, in declaration order).
 */
public final class LheEvent {
  private final int processId;
  private final double weight;
  private final double scale;
  private final double alphaQed;
  private final double alphaQcd;
  private final List<LheParticle> particles;
  private final double[] reweights;
  private final long line;

  LheEvent(int processId, double weight, double scale, double alphaQed, double alphaQcd, List<LheParticle> particles,
      double[] reweights, long line) {
    this.processId = processId;
    this.weight = weight;
    this.scale = scale;
    this.alphaQed = alphaQed;
    this.alphaQcd = alphaQcd;
    this.particles = particles;
    this.reweights = reweights;
    this.line = line;
  }

  /** IDPRUP. */
  public int processId() {
    return processId;
  }

  /** XWGTUP (pb, in the file's normalisation). */
  public double weight() {
    return weight;
  }

  /** SCALUP in GeV. */
  public double scale() {
    return scale;
  }

  /** AQEDUP. */
  public double alphaQed() {
    return alphaQed;
  }

  /** AQCDUP. */
  public double alphaQcd() {
    return alphaQcd;
  }

  /** The NUP particles in file order (unmodifiable). */
  public List<LheParticle> particles() {
    return particles;
  }

  /** Number of reweighting weights. */
  public int reweightCount() {
    return reweights.length;
  }

  /** Reweighting weight {@code k} (declaration order). */
  public double reweight(int k) {
    return reweights[k];
  }

  /** A copy of the reweighting weights. */
  public double[] reweights() {
    return reweights.clone();
  }

  /** 1-based line of the {@code <event>} tag in the (decompressed) file. */
  public long line() {
    return line;
  }

  /**
   * The same event with other particles (an event variation: scaled or smeared momenta); weights,
   * common block and line unchanged.
   */
  public LheEvent withParticles(List<LheParticle> newParticles) {
    return new LheEvent(processId, weight, scale, alphaQed, alphaQcd, List.copyOf(newParticles), reweights, line);
  }
}
