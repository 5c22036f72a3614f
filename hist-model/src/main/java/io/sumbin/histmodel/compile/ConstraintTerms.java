package io.sumbin.histmodel.compile;

/**
 * The constraint terms and their auxiliary data: Gaussian N(a | θ_p, σ) for term i with
 * p = {@code gaussPar[i]}, a = aux[{@code gaussAux[i]}], σ = {@code gaussSigma[i]}, and Poisson
 * Pois(a | γ_p τ) with p = {@code poisPar[i]}, a = aux[{@code poisAux[i]}], τ = {@code poisTau[i]};
 * the auxiliary data follow the main bins in the data vector, in parameter order, with nominal values
 * {@code auxDefault}. Immutable.
 */
final class ConstraintTerms {
  final int nGauss;
  final int[] gaussPar;
  final int[] gaussAux;
  final double[] gaussSigma;
  final int nPois;
  final int[] poisPar;
  final int[] poisAux;
  final double[] poisTau;
  /** Number of auxiliary data. */
  final int nAux;
  final double[] auxDefault;

  ConstraintTerms(int[] gaussPar, int[] gaussAux, double[] gaussSigma, int[] poisPar, int[] poisAux,
      double[] poisTau, double[] auxDefault) {
    this.nGauss = gaussPar.length;
    this.gaussPar = gaussPar;
    this.gaussAux = gaussAux;
    this.gaussSigma = gaussSigma;
    this.nPois = poisPar.length;
    this.poisPar = poisPar;
    this.poisAux = poisAux;
    this.poisTau = poisTau;
    this.nAux = auxDefault.length;
    this.auxDefault = auxDefault;
  }
}
