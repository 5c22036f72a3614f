package io.sumbin.histmodel.likelihood;

import java.util.List;

/**
 * What fits, tests, scans, toys and Neyman constructions need of a likelihood: parameters with
 * their defaults, the layout of the data vector (main entries — bins of a binned model, events of
 * an unbinned one — followed by auxiliary data), per-thread objectives, expected data and the
 * constraint terms that pseudo-experiments fluctuate. Implemented by the binned
 * {@code compile.CompiledModel} and the unbinned {@code unbinned.UnbinnedModel} (this package
 * depends on neither); implementations are immutable and thread-safe.
 */
public interface LikelihoodModel {
  int nPars();

  List<String> parNames();

  String parName(int i);

  /** Index of a parameter by (expanded) name, −1 if unknown. */
  int parIndex(String name);

  double[] suggestedInit();

  double[] lowerBounds();

  double[] upperBounds();

  boolean[] suggestedFixed();

  /** Index of the parameter of interest, −1 for none. */
  int poiIndex();

  /** Name of the parameter of interest, null for none. */
  String poiName();

  /** Number of main data entries (bins, or events). */
  int nMain();

  /** Number of auxiliary data entries. */
  int nAux();

  /** Nominal auxiliary data (a copy). */
  double[] auxdata();

  /** Main data followed by the nominal auxiliary data. */
  double[] withAuxdata(double[] main);

  /** A new objective −ln L(·| data) for one thread. */
  DataObjective objective(double[] data);

  /** Expected main and auxiliary data at {@code pars} (written into {@code out}; thread-safe). */
  void expectedData(double[] pars, double[] out);

  /** Gaussian constraint terms N(a | θ_p, σ). */
  List<GaussianConstraint> gaussianConstraints();

  /** Poisson constraint terms Pois(a | γ_p τ). */
  List<PoissonConstraint> poissonConstraints();
}
