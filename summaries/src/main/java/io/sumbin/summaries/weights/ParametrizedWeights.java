package io.sumbin.summaries.weights;

import java.util.List;

/**
 * Per-event weights as functions of the model parameters, w_i(θ): the simulation side of every
 * likelihood-ratio method here. For Monte Carlo events with reweighting information, w_i(θ) is the
 * joint (parton-level) weight, so w_i(θ)/w_i(θ₀) is the joint likelihood ratio r(x_i, z_i | θ, θ₀)
 * of MadMiner (arXiv:1805.00020, 1805.12244). Normalized densities follow from
 * p(x|θ) ∝ Σ_i w_i(θ) δ(x − x_i) / σ(θ) with σ(θ) = Σ_i w_i(θ) ({@link #total}).
 *
 * <p>Implementations: {@link PolynomialWeights} (exact morphing, e.g. quadratic SMEFT) and
 * {@link #of} (any function, e.g. importance weights of a toy with a known density).
 */
public interface ParametrizedWeights {

  /** Parameter names, in the order of θ. */
  List<String> parameterNames();

  /** Number of events. */
  int size();

  /** w_i(θ) for one event. */
  double weight(int event, double[] theta);

  /**
   * σ(θ) = Σ_i w_i(θ). The default sums over events (O(n)); implementations with a closed form
   * override it.
   */
  default double total(double[] theta) {
    double s = 0;
    for (int i = 0; i < size(); i++) {
      s += weight(i, theta);
    }
    return s;
  }

  /** All w_i(θ) (a new array). */
  default double[] weights(double[] theta) {
    double[] w = new double[size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weight(i, theta);
    }
    return w;
  }

  /** The weights of the listed events (read), in that order. */
  ParametrizedWeights subset(int[] events);

  /** A per-event weight function. */
  @FunctionalInterface
  interface EventWeight {
    double weight(int event, double[] theta);
  }

  /**
   * Weights given by a function (not copied: it must stay valid and deterministic).
   *
   * @param names parameter names
   * @param n number of events
   */
  static ParametrizedWeights of(List<String> names, int n, EventWeight f) {
    return new FunctionWeights(List.copyOf(names), n, f, null);
  }

  /** Implementation of {@link #of}. */
  final class FunctionWeights implements ParametrizedWeights {
    private final List<String> names;
    private final int n;
    private final EventWeight f;
    private final int[] map;

    FunctionWeights(List<String> names, int n, EventWeight f, int[] map) {
      if (n < 0) {
        throw new IllegalArgumentException("number of events must be >= 0, got " + n);
      }
      this.names = names;
      this.n = n;
      this.f = f;
      this.map = map;
    }

    @Override
    public List<String> parameterNames() {
      return names;
    }

    @Override
    public int size() {
      return n;
    }

    @Override
    public double weight(int event, double[] theta) {
      if (theta.length != names.size()) {
        throw new IllegalArgumentException("θ has " + theta.length + " values, expected " + names.size() + " " + names);
      }
      return f.weight(map == null ? event : map[event], theta);
    }

    @Override
    public ParametrizedWeights subset(int[] events) {
      int[] m = new int[events.length];
      for (int k = 0; k < events.length; k++) {
        if (events[k] < 0 || events[k] >= n) {
          throw new IndexOutOfBoundsException("event " + events[k] + " outside [0, " + n + ")");
        }
        m[k] = map == null ? events[k] : map[events[k]];
      }
      return new FunctionWeights(names, events.length, f, m);
    }
  }
}
