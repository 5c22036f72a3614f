package io.sumbin.eft.morphing;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.binning.Histogram;
import io.sumbin.binning.ScanPointBinning;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.YieldTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.hipparchus.util.MathArrays;

/**
 * Inputs of a truth-level EFT analysis with per-scan-point model families: for every scan point
 * c′ an observable O_c′(x), edges chosen for that point, and binned templates of the exact
 * per-event quadratic weights, so that the expected yield in bin b at any c is
 *
 * <pre>
 *   ν_b(c) = L Σ_{i∈b} w(x_i|c) = L Σ_{a≤b'} θ_a θ_b' T_{ab',b},   T_{ab',b} = (a = b' ? 1 : 2) Σ_{i∈b} B_ab'(x_i),
 * </pre>
 *
 * exactly the POI-dependent sample form Σ_k f_k(θ) T_k of hist-model (monomials 1, c_j, c_j c_k).
 *
 * <p>The optimal observable for testing c′ against the SM is the likelihood ratio r(x|c′)
 * (Neyman–Pearson); {@link #optimalObservable} uses the monotone (hence binning-equivalent)
 * (r(x|c′) − 1)/‖c′‖, which tends to the SM score t(x)·d along d as c′ → 0 and is therefore defined
 * at the SM point of a scan too.
 */
public final class TruthTemplates {
  private TruthTemplates() {}

  /**
   * O_c′(x) = (r(x|c′) − 1)/‖c′‖ for c′ ≠ 0 and t(x|SM)·d/‖d‖ at c′ = 0.
   *
   * @param smDirection the direction d used at the SM point (read, copied; non-zero)
   */
  public static Function<double[], double[]> optimalObservable(EventQuadratics q, double[] smDirection) {
    int nc = q.basis().n();
    if (smDirection.length != nc) {
      throw new IllegalArgumentException("SM direction has " + smDirection.length + " entries, expected " + nc + " "
          + q.coefficients());
    }
    double dn = MathArrays.safeNorm(smDirection);
    if (!(dn > 0)) {
      throw new IllegalArgumentException("SM direction must be non-zero, got " + Arrays.toString(smDirection));
    }
    double[] d = smDirection.clone();
    return c -> {
      int n = q.size();
      double[] out = new double[n];
      double cn = MathArrays.safeNorm(c);
      if (cn > 0) {
        q.ratios(c, out);
        for (int i = 0; i < n; i++) {
          out[i] = (out[i] - 1) / cn;
        }
      } else {
        double[] t = new double[nc];
        for (int i = 0; i < n; i++) {
          q.scoreAtSm(i, t);
          double s = 0;
          for (int j = 0; j < nc; j++) {
            s += t[j] * d[j];
          }
          out[i] = s / dn;
        }
      }
      return out;
    };
  }

  /**
   * Per-point templates with edges from {@code strategy} applied to the weights at the scan point
   * itself, w(x|c′).
   */
  public static List<PointTemplates> build(EventQuadratics q, List<double[]> scanPoints,
      Function<double[], double[]> observable, BinningStrategy strategy) {
    return build(q, scanPoints, observable, q::weights, strategy);
  }

  /**
   * Per-point templates.
   *
   * @param observable c′ ↦ O_c′(x_i) for all events
   * @param referenceWeights c′ ↦ the weights the strategy sees at c′
   */
  public static List<PointTemplates> build(EventQuadratics q, List<double[]> scanPoints,
      Function<double[], double[]> observable, Function<double[], double[]> referenceWeights, BinningStrategy strategy) {
    List<double[]> pts = new ArrayList<>();
    for (double[] c : scanPoints) {
      if (c.length != q.basis().n()) {
        throw new IllegalArgumentException("scan point " + Arrays.toString(c) + " has " + c.length
            + " coefficients, expected " + q.basis().n() + " " + q.coefficients());
      }
      pts.add(c.clone());
    }
    List<ScanPointBinning<double[]>> bins = ScanPointBinning.build(pts, observable, referenceWeights, strategy);
    List<PointTemplates> out = new ArrayList<>(bins.size());
    for (ScanPointBinning<double[]> b : bins) {
      out.add(new PointTemplates(q, b));
    }
    return List.copyOf(out);
  }

  /** The templates of one scan point. */
  public static final class PointTemplates {
    private final EventQuadratics q;
    private final ScanPointBinning<double[]> binning;
    private final double[] templates; // m × nb, T_k,b = f_k Σ_{i∈b} β_ik
    private final double[] smSumw2;
    private final int[] bins; // the bin of every event, −1 for a NaN observable
    private final double[] factor; // per-event weight factors of withFactors, or null

    PointTemplates(EventQuadratics q, ScanPointBinning<double[]> binning) {
      this(q, binning, null, null);
    }

    /**
     * @param eventBins the bins of the events when already known (shared, read), else null
     * @param factor per-event weight factors (read), or null for none: the templates of
     *     {@code q.reweighted(factor)}, computed without copying the components (the same products, so the
     *     same numbers)
     */
    private PointTemplates(EventQuadratics q, ScanPointBinning<double[]> binning, int[] eventBins, double[] factor) {
      this.q = q;
      this.factor = factor;
      this.binning = binning;
      this.bins = eventBins != null ? eventBins : foldedBins(binning);
      int m = q.basis().size();
      int nb = binning.nbins();
      templates = new double[m * nb];
      smSumw2 = new double[nb];
      QuadraticBasis basis = q.basis();
      double[] f = new double[m];
      for (int k = 0; k < m; k++) {
        f[k] = basis.multiplicity(k);
      }
      for (int i = 0; i < q.size(); i++) {
        int bin = bins[i];
        if (bin < 0) {
          continue; // NaN observable (e.g. zero SM weight)
        }
        if (factor == null) {
          for (int k = 0; k < m; k++) {
            templates[k * nb + bin] += f[k] * q.component(i, k);
          }
          double w = q.smWeight(i);
          smSumw2[bin] += w * w;
        } else {
          double fi = factor[i];
          for (int k = 0; k < m; k++) {
            templates[k * nb + bin] += f[k] * (q.component(i, k) * fi);
          }
          double w = q.smWeight(i) * fi;
          smSumw2[bin] += w * w;
        }
      }
    }

    private static int[] foldedBins(ScanPointBinning<double[]> binning) {
      double[] v = new double[binning.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = binning.value(i);
      }
      return Histogram.foldedBins(binning.edges(), v);
    }

    /**
     * The same binning (observable values and edges) with the templates of other weights for the same
     * events, e.g. {@link EventQuadratics#reweighted} for a resampling of the events.
     */
    public PointTemplates withWeights(EventQuadratics weights) {
      if (weights.size() != q.size() || !weights.basis().equals(q.basis())) {
        throw new IllegalArgumentException("the weights are for " + weights.size() + " events in " + weights.basis()
            + ", the binning for " + q.size() + " in " + q.basis());
      }
      return new PointTemplates(weights, binning, bins, null);
    }

    /**
     * The same as {@code withWeights(q.reweighted(factor))} for this point's own events q — the same
     * numbers — without copying the events' components (a jackknife's deleted groups).
     *
     * @param factor per-event weight factors (read)
     * @return the templates of the reweighted events on this point's binning
     */
    public PointTemplates withFactors(double[] factor) {
      if (this.factor != null || factor.length != q.size()) {
        throw new IllegalArgumentException(factor.length + " factors for " + q.size() + " events"
            + (this.factor != null ? " of templates already reweighted" : ""));
      }
      return new PointTemplates(q, binning, bins, factor.clone());
    }

    /** The bin of every event (−1 where the observable is NaN; values outside the edges fold into the edge bins; a copy). */
    public int[] eventBins() {
      return bins.clone();
    }

    /** The scan point c′ (a copy). */
    public double[] point() {
      return binning.point().clone();
    }

    /** The binning (observable values and edges) of this point. */
    public ScanPointBinning<double[]> binning() {
      return binning;
    }

    /** Number of bins. */
    public int nbins() {
      return binning.nbins();
    }

    /** A copy of the edges. */
    public double[] edges() {
      return binning.edges();
    }

    /** Template of basis component k per bin (already including the factor 2 of cross terms; a copy). */
    public double[] template(int k) {
      int nb = nbins();
      return Arrays.copyOfRange(templates, k * nb, (k + 1) * nb);
    }

    /**
     * ν_b(c)/L = Σ_k f_k(θ) T_kb.
     *
     * @param c coefficients (read); {@code out} length ≥ nbins (written)
     */
    public void expected(double[] c, double[] out) {
      QuadraticBasis basis = q.basis();
      double[] phi = basis.designRow(c);
      int nb = nbins();
      Arrays.fill(out, 0, nb, 0.0);
      for (int k = 0; k < phi.length; k++) {
        double mono = phi[k] / basis.multiplicity(k);
        for (int b = 0; b < nb; b++) {
          out[b] += mono * templates[k * nb + b];
        }
      }
    }

    /** Histogram of this point's observable with the weights w(x|c) (Σw = ν(c)/L, Σw² from the events). */
    public Histogram histogram(double[] c) {
      return binning.histogram(factor == null ? q.weights(c) : q.reweighted(factor).weights(c));
    }

    /**
     * A hist-model sample whose yield is L Σ_k f_k(c) T_k with monomial coefficients in the
     * coefficient names (parameters of the model), nominal data at the SM, and a
     * {@code staterror} with δ_b = L √Σ_{i∈b} w_SM(x_i)² (null name: none).
     */
    public SampleSpec toSample(String name, double luminosity, String staterrorName) {
      QuadraticBasis basis = q.basis();
      int nb = nbins();
      List<YieldTerm> terms = new ArrayList<>();
      for (int k = 0; k < basis.size(); k++) {
        double[] t = template(k);
        for (int b = 0; b < nb; b++) {
          t[b] *= luminosity;
        }
        terms.add(new YieldTerm(new Coefficient.Monomial(basis.monomial(k)), t));
      }
      double[] nominal = template(0);
      double[] delta = new double[nb];
      for (int b = 0; b < nb; b++) {
        nominal[b] *= luminosity;
        delta[b] = luminosity * Math.sqrt(smSumw2[b]);
      }
      List<ModifierSpec> mods = staterrorName == null ? List.of() : List.of(new ModifierSpec.StatError(staterrorName, delta));
      return new SampleSpec(name, nominal, mods, terms);
    }
  }
}
