package io.sumbin.histmodel.infer;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A profile-likelihood-ratio test statistic: how its value follows from the free and the
 * conditional fit, which POI value it tests, which Asimov dataset its asymptotic formulae use, its
 * asymptotic p-values and densities, and whether a test reports CLs or a p-value. Every rule that
 * depends on the statistic lives in its implementation, so a new statistic is one class (usually a
 * subclass of {@link ProfileLikelihoodStatistic}) plus one {@link #register} call.
 *
 * <p>The built-ins are those of Cowan, Cranmer, Gross and Vitells (arXiv:1007.1727), computed as
 * pyhf does. With λ(μ) = L(μ, θ̂̂)/L(μ̂, θ̂):
 *
 * <ul>
 *   <li>{@link #T}: t_μ = −2 ln λ(μ) (two-sided);
 *   <li>{@link #TTILDE}: t̃_μ, the same with μ̂ constrained to μ̂ ≥ 0 (the Feldman–Cousins ordering);
 *   <li>{@link #Q}: q_μ = t_μ for μ̂ ≤ μ, 0 otherwise (upper limits);
 *   <li>{@link #QTILDE}: q̃_μ, as q_μ with μ̂ ≥ 0;
 *   <li>{@link #Q0}: q₀ = −2 ln λ(0) for μ̂ ≥ 0, 0 otherwise (discovery).
 * </ul>
 *
 * The "tilde" variants take the POI's lower bound as max(lower bound, 0); with pyhf's default
 * normfactor bounds [0, 10] they coincide with pyhf's {@code qtilde}, which simply uses the model's
 * bounds. −2 ln λ is clipped at 0 (pyhf). Implementations are immutable singletons compared by
 * identity; serializable (units of work travel to other JVMs), and a deserialized registered
 * statistic is the registered instance ({@link ProfileLikelihoodStatistic} resolves it by name).
 */
public interface TestStatistic extends java.io.Serializable {
  /** q_μ: upper limits. */
  TestStatistic Q = new QMuStatistic();
  /** q̃_μ: upper limits with μ̂ ≥ 0 (pyhf's default). */
  TestStatistic QTILDE = new QTildeMuStatistic();
  /** t_μ: two-sided. */
  TestStatistic T = new TMuStatistic();
  /** t̃_μ: two-sided with μ̂ ≥ 0 (Feldman–Cousins). */
  TestStatistic TTILDE = new TTildeMuStatistic();
  /** q₀: discovery, tests μ = 0. */
  TestStatistic Q0 = new Q0Statistic();

  /**
   * The name the statistic is given by on the command line and in files.
   *
   * @return pyhf's name ({@code q}, {@code qtilde}, {@code q0}) or sumbin's ({@code t}, {@code ttilde}, ...)
   */
  String name();

  /**
   * The same as {@link #name()} (pyhf's spelling for the pyhf statistics).
   *
   * @return the statistic's name
   */
  default String pyhfName() {
    return name();
  }

  /**
   * Whether μ̂ is constrained to be non-negative (the free fit's POI lower bound is max(lower, 0)).
   *
   * @return true for the tilde statistics
   */
  boolean tilde();

  /**
   * Whether μ̂ &gt; μ counts as agreement (upper-limit statistics).
   *
   * @return true for q_μ and q̃_μ
   */
  boolean oneSided();

  /**
   * The POI value the statistic always tests, whatever value is asked for (q₀: 0).
   *
   * @return the fixed tested value, or empty when the statistic tests the value it is given
   */
  OptionalDouble fixedMu();

  /**
   * The POI value a test of {@code mu} actually tests.
   *
   * @param mu the requested value
   * @return {@code mu}, or the statistic's fixed value
   */
  default double testedMu(double mu) {
    return fixedMu().orElse(mu);
  }

  /**
   * The POI value of the alternative hypothesis: the Asimov dataset of the asymptotic formulae and
   * the generating point of the "b" pseudo-experiments (0 for limits, 1 for discovery).
   *
   * @return the alternative's POI value
   */
  double alternativeMu();

  /**
   * Whether a test reports the p-value of the tested hypothesis (CLs+b) as its result instead of
   * CLs = CLs+b/CLb (q₀: the discovery p-value).
   *
   * @return true when the result is a p-value
   */
  boolean pValueResult();

  /**
   * Whether a test is a discovery test: the fixed μ₀ against the alternative, reported as a
   * p-value (with its significance Z).
   *
   * @return {@code fixedMu().isPresent() && pValueResult()}
   */
  default boolean discovery() {
    return fixedMu().isPresent() && pValueResult();
  }

  /**
   * Whether the statistic is 0 by definition at this μ̂ (then the conditional fit can be skipped).
   *
   * @param muHat the free fit's POI value
   * @param mu the tested POI value
   * @return true when the statistic is 0 whatever the conditional fit gives
   */
  boolean zeroAt(double muHat, double mu);

  /**
   * The statistic from the free and the conditional fit: −2 ln λ clipped at 0 (NaN when a fit
   * failed), 0 where {@link #zeroAt} says so.
   *
   * @param mu the tested POI value
   * @param muHat the free fit's POI value
   * @param twiceNllFree −2 ln L of the free fit
   * @param twiceNllConditional −2 ln L of the conditional fit
   * @return the statistic's value
   */
  double value(double mu, double muHat, double twiceNllFree, double twiceNllConditional);

  /**
   * The asymptotic calculator's statistic (pyhf's {@code teststat}) from the observed value and
   * the one on the Asimov dataset of the alternative.
   *
   * @param q the statistic on the data
   * @param qAsimov the statistic on the Asimov dataset
   * @return the statistic on the calculator's scale (√q − √q_A for the built-ins but q̃_μ's tail)
   */
  double asymptoticTeststat(double q, double qAsimov);

  /**
   * The asymptotic p-value of the tested hypothesis at the calculator's statistic.
   *
   * @param t the calculator's statistic
   * @param sqrtQAsimov √q_A
   * @return CLs+b
   */
  double asymptoticClsb(double t, double sqrtQAsimov);

  /**
   * The asymptotic p-value of the alternative (CLb) at the calculator's statistic.
   *
   * @param t the calculator's statistic
   * @param sqrtQAsimov √q_A
   * @return CLb
   */
  double asymptoticClb(double t, double sqrtQAsimov);

  /**
   * CLs+b/CLb, computed so that it survives where both tails underflow.
   *
   * @param t the calculator's statistic
   * @param sqrtQAsimov √q_A
   * @return CLs
   */
  double asymptoticCls(double t, double sqrtQAsimov);

  /**
   * σ of μ̂ that the asymptotic formulae assume (Cowan et al. 2011, eq. 31): |μ − μ_alt|/√q_A.
   *
   * @param mu the tested POI value
   * @param qAsimov the statistic on the Asimov dataset of the alternative
   * @return σ (not checked for finiteness)
   */
  default double muHatSigma(double mu, double qAsimov) {
    return Math.abs(testedMu(mu) - alternativeMu()) / Math.sqrt(qAsimov);
  }

  /**
   * The probability that the statistic is exactly 0 (the δ at 0 of its asymptotic density) when
   * the data follow μ′ and μ is tested.
   *
   * @param mu the tested POI value
   * @param muPrime the POI value of the data
   * @param sigma σ of μ̂
   * @return the weight of the δ at 0
   */
  double zeroMass(double mu, double muPrime, double sigma);

  /**
   * The continuous part of the asymptotic density at t &gt; 0 (0 elsewhere).
   *
   * @param t the statistic's value
   * @param mu the tested POI value
   * @param muPrime the POI value of the data
   * @param sigma σ of μ̂
   * @return the density
   */
  double density(double t, double mu, double muPrime, double sigma);

  /**
   * What the statistic is for, in a few words, for refusals ("q0 is the discovery statistic: it
   * tests only mu = 0").
   *
   * @return one clause naming the statistic
   */
  String purpose();

  /**
   * Parses a registered statistic's name (case-insensitive, trimmed).
   *
   * @param s the name
   * @return the statistic
   * @throws IllegalArgumentException naming the registered ones
   */
  static TestStatistic parse(String s) {
    return TestStatisticRegistry.parse(s);
  }

  /**
   * Registers a statistic so that {@link #parse} (and with it the command line and toy files) knows
   * it.
   *
   * @param ts the statistic; its name must not be taken
   * @return {@code ts}
   */
  static TestStatistic register(TestStatistic ts) {
    return TestStatisticRegistry.register(ts);
  }

  /**
   * Removes a registered statistic that is not a built-in.
   *
   * @param name the statistic's name
   * @return whether it was registered
   */
  static boolean unregister(String name) {
    return TestStatisticRegistry.unregister(name);
  }

  /**
   * The registered statistics, built-ins first, in registration order.
   *
   * @return an immutable snapshot
   */
  static List<TestStatistic> registered() {
    return TestStatisticRegistry.all();
  }
}
