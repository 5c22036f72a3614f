package io.sumbin.binning;

/**
 * Content of one bin (or of the underflow, overflow or NaN counters): Σ_i w_i and Σ_i w_i².
 * √sumw2 is the MC statistical uncertainty of sumw.
 */
public record BinContent(double sumw, double sumw2) {
  /** The empty content. */
  public static final BinContent ZERO = new BinContent(0, 0);

  /** √Σw². */
  public double error() {
    return Math.sqrt(sumw2);
  }

  /** Sum of two contents. */
  public BinContent plus(BinContent o) {
    return new BinContent(sumw + o.sumw, sumw2 + o.sumw2);
  }
}
