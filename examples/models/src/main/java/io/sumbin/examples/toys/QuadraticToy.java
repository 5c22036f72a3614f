package io.sumbin.examples.toys;

import io.sumbin.eft.study.QuadraticDensity;
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.YieldTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A two-template analytic toy with an EFT-like quadratic parameter dependence and a known answer.
 *
 * <p>Events have one observable u ∈ [−1, 1] with the differential rate
 *
 * <pre>dν/du (θ) = (N₀/2) · (1 + θ u + θ² u²)</pre>
 *
 * i.e. the Standard-Model template 1, an interference template u and a squared template u² —
 * positive for every θ. The total rate is N₀(1 + θ²/3). The likelihood ratio to the reference θ = 0
 * is r(u|θ′) = 1 + θ′u + θ′²u², the per-point optimal observable O_θ′ (at θ′ = 0, where r ≡ 1, the
 * score u is used). The Fisher information of the extended (unbinned) likelihood is closed-form:
 *
 * <pre>I(θ) = N₀/(2θ³) [F(θ) − F(−θ)],  F(w) = 4w³/3 − 3w + (3/2) ln(w² + w + 1) + √3 arctan((2w + 1)/√3)</pre>
 *
 * with I(0) = N₀/3. A flat background and nuisance parameters can be added.
 *
 * <p>Each family point θ′ is binned in its own observable O_θ′ with quantile edges of the reference
 * (θ = 0) density, and its templates are exact integrals over the (one or two) u-intervals of each
 * bin.
 *
 * @param n0 expected signal events at θ = 0
 * @param background expected flat background events
 * @param bins bins per point
 * @param nuisances number of background nuisance parameters (alternating normsys and linear-tilt histosys)
 */
public record QuadraticToy(double n0, double background, int bins, int nuisances) {
  /** The POI name. */
  public static final String POI = "theta";

  public QuadraticToy {
    if (!(n0 > 0) || background < 0 || bins < 1 || nuisances < 0) {
      throw new IllegalArgumentException("need n0 > 0, background >= 0, bins >= 1, nuisances >= 0");
    }
  }

  /** The example shipped with sumbin: 1000 signal and 200 background events, 10 bins, 2 nuisance parameters. */
  public static QuadraticToy example() {
    return new QuadraticToy(1000, 200, 10, 2);
  }

  /** Fisher information I(θ) of the unbinned extended likelihood, signal only ({@link QuadraticDensity#fisherInformation}). */
  public static double fisherInformation(double n0, double theta) {
    return QuadraticDensity.fisherInformation(n0, theta);
  }

  /** The per-point observable O_θ′(u). */
  public static double observable(double thetaPrime, double u) {
    return thetaPrime == 0 ? u : 1 + thetaPrime * u + thetaPrime * thetaPrime * u * u;
  }

  /** The u-intervals where O_θ′(u) ≤ o (0, 1 or 2 intervals; flat array {a0, b0, a1, b1, ...}). */
  static double[] below(double a, double o) {
    if (a == 0) {
      return o <= -1 ? new double[0] : new double[] {-1, Math.min(o, 1)};
    }
    double disc = 4 * o - 3;
    if (disc <= 0) {
      return new double[0];
    }
    double r1 = (-1 - Math.sqrt(disc)) / (2 * a);
    double r2 = (-1 + Math.sqrt(disc)) / (2 * a);
    double lo = Math.max(Math.min(r1, r2), -1);
    double hi = Math.min(Math.max(r1, r2), 1);
    return hi > lo ? new double[] {lo, hi} : new double[0];
  }

  /** Reference-density probability of O_θ′ ≤ o (uniform u). */
  static double cdf(double a, double o) {
    double[] iv = below(a, o);
    double m = 0;
    for (int i = 0; i < iv.length; i += 2) {
      m += iv[i + 1] - iv[i];
    }
    return m / 2;
  }

  /** Quantile edges of O_θ′ under the reference density: K+1 values from min to max of O. */
  public double[] edges(double thetaPrime) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double u : new double[] {-1, 1, thetaPrime == 0 ? 0 : Math.max(-1, Math.min(1, -1 / (2 * thetaPrime)))}) {
      double o = observable(thetaPrime, u);
      lo = Math.min(lo, o);
      hi = Math.max(hi, o);
    }
    double[] e = new double[bins + 1];
    e[0] = lo;
    e[bins] = hi;
    for (int k = 1; k < bins; k++) {
      double target = (double) k / bins;
      double a = lo;
      double b = hi;
      for (int it = 0; it < 200; it++) {
        double m = 0.5 * (a + b);
        if (cdf(thetaPrime, m) < target) {
          a = m;
        } else {
          b = m;
        }
      }
      e[k] = 0.5 * (a + b);
    }
    return e;
  }

  /** ∫ u^p du over the u-set of bin [o_k, o_{k+1}) of point θ′. */
  static double moment(double a, double oLo, double oHi, int p) {
    return integral(below(a, oHi), p) - integral(below(a, oLo), p);
  }

  private static double integral(double[] iv, int p) {
    double s = 0;
    for (int i = 0; i < iv.length; i += 2) {
      s += (Math.pow(iv[i + 1], p + 1) - Math.pow(iv[i], p + 1)) / (p + 1);
    }
    return s;
  }

  /** The model of point θ′: templates in its own binning, POI-dependent signal, background with nuisances. */
  public ModelSpec pointSpec(double thetaPrime) {
    double[] e = edges(thetaPrime);
    double[] t0 = new double[bins];
    double[] t1 = new double[bins];
    double[] t2 = new double[bins];
    double[] bkg = new double[bins];
    for (int k = 0; k < bins; k++) {
      t0[k] = n0 / 2 * moment(thetaPrime, e[k], e[k + 1], 0);
      t1[k] = n0 / 2 * moment(thetaPrime, e[k], e[k + 1], 1);
      t2[k] = n0 / 2 * moment(thetaPrime, e[k], e[k + 1], 2);
      bkg[k] = background / 2 * moment(thetaPrime, e[k], e[k + 1], 0);
    }
    // the last edge is inclusive: recover rounding at the top by closing the total
    List<YieldTerm> terms = List.of(
        new YieldTerm(new Coefficient.Monomial(List.of()), t0),
        new YieldTerm(new Coefficient.Monomial(List.of(POI)), t1),
        new YieldTerm(new Coefficient.Monomial(List.of(POI, POI)), t2));
    List<SampleSpec> samples = new ArrayList<>();
    samples.add(new SampleSpec("signal", t0, List.of(), terms));
    if (background > 0) {
      List<ModifierSpec> mods = new ArrayList<>();
      for (int j = 0; j < nuisances; j++) {
        String name = String.format("np_%02d", j);
        double size = 0.02 + 0.01 * (j % 5);
        if (j % 2 == 0) {
          mods.add(new ModifierSpec.NormSys(name, 1 + size, 1 - size * 0.9));
        } else {
          double[] hiD = new double[bins];
          double[] loD = new double[bins];
          for (int k = 0; k < bins; k++) {
            double slope = size * (2.0 * (k + 0.5) / bins - 1);
            hiD[k] = bkg[k] * (1 + slope);
            loD[k] = bkg[k] * (1 - slope);
          }
          mods.add(new ModifierSpec.HistoSys(name, hiD, loD));
        }
      }
      samples.add(new SampleSpec("background", bkg, mods));
    }
    return new ModelSpec(List.of(new ChannelSpec("SR", samples)),
        List.of(ParameterSpec.named(POI).withInits(0.0).withBounds(new double[] {-3, 3})), POI, ModifierSettings.DEFAULT);
  }

  /** Expected main data of point θ′ at truth θ (background nominal). */
  public double[] expected(double thetaPrime, double theta) {
    double[] e = edges(thetaPrime);
    double[] d = new double[bins];
    for (int k = 0; k < bins; k++) {
      d[k] = n0 / 2 * (moment(thetaPrime, e[k], e[k + 1], 0) + theta * moment(thetaPrime, e[k], e[k + 1], 1)
          + theta * theta * moment(thetaPrime, e[k], e[k + 1], 2)) + background / 2 * moment(thetaPrime, e[k], e[k + 1], 0);
    }
    return d;
  }

  /**
   * A pseudo-experiment: Poisson(N₀(1 + θ²/3) + B) events drawn from the truth θ (signal) and the
   * flat background, as u values (seeded; {@link QuadraticDensity#sample}).
   */
  public double[] sampleEvents(double theta, long seed) {
    return QuadraticDensity.sample(n0, background, theta, seed);
  }

  /** The events binned in point θ′'s observable. */
  public double[] histogram(double thetaPrime, double[] events) {
    double[] e = edges(thetaPrime);
    double[] h = new double[bins];
    for (double u : events) {
      double o = observable(thetaPrime, u);
      int k = Arrays.binarySearch(e, o);
      if (k < 0) {
        k = -k - 2;
      }
      h[Math.max(0, Math.min(bins - 1, k))] += 1;
    }
    return h;
  }

  /** A 1-D family on the grid {@code lo..hi} (n points) with the given main data per point. */
  public ModelFamily family(double lo, double hi, int n, java.util.function.DoubleFunction<double[]> mainData) {
    List<FamilyPoint> pts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double t = (lo * (n - 1 - i) + hi * i) / (n - 1);
      pts.add(FamilyPoint.of(new double[] {t}, pointSpec(t), mainData.apply(t)));
    }
    return new ModelFamily(List.of(POI), new int[] {n}, pts, new double[] {0.0});
  }

  /** A family whose observed data are one pseudo-experiment at θ_true, binned per point. */
  public ModelFamily observedFamily(double lo, double hi, int n, double thetaTrue, long seed) {
    double[] events = sampleEvents(thetaTrue, seed);
    return family(lo, hi, n, t -> histogram(t, events));
  }
}
