package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Normal;
import io.sumbin.histmodel.infer.TestStatistic;
import java.util.Arrays;
import java.util.List;

/**
 * The observed statistic and its toy distributions under the tested (signal + background) and
 * the background-only hypotheses, and the CLs test they give (pyhf's {@code ToyCalculator}
 * conventions, which follow the LHC Higgs combination procedure, ATL-PHYS-PUB-2011-011):
 *
 * <pre>
 *   CLs+b = P(t ≥ t_obs | s+b toys),  CLb = P(t ≥ t_obs | b toys),  CLs = CLs+b / CLb
 * </pre>
 *
 * where t is the test statistic itself (q̃_μ, q_μ or q₀; no √ transformation). The expected band
 * takes, for every background-only toy j, CLs+b_j, CLb_j and CLs_j at t = t_j and reports their
 * percentiles at Φ(n)·100 for n = −2, −1, 0, 1, 2 (2.275, 15.87, 50, 84.13, 97.72), each quantity
 * separately, index 0 being the smallest. For q₀ the "s+b" ensemble is generated at μ = 0 and the
 * "b" ensemble at μ = 1, so CLs+b is the discovery p-value p₀ and, as in pyhf, the reported CLs is
 * p₀ and the band is the band of p₀.
 *
 * <p>Toys whose fits did not converge are excluded from the distributions and counted. Up to
 * {@link #MAX_FAILED_FRACTION} of each ensemble may fail: the test then stays converged and its
 * message carries a warning (excluding a fraction f of the toys moves a p-value by at most f in
 * absolute terms). More failures, or a non-converged fit to the observed data or of the generating
 * parameters, mark the test as not converged. When no
 * background-only toy reaches t_obs, CLb = 0 and CLs is NaN (0/0) or +∞, as in pyhf; the message
 * says so (a statistical limit of the toy count, not a numerical failure).
 *
 * @param observed the statistic on the observed data ({@code hypothesis = "obs"})
 * @param sbToys toys of the tested hypothesis
 * @param bToys toys of the background-only hypothesis (μ = 1 toys for q₀)
 * @param generatorsConverged whether the fits that produced the generating parameters converged
 */
public record ToyDistributions(double mu, TestStatistic statistic, ToyResult observed, List<ToyResult> sbToys,
    List<ToyResult> bToys, boolean generatorsConverged, String generatorMessage) {

  /** Normal percentiles of the expected band, −2σ … +2σ. */
  static final double[] BAND_PERCENTILES = {
    100 * Normal.cdf(-2), 100 * Normal.cdf(-1), 50.0, 100 * Normal.cdf(1), 100 * Normal.cdf(2)};

  /** The largest fraction of failed toys per ensemble that still gives a converged test (1%). */
  public static final double MAX_FAILED_FRACTION = 0.01;

  /** Marker of a tolerated toy-failure note in {@link HypoTestResult#message()}. */
  public static final String WARNING = "warning: ";

  public ToyDistributions {
    sbToys = List.copyOf(sbToys);
    bToys = List.copyOf(bToys);
  }

  /** The s+b distribution (usable toys). */
  public TestStatDistribution sb() {
    return TestStatDistribution.ofToys(sbToys);
  }

  /** The background-only distribution (usable toys). */
  public TestStatDistribution b() {
    return TestStatDistribution.ofToys(bToys);
  }

  /** The hypothesis test these toys give. */
  public HypoTestResult hypoTestResult() {
    TestStatDistribution sb = sb();
    TestStatDistribution b = b();
    double tObs = observed.converged() ? observed.t() : Double.NaN;
    double clsb = Double.isNaN(tObs) ? Double.NaN : sb.pvalue(tObs);
    double clb = Double.isNaN(tObs) ? Double.NaN : b.pvalue(tObs);
    double cls = clsb / clb;
    double[] bv = b.sortedValues();
    double[] eClsb = new double[bv.length];
    double[] eClb = new double[bv.length];
    double[] eCls = new double[bv.length];
    for (int j = 0; j < bv.length; j++) {
      eClsb[j] = sb.pvalue(bv[j]);
      eClb[j] = b.pvalue(bv[j]);
      eCls[j] = eClsb[j] / eClb[j];
    }
    double[] bandClsb = band(eClsb);
    double[] bandClb = band(eClb);
    double[] bandCls = band(eCls);
    StringBuilder msg = new StringBuilder();
    if (!observed.converged()) {
      msg.append("the fits to the observed data did not converge");
    }
    if (!generatorsConverged) {
      msg.append(msg.length() == 0 ? "" : "; ").append(generatorMessage);
    }
    String failures = String.format(java.util.Locale.ROOT,
        "%d of %d s+b toys and %d of %d b toys did not converge and were excluded", sb.nFailed(), sbToys.size(), b.nFailed(),
        bToys.size());
    boolean anyFailed = sb.nFailed() > 0 || b.nFailed() > 0;
    boolean tolerable = sb.nFailed() <= MAX_FAILED_FRACTION * sbToys.size() && b.nFailed() <= MAX_FAILED_FRACTION * bToys.size();
    if (anyFailed && !tolerable) {
      msg.append(msg.length() == 0 ? "" : "; ").append(failures).append(String.format(java.util.Locale.ROOT,
          " (more than %.0f%% of an ensemble)", 100 * MAX_FAILED_FRACTION));
    }
    if (sb.size() == 0 || b.size() == 0) {
      msg.append(msg.length() == 0 ? "" : "; ").append("no usable toys");
    }
    boolean conv = msg.length() == 0;
    String m = conv ? String.format(java.util.Locale.ROOT, "ok (%d s+b and %d b toys)", sb.size(), b.size()) : msg.toString();
    if (conv && anyFailed) {
      m += "; " + WARNING + failures + String.format(java.util.Locale.ROOT,
          " (at most %.0f%% per ensemble is tolerated; the p-values may move by up to the excluded fraction)",
          100 * MAX_FAILED_FRACTION);
    }
    if (clb == 0) {
      m += "; no background-only toy reached the observed statistic, so CLb = 0 and CLs is undefined: more toys are needed";
    }
    if (statistic.pValueResult()) {
      return new HypoTestResult(statistic.testedMu(mu), statistic, tObs, tObs, Double.NaN, clsb, clsb, clb, bandClsb.clone(), bandClsb, bandClb,
          conv, m);
    }
    return new HypoTestResult(mu, statistic, tObs, tObs, Double.NaN, cls, clsb, clb, bandCls, bandClsb, bandClb, conv, m);
  }

  static double[] band(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    double[] out = new double[5];
    for (int k = 0; k < 5; k++) {
      out[k] = TestStatDistribution.percentileOfSorted(s, BAND_PERCENTILES[k]);
    }
    return out;
  }
}
