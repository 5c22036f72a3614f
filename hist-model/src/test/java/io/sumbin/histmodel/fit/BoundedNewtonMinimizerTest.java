package io.sumbin.histmodel.fit;

import io.sumbin.histmodel.likelihood.Objective;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoundedNewtonMinimizerTest {
  static final double TOL = 1e-7;

  /** f(x) = Σ ½ a_i (x_i − c_i)² with box constraints: the answer is the clamped centre. */
  @Test
  void separableQuadraticWithActiveBounds() {
    double[] a = {1, 4, 0.5};
    double[] c = {2, -3, 0.5};
    Objective f = new Objective() {
      public int dimension() {
        return 3;
      }

      public double value(double[] x) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
          s += 0.5 * a[i] * (x[i] - c[i]) * (x[i] - c[i]);
        }
        return s;
      }

      public double valueAndGradient(double[] x, double[] g) {
        for (int i = 0; i < 3; i++) {
          g[i] = a[i] * (x[i] - c[i]);
        }
        return value(x);
      }

      public boolean hessian(double[] x, double[] h) {
        java.util.Arrays.fill(h, 0);
        for (int i = 0; i < 3; i++) {
          h[i * 3 + i] = a[i];
        }
        return true;
      }
    };
    MinimizerResult r = new BoundedNewtonMinimizer(3).minimize(f, new double[] {0, 0, 0},
        new double[] {-1, -1, -1}, new double[] {1, 1, 1}, new boolean[3]);
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(r.x()[0]).as("r.x()[0]").isCloseTo(1.0, within(0.0));
    assertThat(r.x()[1]).as("r.x()[1]").isCloseTo(-1.0, within(0.0));
    assertThat(r.x()[2]).as("r.x()[2]").isCloseTo(0.5, within(TOL));
  }

  /** Rosenbrock's valley: minimum at (1, 1). */
  @Test
  void rosenbrock() {
    Objective f = new Objective() {
      public int dimension() {
        return 2;
      }

      public double value(double[] x) {
        double u = 1 - x[0];
        double v = x[1] - x[0] * x[0];
        return u * u + 100 * v * v;
      }

      public double valueAndGradient(double[] x, double[] g) {
        double v = x[1] - x[0] * x[0];
        g[0] = -2 * (1 - x[0]) - 400 * x[0] * v;
        g[1] = 200 * v;
        return value(x);
      }

      public boolean hessian(double[] x, double[] h) {
        h[0] = 2 - 400 * (x[1] - 3 * x[0] * x[0]);
        h[1] = -400 * x[0];
        h[2] = -400 * x[0];
        h[3] = 200;
        return true;
      }
    };
    MinimizerResult r = new BoundedNewtonMinimizer(2).minimize(f, new double[] {-1.2, 1},
        new double[] {-5, -5}, new double[] {5, 5}, new boolean[2]);
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(r.x()[0]).as("r.x()[0]").isCloseTo(1.0, within(1e-6));
    assertThat(r.x()[1]).as("r.x()[1]").isCloseTo(1.0, within(1e-6));
  }

  /**
   * Starting exactly on a saddle: f = (x² − 1)² + y² has zero gradient at the origin; the minima
   * are (±1, 0). Gradient-based steps alone never leave the origin.
   */
  @Test
  void escapesASaddlePoint() {
    Objective f = new Objective() {
      public int dimension() {
        return 2;
      }

      public double value(double[] x) {
        double u = x[0] * x[0] - 1;
        return u * u + x[1] * x[1];
      }

      public double valueAndGradient(double[] x, double[] g) {
        g[0] = 4 * x[0] * (x[0] * x[0] - 1);
        g[1] = 2 * x[1];
        return value(x);
      }

      public boolean hessian(double[] x, double[] h) {
        h[0] = 12 * x[0] * x[0] - 4;
        h[1] = 0;
        h[2] = 0;
        h[3] = 2;
        return true;
      }
    };
    MinimizerResult r = new BoundedNewtonMinimizer(2).minimize(f, new double[] {0, 0.3},
        new double[] {-5, -5}, new double[] {5, 5}, new boolean[2]);
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(Math.abs(r.x()[0])).as("Math.abs(r.x()[0])").isCloseTo(1.0, within(1e-7));
    assertThat(r.value()).as("r.value()").isCloseTo(0.0, within(1e-12));
  }
}
