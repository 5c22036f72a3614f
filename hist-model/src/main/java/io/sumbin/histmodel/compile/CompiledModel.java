package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.likelihood.BlockStructure;
import io.sumbin.histmodel.likelihood.DataObjective;
import io.sumbin.histmodel.likelihood.GaussianConstraint;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.likelihood.PoissonConstraint;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A HistFactory likelihood compiled into flat arrays (immutable, thread-safe). Build one with
 * {@link ModelCompiler#compile}; evaluate it with an {@link Evaluator} (one per thread).
 *
 * <p>The arrays are grouped in a few named blocks, each a set of parallel primitive arrays indexed
 * in CSR style by the (channel, sample) unit: {@link ParameterTable}, {@link ChannelLayout},
 * {@link SampleUnits} (nominal yields), {@link YieldTerms} (POI-dependent samples),
 * {@link HistosysShifts} (histosys), {@link ScalarFactors} (normfactor, lumi, normsys),
 * {@link BinwiseFactors} (shapesys, staterror, shapefactor) and {@link ConstraintTerms}.
 *
 * <p>The probability model is pyhf's:
 *
 * <pre>
 *   L(θ) = Π_b Pois(n_b | ν_b(θ)) · Π_{c ∈ normal} N(a_c | θ_c, σ_c) · Π_{c ∈ poisson} Pois(a_c | γ_c τ_c)
 *   ν_b(θ) = Σ_samples (nominal_b + Σ δ_b(α)) · Π f(θ) · Π γ_b
 * </pre>
 *
 * with Pois(n|ν) = ν^n e^{−ν} / Γ(n+1) continuous in n. Data vectors are laid out as pyhf's:
 * main bins (channels sorted by name, bins in order) followed by auxiliary data in parameter order.
 */
public final class CompiledModel implements LikelihoodModel {
  // The model in a few named blocks of flat primitive arrays (see each type for its layout): the
  // evaluator's hot loops index them directly, with no boxing and no allocation.
  final ParameterTable params;
  final ChannelLayout channels;
  /** One unit per (channel, sample) present; the blocks below are indexed by unit. */
  final SampleUnits units;
  /** POI-dependent yield terms Σ f_k(θ) T_k (units without a nominal). */
  final YieldTerms terms;
  /** Additive modifiers: histosys. */
  final HistosysShifts histosys;
  /** Scalar multiplicative modifiers grouped by parameter: normfactor, lumi, normsys. */
  final ScalarFactors factors;
  /** Bin-wise multiplicative modifiers: shapesys, staterror, shapefactor. */
  final BinwiseFactors binwise;
  /** Gaussian and Poisson constraint terms, auxiliary data. */
  final ConstraintTerms constraints;
  final int nMain;
  final int nAux;

  CompiledModel(ParameterTable params, ChannelLayout channels, SampleUnits units, YieldTerms terms,
      HistosysShifts histosys, ScalarFactors factors, BinwiseFactors binwise, ConstraintTerms constraints) {
    this.params = params;
    this.channels = channels;
    this.units = units;
    this.terms = terms;
    this.histosys = histosys;
    this.factors = factors;
    this.binwise = binwise;
    this.constraints = constraints;
    this.nMain = channels.nMain;
    this.nAux = constraints.nAux;
  }

  /** Number of parameters (all components of all parameter sets). */
  @Override
  public int nPars() {
    return params.n();
  }

  /** Expanded parameter names in pyhf order ({@code mu}, {@code uncorr_bkguncrt[0]}, ...). */
  @Override
  public List<String> parNames() {
    return List.of(params.names);
  }

  /** Expanded name of parameter i. */
  @Override
  public String parName(int i) {
    return params.names[i];
  }

  /** Parameter sets in order. */
  public List<Paramset> paramsets() {
    return params.paramsets;
  }

  /** The parameter set called {@code name}, or null. */
  public Paramset paramset(String name) {
    for (Paramset p : params.paramsets) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Index of a parameter by expanded name ({@code uncorr_bkguncrt[1]}) or by the name of a scalar
   * or one-component parameter set; −1 when unknown.
   */
  @Override
  public int parIndex(String name) {
    for (int i = 0; i < params.names.length; i++) {
      if (params.names[i].equals(name)) {
        return i;
      }
    }
    Paramset p = paramset(name);
    if (p != null && p.n() == 1) {
      return p.offset();
    }
    return -1;
  }

  /** Suggested initial values (copy). */
  @Override
  public double[] suggestedInit() {
    return params.init.clone();
  }

  /** Suggested lower bounds (copy). */
  @Override
  public double[] lowerBounds() {
    return params.lower.clone();
  }

  /** Suggested upper bounds (copy). */
  @Override
  public double[] upperBounds() {
    return params.upper.clone();
  }

  /** Suggested fixed flags (copy). */
  @Override
  public boolean[] suggestedFixed() {
    return params.fixed.clone();
  }

  /** Index of the parameter of interest, or −1 for a POI-less model. */
  @Override
  public int poiIndex() {
    return params.poiIndex;
  }

  /** Name of the parameter of interest, or null. */
  @Override
  public String poiName() {
    return params.poiName;
  }

  /** Number of main (binned) data entries. */
  @Override
  public int nMain() {
    return nMain;
  }

  /** Number of auxiliary data entries. */
  @Override
  public int nAux() {
    return nAux;
  }

  /** Channel names in data order (sorted). */
  public List<String> channelNames() {
    return List.of(channels.names);
  }

  /** Index of the first bin of channel {@code c} in the main data. */
  public int channelOffset(int c) {
    return channels.offset[c];
  }

  /** Number of bins of channel {@code c}. */
  public int channelNbins(int c) {
    return channels.nbins[c];
  }

  /** Sample names (sorted set over all channels). */
  public List<String> sampleNames() {
    return List.of(channels.sampleNames);
  }

  /** Default auxiliary data (copy). */
  @Override
  public double[] auxdata() {
    return constraints.auxDefault.clone();
  }

  /** Name → slice {start, end} of every parameter set, in order. */
  public Map<String, int[]> parSlices() {
    Map<String, int[]> m = new LinkedHashMap<>();
    for (Paramset p : params.paramsets) {
      m.put(p.name(), new int[] {p.offset(), p.offset() + p.n()});
    }
    return m;
  }

  /**
   * Full data vector (main followed by the default auxiliary data) from main observations.
   *
   * @param main observed counts in data order (read)
   */
  @Override
  public double[] withAuxdata(double[] main) {
    if (main.length != nMain) {
      throw new IllegalArgumentException("main data has " + main.length + " entries, model has " + nMain + " bins");
    }
    double[] d = Arrays.copyOf(main, nMain + nAux);
    System.arraycopy(constraints.auxDefault, 0, d, nMain, nAux);
    return d;
  }

  private volatile BlockStructure blocks;

  /**
   * The block structure of the Hessian: a parameter is bin-local when it is a bin-wise factor
   * ({@code shapesys}, {@code staterror}, {@code shapefactor} component) of exactly one main bin and
   * has no other role; all other parameters are global. Computed once.
   */
  public BlockStructure blockStructure() {
    BlockStructure b = blocks;
    if (b == null) {
      int n = nPars();
      int[] bin = new int[n];
      Arrays.fill(bin, -2); // -2: not seen yet, -1: global
      for (int p : factors.param) {
        bin[p] = -1;
      }
      for (int p : histosys.param) {
        bin[p] = -1;
      }
      for (int p : terms.fnPar) {
        bin[p] = -1;
      }
      for (int u = 0; u < units.n; u++) {
        for (int q = binwise.start[u]; q < binwise.start[u + 1]; q++) {
          for (int k = 0; k < units.nb[u]; k++) {
            int p = binwise.param[binwise.index[q] + k];
            if (p < 0 || bin[p] == -1) {
              continue;
            }
            int mb = units.bin0[u] + k;
            bin[p] = bin[p] == -2 || bin[p] == mb ? mb : -1;
          }
        }
      }
      for (int p = 0; p < n; p++) {
        if (bin[p] == -2) {
          bin[p] = -1;
        }
      }
      b = new BlockStructure(n, bin, nMain);
      blocks = b;
    }
    return b;
  }

  /** A new single-thread evaluator. */
  public Evaluator evaluator() {
    return new Evaluator(this);
  }

  private final ThreadLocal<Evaluator> perThread = ThreadLocal.withInitial(this::evaluator);

  @Override
  public DataObjective objective(double[] data) {
    return new NllObjective(this, data);
  }

  /** Expected main and auxiliary data (thread-safe: one evaluator per thread). */
  @Override
  public void expectedData(double[] pars, double[] out) {
    perThread.get().expectedData(pars, out);
  }

  /** The Gaussian constraint terms (what pseudo-experiments fluctuate the auxiliary data with). */
  @Override
  public List<GaussianConstraint> gaussianConstraints() {
    ConstraintTerms t = constraints;
    GaussianConstraint[] c = new GaussianConstraint[t.nGauss];
    for (int i = 0; i < t.nGauss; i++) {
      c[i] = new GaussianConstraint(t.gaussPar[i], t.gaussAux[i], t.gaussSigma[i]);
    }
    return List.of(c);
  }

  /** The Poisson constraint terms. */
  @Override
  public List<PoissonConstraint> poissonConstraints() {
    ConstraintTerms t = constraints;
    PoissonConstraint[] c = new PoissonConstraint[t.nPois];
    for (int i = 0; i < t.nPois; i++) {
      c[i] = new PoissonConstraint(t.poisPar[i], t.poisAux[i], t.poisTau[i]);
    }
    return List.of(c);
  }

  /** Whether parameter i has a constraint term. */
  public boolean isConstrained(int i) {
    for (Paramset p : params.paramsets) {
      if (i >= p.offset() && i < p.offset() + p.n()) {
        return p.constraint() != io.sumbin.histmodel.modifier.Constraint.NONE;
      }
    }
    throw new IndexOutOfBoundsException(i);
  }
}
