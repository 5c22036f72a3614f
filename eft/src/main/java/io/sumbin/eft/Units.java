package io.sumbin.eft;

/**
 * The one unit convention of sumbin's public APIs and its one conversion: integrated luminosity in fb⁻¹
 * (named {@code luminosityFb}), cross sections and per-event weights in pb (named {@code crossSectionPb};
 * MadGraph's LHE weights are pb per event). Expected events are N = L σ with 1 fb⁻¹ = 1000 pb⁻¹:
 *
 * <pre>{@code
 * double n = Units.expectedEvents(300, 0.0042);  // 300 fb⁻¹ × 4.2 fb = 1260 events
 * }</pre>
 *
 * Every fb⁻¹ → pb⁻¹ conversion in sumbin goes through {@link #perPb}.
 */
public final class Units {
  /** pb⁻¹ per fb⁻¹. */
  private static final double INVERSE_PB_PER_INVERSE_FB = 1000;

  private Units() {}

  /**
   * The luminosity in pb⁻¹: the expected events per pb of cross section, i.e. the factor that turns event
   * weights in pb into expected events.
   *
   * @param luminosityFb integrated luminosity in fb⁻¹
   */
  public static double perPb(double luminosityFb) {
    return luminosityFb * INVERSE_PB_PER_INVERSE_FB;
  }

  /**
   * Expected events N = L σ.
   *
   * @param luminosityFb integrated luminosity in fb⁻¹
   * @param crossSectionPb cross section (or event weight) in pb
   */
  public static double expectedEvents(double luminosityFb, double crossSectionPb) {
    return perPb(luminosityFb) * crossSectionPb;
  }
}
