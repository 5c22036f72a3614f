package io.sumbin.eft;

import io.sumbin.eft.morphing.TruthTemplates;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LearnedSummary;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.util.MathArrays;

/**
 * An event-level observable for EFT analyses, possibly different at every scan point c′ (then the
 * analysis bins each point in its own observable — a model family):
 *
 * <ul>
 *   <li>{@link #column}: a fixed kinematic variable (one binning for all points);
 *   <li>{@link #truthOptimal()}: O_c′(x) = (r(x|c′) − 1)/|c′| with the exact per-event weight ratio
 *       r = w(x|c′)/w_SM(x) — by Neyman–Pearson the optimal statistic for c′ against the SM (and at
 *       c′ = 0 the score along the scanned direction); uses parton-level truth, so it bounds what
 *       observed kinematics can do ({@link TruthTemplates#optimalObservable}, the one implementation);
 *   <li>{@link #learned}: the same with the learned r̂(x|c′) = 1 + Σ_a c′_a R̂_a(x) + ½ Σ_ab c′_a c′_b R̂_ab(x)
 *       of a derivative-learning network (arXiv:2410.07315), evaluated once per event sample.
 * </ul>
 */
public interface EftObservable {
  /** Short name for tables and plots. */
  String name();

  /** Whether the values depend on the scan point. */
  boolean perPoint();

  /**
   * Per-event values at scan point c′ (all coefficients of {@code events}, in their order);
   * {@code direction} is the unit direction of the scan, used where c′ = 0.
   */
  double[] values(EftEvents events, double[] cPrime, double[] direction);

  /** A column of the event table. */
  static EftObservable column(String name) {
    return new EftObservable() {
      public String name() {
        return name;
      }

      public boolean perPoint() {
        return false;
      }

      public double[] values(EftEvents ev, double[] c, double[] d) {
        return ev.table().doubles(name);
      }
    };
  }

  /** The exact per-point optimal observable. */
  static EftObservable truthOptimal() {
    return new EftObservable() {
      public String name() {
        return "truth-optimal";
      }

      public boolean perPoint() {
        return true;
      }

      public double[] values(EftEvents ev, double[] c, double[] d) {
        return TruthTemplates.optimalObservable(ev.quadratics(), d).apply(c);
      }
    };
  }

  /**
   * The per-point observable of a derivative-learning network (or an ensemble of them): its parameters must
   * be a subset of the events' coefficients; {@code features} are table columns holding its inputs.
   */
  static EftObservable learned(LearnedSummary summary, List<String> features) {
    List<String> params = summary.parameterNames();
    if (params.isEmpty()) {
      throw new IllegalArgumentException("the derivative summary has no parameter structure (trained on explicit labels)");
    }
    Map<EftEvents, double[][]> cache = new IdentityHashMap<>();
    return new EftObservable() {
      public String name() {
        return "learned-optimal";
      }

      public boolean perPoint() {
        return true;
      }

      public double[] values(EftEvents ev, double[] c, double[] d) {
        double[][] out;
        synchronized (cache) { // the network once per sample; the per-point sums below run in parallel
          out = cache.computeIfAbsent(ev, e -> summary.evaluate(e.features(features)));
        }
        int p = params.size();
        int[] map = new int[p];
        for (int a = 0; a < p; a++) {
          map[a] = ev.coefficientIndex(params.get(a));
        }
        double norm = MathArrays.safeNorm(c);
        int n = ev.size();
        double[] v = new double[n];
        if (norm == 0) {
          for (int a = 0; a < p; a++) {
            double da = d[map[a]];
            if (da != 0) {
              for (int i = 0; i < n; i++) {
                v[i] += da * out[a][i];
              }
            }
          }
          return v;
        }
        // outputs: R_a (a < p), then R_ab for a ≤ b
        for (int a = 0; a < p; a++) {
          double ca = c[map[a]];
          for (int i = 0; i < n; i++) {
            v[i] += ca * out[a][i];
          }
        }
        int k = p;
        for (int a = 0; a < p; a++) {
          for (int b = a; b < p; b++, k++) {
            if (k >= out.length) {
              break;
            }
            double f = (a == b ? 0.5 : 1.0) * c[map[a]] * c[map[b]];
            if (f != 0) {
              for (int i = 0; i < n; i++) {
                v[i] += f * out[k][i];
              }
            }
          }
        }
        for (int i = 0; i < n; i++) {
          v[i] /= norm;
        }
        return v;
      }
    };
  }

  /** Features of a summary, as a convenience. */
  static FeatureMatrix features(EftEvents ev, List<String> columns) {
    return ev.features(columns);
  }
  /**
   * The per-point observable of an event2vec summary (binwise or vector form): its log-ratio against the SM,
   * ℓ(x|c′, 0) = Σ_k s_k(x) (e_k(c′) − e_k(0)) (+ the vector form's normalisation), linear in the per-event
   * summaries s(x), which are evaluated once per event sample; at c′ = 0 the log-ratio at {@code step} along the
   * scan direction (a monotone proxy of the directional score, enough for equal-yield binning). The summary's
   * parameters must be a subset of the events' coefficients.
   *
   * @param step the distance from the SM used at c′ = 0 (e.g. 1 % of the parameter ranges)
   */
  static EftObservable event2vec(io.sumbin.summaries.event2vec.Event2VecSummary summary, List<String> features, double step) {
    List<String> params = summary.parameterNames();
    Map<EftEvents, double[][]> cache = new IdentityHashMap<>();
    return new EftObservable() {
      public String name() {
        return "event2vec";
      }

      public boolean perPoint() {
        return true;
      }

      public double[] values(EftEvents ev, double[] c, double[] d) {
        double[][] s;
        synchronized (cache) {
          s = cache.computeIfAbsent(ev, e -> summary.evaluate(e.features(features)));
        }
        int p = params.size();
        double[] theta = new double[p];
        double norm = MathArrays.safeNorm(c);
        for (int a = 0; a < p; a++) {
          int j = ev.coefficientIndex(params.get(a));
          theta[a] = norm == 0 ? step * d[j] : c[j];
        }
        double[] e1;
        double[] e0;
        synchronized (summary) { // one network, used from the scan's threads
          e1 = summary.embedding(theta);
          e0 = summary.embedding(new double[p]);
        }
        int m = s.length;
        int n = ev.size();
        double[] v = new double[n];
        double shift = e1.length > m ? e1[m] - e0[m] : 0;
        for (int i = 0; i < n; i++) {
          double x = shift;
          for (int k = 0; k < m; k++) {
            x += s[k][i] * (e1[k] - e0[k]);
          }
          v[i] = x;
        }
        return v;
      }
    };
  }
}
