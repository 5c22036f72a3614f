package io.sumbin.examples.toys;

import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.Measurement;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.Observation;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.histmodel.spec.YieldTerm;
import java.util.List;

/**
 * An off-shell-Higgs-like toy with signal–background interference and a known answer. On an
 * observable x ∈ [0, 1] the interfering process has the rate density
 *
 * <pre>ν_gg(x|μ) = μ S(x) + √μ I(x) + B(x),   I(x) = −κ √(S(x) B(x))</pre>
 *
 * with S(x) = N_S · 6x(1 − x), B(x) = N_B · 3e^{−3x}/(1 − e^{−3}) and κ = 1.2 (destructive; since
 * κ ≤ 2 the rate (√(μS) − √B)² + (2 − κ)√(μSB) is never negative). It is written with the three
 * templates of the √μ parametrisation, ν = (μ − √μ)·S + √μ·(S + B + I) + (1 − √μ)·B, plus a
 * non-interfering background Q(x) = N_Q (flat) with a normalisation and a tilt uncertainty, and a
 * theory normalisation uncertainty on the interfering process. The unbinned Fisher information in
 * μ (no nuisance parameters) is I(μ) = ∫ (S + I/(2√μ))² / (ν_gg + Q) dx, evaluated by Gauss–Legendre
 * quadrature to machine precision.
 *
 * @param ns signal events at μ = 1
 * @param nb interfering background events
 * @param nq non-interfering background events
 * @param bins bins of x
 */
public record InterferenceToy(double ns, double nb, double nq, int bins) {
  public static final String POI = "mu";
  public static final double KAPPA = 1.2;

  public InterferenceToy {
    if (!(ns > 0) || !(nb > 0) || nq < 0 || bins < 1) {
      throw new IllegalArgumentException("need ns, nb > 0, nq >= 0, bins >= 1");
    }
  }

  /** The example: 50 signal, 400 interfering and 300 other background events, 20 bins. */
  public static InterferenceToy example() {
    return new InterferenceToy(50, 400, 300, 20);
  }

  static double s(double x) {
    return 6 * x * (1 - x);
  }

  static double b(double x) {
    return 3 * Math.exp(-3 * x) / (1 - Math.exp(-3));
  }

  /** Densities at x: {S, B, I, Q} in events per unit x. */
  public double[] densities(double x) {
    double sv = ns * s(x);
    double bv = nb * b(x);
    return new double[] {sv, bv, -KAPPA * Math.sqrt(sv * bv), nq};
  }

  // 20-point Gauss–Legendre nodes and weights on [-1, 1] (computed once by Newton iteration)
  private static final double[][] GL = gaussLegendre(20);

  static double[][] gaussLegendre(int n) {
    double[] x = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      for (int it = 0; it < 100; it++) {
        double p1 = 1;
        double p2 = 0;
        for (int j = 1; j <= n; j++) {
          double p3 = p2;
          p2 = p1;
          p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
        }
        double pp = n * (z * p1 - p2) / (z * z - 1);
        double dz = p1 / pp;
        z -= dz;
        if (Math.abs(dz) < 1e-16) {
          p1 = 1;
          p2 = 0;
          for (int j = 1; j <= n; j++) {
            double p3 = p2;
            p2 = p1;
            p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
          }
          pp = n * (z * p1 - p2) / (z * z - 1);
          x[i] = z;
          w[i] = 2 / ((1 - z * z) * pp * pp);
          break;
        }
      }
    }
    return new double[][] {x, w};
  }

  /** ∫_a^b of component k of {@link #densities} (Gauss–Legendre, 20 points). */
  double integral(double a, double b, int k) {
    double s = 0;
    for (int i = 0; i < GL[0].length; i++) {
      double x = 0.5 * (a + b) + 0.5 * (b - a) * GL[0][i];
      s += GL[1][i] * densities(x)[k];
    }
    return 0.5 * (b - a) * s;
  }

  /** Per-bin templates {S, B, I, Q}[bin] on uniform bins of x. */
  public double[][] templates() {
    double[][] t = new double[4][bins];
    for (int k = 0; k < 4; k++) {
      for (int j = 0; j < bins; j++) {
        t[k][j] = integral((double) j / bins, (double) (j + 1) / bins, k);
      }
    }
    return t;
  }

  /** Unbinned Fisher information in μ at μ (no nuisance parameters), per unit... events as given. */
  public double fisherInformation(double mu) {
    double total = 0;
    int pieces = 200;
    for (int p = 0; p < pieces; p++) {
      double a = (double) p / pieces;
      double bb = (double) (p + 1) / pieces;
      double s = 0;
      for (int i = 0; i < GL[0].length; i++) {
        double x = 0.5 * (a + bb) + 0.5 * (bb - a) * GL[0][i];
        double[] d = densities(x);
        double dnu = d[0] + d[2] / (2 * Math.sqrt(mu));
        double nu = mu * d[0] + Math.sqrt(mu) * d[2] + d[1] + d[3];
        s += GL[1][i] * dnu * dnu / nu;
      }
      total += 0.5 * (bb - a) * s;
    }
    return total;
  }

  /** Expected main data at μ (nuisance parameters nominal). */
  public double[] expected(double mu) {
    double[][] t = templates();
    double[] d = new double[bins];
    for (int j = 0; j < bins; j++) {
      d[j] = mu * t[0][j] + Math.sqrt(mu) * t[2][j] + t[1][j] + t[3][j];
    }
    return d;
  }

  /** The model: interfering process as √μ terms with a theory normsys; other background with normsys and tilt. */
  public ModelSpec spec(boolean nuisances) {
    double[][] t = templates();
    double[] sbi = new double[bins];
    double[] nominal = new double[bins];
    for (int j = 0; j < bins; j++) {
      sbi[j] = t[0][j] + t[1][j] + t[2][j];
      nominal[j] = sbi[j];
    }
    List<ModifierSpec> ggMods = nuisances ? List.of(new ModifierSpec.NormSys("gg_theory", 1.10, 0.91)) : List.of();
    SampleSpec gg = new SampleSpec("ggZZ", nominal, ggMods, List.of(
        new YieldTerm(new Coefficient.Interference(POI, Coefficient.Interference.Kind.MU_MINUS_SQRT), t[0]),
        new YieldTerm(new Coefficient.Interference(POI, Coefficient.Interference.Kind.SQRT), sbi),
        new YieldTerm(new Coefficient.Interference(POI, Coefficient.Interference.Kind.ONE_MINUS_SQRT), t[1])));
    double[] hi = new double[bins];
    double[] lo = new double[bins];
    for (int j = 0; j < bins; j++) {
      double tilt = 0.06 * ((j + 0.5) / bins - 0.5);
      hi[j] = t[3][j] * (1 + tilt);
      lo[j] = t[3][j] * (1 - tilt);
    }
    List<ModifierSpec> qqMods = nuisances
        ? List.of(new ModifierSpec.NormSys("qq_xsec", 1.05, 0.95), new ModifierSpec.HistoSys("qq_shape", hi, lo))
        : List.of();
    SampleSpec qq = new SampleSpec("qqZZ", t[3], qqMods);
    return new ModelSpec(List.of(new ChannelSpec("SR", List.of(gg, qq))),
        List.of(ParameterSpec.named(POI).withInits(1.0).withBounds(new double[] {0.0, 10.0})), POI, ModifierSettings.DEFAULT);
  }

  /** A sumbin workspace (with terms) whose observations are the Asimov data of μ_A. */
  public Workspace workspace(double muAsimov) {
    ModelSpec spec = spec(true);
    return new Workspace(spec.channels(), List.of(new Observation("SR", expected(muAsimov))),
        List.of(new Measurement("offshell", POI, spec.parameters())), "1.0.0");
  }
}
