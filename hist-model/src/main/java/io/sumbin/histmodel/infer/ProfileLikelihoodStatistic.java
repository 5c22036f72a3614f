package io.sumbin.histmodel.infer;

import java.util.OptionalDouble;

/**
 * The common part of the profile-likelihood-ratio statistics: −2 ln λ clipped at 0 and set to 0
 * where the statistic says so, the asymptotic p-values of pyhf's calculator (CLs+b = 1 − Φ(t + √q_A),
 * CLb = 1 − Φ(t), t = √q − √q_A), a CLs result, the background-only (μ = 0) alternative and the
 * tested μ as given. Subclasses give the name, the flags, the asymptotic density and override what
 * differs.
 */
public abstract class ProfileLikelihoodStatistic implements TestStatistic {
  private static final long serialVersionUID = 1L;
  /** 1/√(2π). */
  protected static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  private final String name;
  private final boolean tilde;
  private final boolean oneSided;

  /**
   * A statistic with these properties.
   *
   * @param name its name ({@link #name()})
   * @param tilde whether μ̂ ≥ 0 ({@link #tilde()})
   * @param oneSided whether μ̂ &gt; μ gives 0 ({@link #oneSided()})
   */
  protected ProfileLikelihoodStatistic(String name, boolean tilde, boolean oneSided) {
    this.name = name;
    this.tilde = tilde;
    this.oneSided = oneSided;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean tilde() {
    return tilde;
  }

  @Override
  public final boolean oneSided() {
    return oneSided;
  }

  /** Tests the μ it is given. */
  @Override
  public OptionalDouble fixedMu() {
    return OptionalDouble.empty();
  }

  /** The background-only hypothesis, μ = 0. */
  @Override
  public double alternativeMu() {
    return 0.0;
  }

  /** CLs. */
  @Override
  public boolean pValueResult() {
    return false;
  }

  /** One-sided: μ̂ &gt; μ. */
  @Override
  public boolean zeroAt(double muHat, double mu) {
    return oneSided && muHat > mu;
  }

  @Override
  public double value(double mu, double muHat, double twiceNllFree, double twiceNllConditional) {
    double d = twiceNllConditional - twiceNllFree;
    if (Double.isNaN(d)) {
      return zeroAt(muHat, mu) ? 0.0 : Double.NaN;
    }
    return zeroAt(muHat, mu) ? 0.0 : Math.max(d, 0.0);
  }

  /** √q − √q_A. */
  @Override
  public double asymptoticTeststat(double q, double qAsimov) {
    return Math.sqrt(q) - Math.sqrt(qAsimov);
  }

  /** 1 − Φ(t + √q_A). */
  @Override
  public double asymptoticClsb(double t, double sqrtQAsimov) {
    return Normal.sf(t + sqrtQAsimov);
  }

  /** 1 − Φ(t). */
  @Override
  public double asymptoticClb(double t, double sqrtQAsimov) {
    return Normal.sf(t);
  }

  /** (1 − Φ(t + √q_A))/(1 − Φ(t)) in log space (for a deep deficit both tails underflow, their ratio does not). */
  @Override
  public double asymptoticCls(double t, double sqrtQAsimov) {
    return Normal.sfRatio(t + sqrtQAsimov, t);
  }

  /**
   * One-sided: δ(q)·Φ((μ′ − μ)/σ), the probability that μ̂ &gt; μ (arXiv:1007.1727, eq. 56, 65);
   * two-sided: no δ at 0.
   */
  @Override
  public double zeroMass(double mu, double muPrime, double sigma) {
    return oneSided ? Normal.cdf((muPrime - mu) / sigma) : 0.0;
  }

  /** 0 unless t &gt; 0 and σ &gt; 0; there the statistic's {@link #continuousDensity}. */
  @Override
  public final double density(double t, double mu, double muPrime, double sigma) {
    if (!(t > 0) || !(sigma > 0)) {
      return 0.0;
    }
    return continuousDensity(t, mu, muPrime, sigma);
  }

  /**
   * The continuous part of the asymptotic density at t &gt; 0 with σ &gt; 0.
   *
   * @param t the statistic's value (&gt; 0)
   * @param mu the tested POI value
   * @param muPrime the POI value of the data
   * @param sigma σ of μ̂ (&gt; 0)
   * @return the density
   */
  protected abstract double continuousDensity(double t, double mu, double muPrime, double sigma);

  /** The default: "name is a one-sided upper-limit statistic" or "name is two-sided: ...". */
  @Override
  public String purpose() {
    return oneSided ? name + " is a one-sided upper-limit statistic"
        : name + " is two-sided: its asymptotic distribution is not the one of CLs; it orders confidence belts";
  }

  /**
   * On deserialization, the registered statistic of this name and class (the singleton that
   * identity comparisons expect), else this copy.
   *
   * @return the instance to use
   */
  protected Object readResolve() {
    for (TestStatistic ts : TestStatistic.registered()) {
      if (ts.name().equals(name) && ts.getClass() == getClass()) {
        return ts;
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * The two-sided χ-like density ½(φ(√t + s) + φ(√t − s))/√t of t_μ (arXiv:1007.1727, eq. 31).
   *
   * @param t the statistic (&gt; 0)
   * @param shift (μ − μ′)/σ
   * @return the density
   */
  protected static double twoSided(double t, double shift) {
    double st = Math.sqrt(t);
    return INV_SQRT_2PI / (2 * st) * (Math.exp(-0.5 * sq(st + shift)) + Math.exp(-0.5 * sq(st - shift)));
  }

  /**
   * The one-sided half φ(√t − s)/(2√t).
   *
   * @param t the statistic (&gt; 0)
   * @param shift the Gaussian shift
   * @return the density
   */
  protected static double oneSidedHalf(double t, double shift) {
    double st = Math.sqrt(t);
    return INV_SQRT_2PI / (2 * st) * Math.exp(-0.5 * sq(st - shift));
  }

  /**
   * The Gaussian tail of the tilde statistics above μ²/σ² (arXiv:1007.1727, eq. 44 and 65).
   *
   * @param t the statistic
   * @param mu the tested POI value
   * @param muPrime the POI value of the data
   * @param sigma σ of μ̂
   * @return the density
   */
  protected static double gaussTail(double t, double mu, double muPrime, double sigma) {
    double w = 2 * Math.abs(mu) / sigma;
    double c = (mu * mu - 2 * mu * muPrime) / (sigma * sigma);
    return INV_SQRT_2PI / w * Math.exp(-0.5 * sq((t - c) / w));
  }

  /**
   * x².
   *
   * @param x a number
   * @return x·x
   */
  protected static double sq(double x) {
    return x * x;
  }
}
