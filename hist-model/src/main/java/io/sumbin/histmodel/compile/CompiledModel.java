package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.interp.InterpCode;
import io.sumbin.histmodel.likelihood.BlockStructure;
import io.sumbin.histmodel.likelihood.DataObjective;
import io.sumbin.histmodel.likelihood.GaussianConstraint;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.likelihood.PoissonConstraint;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A HistFactory likelihood compiled into flat arrays (immutable, thread-safe). Build one with
 * {@link ModelCompiler#compile}; evaluate it with an {@link Evaluator} (one per thread).
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
  // ---- metadata
  final List<Paramset> paramsets;
  final String[] parNames;
  final double[] init;
  final double[] lower;
  final double[] upper;
  final boolean[] fixed;
  final int poiIndex;
  final String poiName;
  final String[] channelNames;
  final int[] channelOffset;
  final int[] channelNbins;
  final String[] sampleNames;
  final int nMain;
  final int nAux;
  final double[] auxDefault;

  // ---- units: one per (channel, sample) present
  final int nUnits;
  final int[] uChannel;
  final int[] uSample;
  final int[] uBin0; // first main bin
  final int[] uNb; // bins
  final int[] uFlat0; // offset into unit-bin flat arrays (A, B)
  final int nUnitBins;
  final int[] uNom; // offset into nominal[] or -1 when the unit uses terms
  final double[] nominal;

  // terms (POI-dependent samples)
  final int[] uTermStart; // nUnits+1
  final int[] termFn; // coefficient function per term
  final int[] termData; // offset into termTemplates
  final double[] termTemplates;
  // coefficient functions
  final int nFn;
  final int[] fnKind; // 0 monomial, 1 sqrt, 2 mu-sqrt, 3 1-sqrt
  final int[] fnStart; // nFn+1 into fnPar / fnPow
  final int[] fnPar;
  final int[] fnPow;

  // histosys (additive)
  final int[] uHsStart; // nUnits+1
  final int[] hsParam;
  final InterpCode[] hsCode;
  final int[] hsData; // offset into hsUp/hsDn (length = unit bins)
  final int[] hsFlat0; // offset into per-histosys-bin scratch
  final int nHsBins;
  final double[] hsUp;
  final double[] hsDn;

  // scalar factor groups (one group per distinct parameter per unit)
  final int[] uGrpStart; // nUnits+1
  final int[] grpParam;
  final int[] grpFacStart; // nGroups+1
  final int[] facKind; // 0 linear, 1 code1, 4 code4
  final double[] facHi;
  final double[] facLo;
  final double[] facC4; // 6 per factor
  final int maxGroupsPerUnit;

  // bin-wise factors
  final int[] uBwStart; // nUnits+1
  final int[] bwIndex; // offset into bwParam (length = unit bins)
  final int[] bwParam;

  // constraints
  final int nGauss;
  final int[] gPar;
  final int[] gAux;
  final double[] gSigma;
  final int nPois;
  final int[] pPar;
  final int[] pAux;
  final double[] pTau;

  CompiledModel(ModelCompiler.Frozen f) {
    this.paramsets = Collections.unmodifiableList(f.paramsets);
    this.parNames = f.parNames;
    this.init = f.init;
    this.lower = f.lower;
    this.upper = f.upper;
    this.fixed = f.fixed;
    this.poiIndex = f.poiIndex;
    this.poiName = f.poiName;
    this.channelNames = f.channelNames;
    this.channelOffset = f.channelOffset;
    this.channelNbins = f.channelNbins;
    this.sampleNames = f.sampleNames;
    this.nMain = f.nMain;
    this.nAux = f.auxDefault.length;
    this.auxDefault = f.auxDefault;
    this.nUnits = f.uChannel.length;
    this.uChannel = f.uChannel;
    this.uSample = f.uSample;
    this.uBin0 = f.uBin0;
    this.uNb = f.uNb;
    this.uFlat0 = f.uFlat0;
    this.nUnitBins = f.nUnitBins;
    this.uNom = f.uNom;
    this.nominal = f.nominal;
    this.uTermStart = f.uTermStart;
    this.termFn = f.termFn;
    this.termData = f.termData;
    this.termTemplates = f.termTemplates;
    this.nFn = f.fnKind.length;
    this.fnKind = f.fnKind;
    this.fnStart = f.fnStart;
    this.fnPar = f.fnPar;
    this.fnPow = f.fnPow;
    this.uHsStart = f.uHsStart;
    this.hsParam = f.hsParam;
    this.hsCode = f.hsCode;
    this.hsData = f.hsData;
    this.hsFlat0 = f.hsFlat0;
    this.nHsBins = f.nHsBins;
    this.hsUp = f.hsUp;
    this.hsDn = f.hsDn;
    this.uGrpStart = f.uGrpStart;
    this.grpParam = f.grpParam;
    this.grpFacStart = f.grpFacStart;
    this.facKind = f.facKind;
    this.facHi = f.facHi;
    this.facLo = f.facLo;
    this.facC4 = f.facC4;
    this.maxGroupsPerUnit = f.maxGroupsPerUnit;
    this.uBwStart = f.uBwStart;
    this.bwIndex = f.bwIndex;
    this.bwParam = f.bwParam;
    this.nGauss = f.gPar.length;
    this.gPar = f.gPar;
    this.gAux = f.gAux;
    this.gSigma = f.gSigma;
    this.nPois = f.pPar.length;
    this.pPar = f.pPar;
    this.pAux = f.pAux;
    this.pTau = f.pTau;
  }

  /** Number of parameters (all components of all parameter sets). */
  @Override
  public int nPars() {
    return parNames.length;
  }

  /** Expanded parameter names in pyhf order ({@code mu}, {@code uncorr_bkguncrt[0]}, ...). */
  @Override
  public List<String> parNames() {
    return List.of(parNames);
  }

  /** Expanded name of parameter i. */
  @Override
  public String parName(int i) {
    return parNames[i];
  }

  /** Parameter sets in order. */
  public List<Paramset> paramsets() {
    return paramsets;
  }

  /** The parameter set called {@code name}, or null. */
  public Paramset paramset(String name) {
    for (Paramset p : paramsets) {
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
    for (int i = 0; i < parNames.length; i++) {
      if (parNames[i].equals(name)) {
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
    return init.clone();
  }

  /** Suggested lower bounds (copy). */
  @Override
  public double[] lowerBounds() {
    return lower.clone();
  }

  /** Suggested upper bounds (copy). */
  @Override
  public double[] upperBounds() {
    return upper.clone();
  }

  /** Suggested fixed flags (copy). */
  @Override
  public boolean[] suggestedFixed() {
    return fixed.clone();
  }

  /** Index of the parameter of interest, or −1 for a POI-less model. */
  @Override
  public int poiIndex() {
    return poiIndex;
  }

  /** Name of the parameter of interest, or null. */
  @Override
  public String poiName() {
    return poiName;
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
    return List.of(channelNames);
  }

  /** Index of the first bin of channel {@code c} in the main data. */
  public int channelOffset(int c) {
    return channelOffset[c];
  }

  /** Number of bins of channel {@code c}. */
  public int channelNbins(int c) {
    return channelNbins[c];
  }

  /** Sample names (sorted set over all channels). */
  public List<String> sampleNames() {
    return List.of(sampleNames);
  }

  /** Default auxiliary data (copy). */
  @Override
  public double[] auxdata() {
    return auxDefault.clone();
  }

  /** Name → slice {start, end} of every parameter set, in order. */
  public Map<String, int[]> parSlices() {
    Map<String, int[]> m = new LinkedHashMap<>();
    for (Paramset p : paramsets) {
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
    System.arraycopy(auxDefault, 0, d, nMain, nAux);
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
      for (int p : grpParam) {
        bin[p] = -1;
      }
      for (int p : hsParam) {
        bin[p] = -1;
      }
      for (int p : fnPar) {
        bin[p] = -1;
      }
      for (int u = 0; u < nUnits; u++) {
        for (int q = uBwStart[u]; q < uBwStart[u + 1]; q++) {
          for (int k = 0; k < uNb[u]; k++) {
            int p = bwParam[bwIndex[q] + k];
            if (p < 0 || bin[p] == -1) {
              continue;
            }
            int mb = uBin0[u] + k;
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
    GaussianConstraint[] c = new GaussianConstraint[nGauss];
    for (int i = 0; i < nGauss; i++) {
      c[i] = new GaussianConstraint(gPar[i], gAux[i], gSigma[i]);
    }
    return List.of(c);
  }

  /** The Poisson constraint terms. */
  @Override
  public List<PoissonConstraint> poissonConstraints() {
    PoissonConstraint[] c = new PoissonConstraint[nPois];
    for (int i = 0; i < nPois; i++) {
      c[i] = new PoissonConstraint(pPar[i], pAux[i], pTau[i]);
    }
    return List.of(c);
  }

  /** Whether parameter i has a constraint term. */
  public boolean isConstrained(int i) {
    for (Paramset p : paramsets) {
      if (i >= p.offset() && i < p.offset() + p.n()) {
        return p.constraint() != io.sumbin.histmodel.modifier.Constraint.NONE;
      }
    }
    throw new IndexOutOfBoundsException(i);
  }
}
