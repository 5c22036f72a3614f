package io.sumbin.binning.source;

import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MadMiner's morphing setup (Brehmer, Kling, Espejo, Cranmer, arXiv:1907.10621, §2.4): with parameters
 * θ = (θ_1..θ_P), components c = 1..C with integer powers k_cp, and benchmark weights w_b(x),
 *
 * <pre>
 *   w(x|θ) = Σ_c (Π_p θ_p^{k_cp}) T_c(x),    T_c(x) = Σ_b M_cb w_b(x)
 * </pre>
 *
 * where M ({@code morphing/morphing_matrix}, C × B) maps the B physics benchmarks' weights to the
 * component weights ({@code morphing/components}, C × P powers). MadMiner's
 * {@code calculate_morphing_weights(θ) = Mᵀ m(θ)} is the same sum read the other way.
 *
 * @param components C × P powers k_cp (read-only by convention)
 * @param matrix C × B morphing matrix, row-major per component (read-only by convention)
 */
public record MadMinerMorphing(int[][] components, double[][] matrix) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public MadMinerMorphing {
    if (components.length != matrix.length) {
      throw new IllegalArgumentException("morphing: " + components.length + " components but the matrix has "
          + matrix.length + " rows");
    }
  }

  /** Number of components C. */
  public int size() {
    return components.length;
  }

  /** Number of benchmarks B the matrix combines. */
  public int benchmarks() {
    return matrix.length == 0 ? 0 : matrix[0].length;
  }

  /**
   * Component c as a monomial: the parameter names, each repeated by its power ([] = 1, [a] = θ_a,
   * [a, a] = θ_a², [a, b] = θ_a θ_b).
   */
  public List<String> monomial(int c, List<String> parameters) {
    List<String> m = new ArrayList<>();
    for (int p = 0; p < components[c].length; p++) {
      for (int k = 0; k < components[c][p]; k++) {
        m.add(parameters.get(p));
      }
    }
    return m;
  }

  /** Highest total power of any component (2 for quadratic EFT morphing). */
  public int maxOrder() {
    int max = 0;
    for (int[] c : components) {
      max = Math.max(max, Arrays.stream(c).sum());
    }
    return max;
  }

  /**
   * T_c(x_i) for all events: {@code out[i * C + c] = Σ_b M_cb w[b][i]}.
   *
   * @param benchmarkWeights B arrays of n weights, in the matrix's benchmark order (read)
   * @return n × C row-major (new array)
   */
  public double[] componentWeights(double[][] benchmarkWeights) {
    int cc = size();
    int bb = benchmarks();
    if (benchmarkWeights.length != bb) {
      throw new IllegalArgumentException("morphing matrix combines " + bb + " benchmarks, got " + benchmarkWeights.length);
    }
    int n = bb == 0 ? 0 : benchmarkWeights[0].length;
    double[] out = new double[n * cc];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < cc; c++) {
        double s = 0;
        double[] row = matrix[c];
        for (int b = 0; b < bb; b++) {
          s += row[b] * benchmarkWeights[b][i];
        }
        out[i * cc + c] = s;
      }
    }
    return out;
  }
}
