package io.sumbin.histmodel.spec;

import java.util.List;

/**
 * A coefficient function f_k(θ) of the parameters of interest that multiplies a template T_k in a
 * POI-dependent sample: ν_b(θ) = Σ_k f_k(θ) T_kb (sumbin extension, not expressible in pyhf).
 *
 * <ul>
 *   <li>{@link Monomial}: Π_i θ_i — with no factors the constant 1, one factor the linear term,
 *       two the quadratic ones (θ_i², θ_iθ_j): the quadratic SMEFT form.
 *   <li>{@link Interference}: √μ, μ − √μ or 1 − √μ, the signal–background interference
 *       parametrisation of off-shell Higgs analyses (e.g. arXiv:1406.4433).
 * </ul>
 */
public sealed interface Coefficient permits Coefficient.Monomial, Coefficient.Interference {

  /** Names of the parameters this coefficient depends on (with repetition for powers). */
  List<String> parameters();

  /** Product of the listed parameters (empty list = 1). */
  record Monomial(List<String> factors) implements Coefficient {
    public Monomial {
      factors = List.copyOf(factors);
    }

    public List<String> parameters() {
      return factors;
    }
  }

  /** Interference-form coefficient of one signal-strength parameter μ ≥ 0. */
  record Interference(String poi, Kind kind) implements Coefficient {
    public List<String> parameters() {
      return List.of(poi);
    }

    /** The three functions of the √μ parametrisation. */
    public enum Kind {
      /** √μ */
      SQRT("sqrt"),
      /** μ − √μ */
      MU_MINUS_SQRT("mu_minus_sqrt"),
      /** 1 − √μ */
      ONE_MINUS_SQRT("one_minus_sqrt");

      private final String jsonName;

      Kind(String jsonName) {
        this.jsonName = jsonName;
      }

      /** Name used in sumbin's workspace JSON. */
      public String jsonName() {
        return jsonName;
      }

      /** Inverse of {@link #jsonName()}, or {@code null}. */
      public static Kind fromJson(String s) {
        for (Kind k : values()) {
          if (k.jsonName.equals(s)) {
            return k;
          }
        }
        return null;
      }
    }
  }
}
