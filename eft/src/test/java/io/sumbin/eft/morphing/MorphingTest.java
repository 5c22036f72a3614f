package io.sumbin.eft.morphing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.binning.EventTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Morphing on synthetic events with known B(x). */
class MorphingTest {
  private static final double EXACT = 0.0;
  /** Solving a well-conditioned system: a few hundred ulps. */
  private static final double SOLVE_TOL = 1e-12;
  /** Central finite differences with step 1e-4 on a quadratic: exact up to rounding / step. */
  private static final double FD_TOL = 1e-8;

  static final List<String> C3 = List.of("cA", "cB", "cC");

  /** SM, each coefficient at 0.1 and -0.2 (or 0.2), and all pairs at 0.1: 10 points for 10 components. */
  static List<ParameterPoint> fullPoints(boolean negative) {
    List<ParameterPoint> pts = new ArrayList<>();
    pts.add(ParameterPoint.parseMadGraphId("SM"));
    for (String c : C3) {
      pts.add(ParameterPoint.parseMadGraphId(c + "_0p1"));
      pts.add(ParameterPoint.parseMadGraphId(c + (negative ? "_m0p2" : "_0p2")));
    }
    for (int i = 0; i < 3; i++) {
      for (int j = i + 1; j < 3; j++) {
        pts.add(ParameterPoint.parseMadGraphId(C3.get(i) + "_0p1_" + C3.get(j) + "_0p1"));
      }
    }
    return pts;
  }

  /** Random positive semidefinite B = v vᵀ + u uᵀ (rank 2) scaled so B_00 ≈ 1. */
  static double[][] randomEvents(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] b = new double[n][16];
    for (int i = 0; i < n; i++) {
      double[] v = {1, rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-3, 3)};
      double[] u = {0.3, rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
      for (int a = 0; a < 4; a++) {
        for (int c = 0; c < 4; c++) {
          b[i][a * 4 + c] = v[a] * v[c] + u[a] * u[c];
        }
      }
    }
    return b;
  }

  static double quadratic(double[] b, double[] c) {
    double[] th = {1, c[0], c[1], c[2]};
    double s = 0;
    for (int a = 0; a < 4; a++) {
      for (int d = 0; d < 4; d++) {
        s += th[a] * b[a * 4 + d] * th[d];
      }
    }
    return s;
  }

  @Test
  void basisIndexing() {
    QuadraticBasis q = new QuadraticBasis(C3, false);
    assertThat(q.size()).as("q.size()").isEqualTo(10);
    List<String> names = new ArrayList<>();
    for (int k = 0; k < q.size(); k++) {
      names.add(q.componentName(k));
      assertThat(q.index(q.a(k), q.b(k))).as("q.index(q.a(k), q.b(k))").isEqualTo(k);
      assertThat(q.index(q.b(k), q.a(k))).as("q.index(q.b(k), q.a(k))").isEqualTo(k);
    }
    assertThat(names)
        .as("names")
        .isEqualTo(List.of("1", "cA", "cB", "cC", "cA^2", "cA*cB", "cA*cC", "cB^2", "cB*cC", "cC^2"));
    assertThat(q.monomial(6)).as("q.monomial(6)").isEqualTo(List.of("cA", "cC"));
    assertThat(q.designRow(new double[] {0.1, 0, -0.2}))
        .as("q.designRow(new double[] {0.1, 0, -0.2})")
        .containsExactly(new double[] {1, 0.2, 0, -0.4, 0.01, 0, -0.04, 0, 0, 0.04}, within(1e-17));
    QuadraticBasis lin = new QuadraticBasis(C3, true);
    assertThat(lin.size()).as("lin.size()").isEqualTo(4);
    assertThat(lin.index(1, 2)).as("lin.index(1, 2)").isEqualTo(-1);
    assertThat(lin.designRow(new double[] {0.1, 0, -0.2}))
        .as("lin.designRow(new double[] {0.1, 0, -0.2})")
        .containsExactly(new double[] {1, 0.2, 0, -0.4}, within(EXACT));
  }

  private static EventTable table(double[][] b, List<ParameterPoint> pts) {
    int n = b.length;
    EventTable t = EventTable.unweighted("synthetic", n);
    for (ParameterPoint p : pts) {
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = quadratic(b[i], p.vector(C3));
      }
      t = t.withDoubleColumn("rwgt_" + p.id(), w);
    }
    return t;
  }

  private static List<String> ids(List<ParameterPoint> pts) {
    return pts.stream().map(ParameterPoint::id).toList();
  }

  @Test
  void recoversKnownMatricesWithNegativePoints() {
    double[][] b = randomEvents(200, 1);
    List<ParameterPoint> pts = fullPoints(true);
    EventQuadratics q = QuadraticMorphing.fit(table(b, pts), ids(pts), QuadraticMorphing.Mode.QUADRATIC);
    assertThat(q.coefficients()).as("q.coefficients()").isEqualTo(C3);
    assertThat(q.maxRelativeResidual()).as("residual " + q.maxRelativeResidual()).isLessThan(SOLVE_TOL);
    double[] a = new double[16];
    for (int i = 0; i < b.length; i++) {
      q.matrixA(i, a);
      for (int k = 0; k < 16; k++) {
        assertThat(a[k]).as("event " + i + " A[" + k + "]").isCloseTo(b[i][k] / b[i][0], within(SOLVE_TOL * 10));
      }
      double[] c = {0.3, -0.7, 1.1};
      assertThat(q.weight(i, c))
          .as("q.weight(i, c)")
          .isCloseTo(quadratic(b[i], c), within(SOLVE_TOL * 100 * quadratic(b[i], c)));
    }
  }

  @Test
  void overdeterminedLeastSquaresEqualsNormalEquations() {
    double[][] b = randomEvents(20, 2);
    List<ParameterPoint> pts = new ArrayList<>(fullPoints(false));
    pts.add(ParameterPoint.of("extra", Map.of("cA", 0.3, "cB", -0.1, "cC", 0.2)));
    EventTable t = table(b, pts);
    // perturb the extra weight of event 0: the fit no longer reproduces every weight
    double[] extra = t.doubles("rwgt_extra");
    extra[0] *= 1.01;
    t = t.withDoubleColumn("rwgt_extra", extra);
    MorphingDesign d = MorphingDesign.of(pts, false);
    EventQuadratics q = QuadraticMorphing.fit(t, ids(pts), d);
    assertThat(q.maxRelativeResidual()).as("the perturbed event leaves a residual").isGreaterThan(1e-4);
    // normal equations for event 0: (X^T X) beta = X^T y
    int p = pts.size(), m = 10;
    double[] x = d.designMatrix();
    double[] y = new double[p];
    for (int r = 0; r < p; r++) {
      y[r] = t.value("rwgt_" + pts.get(r).id(), 0);
    }
    double[] beta = new double[m];
    for (int k = 0; k < m; k++) {
      beta[k] = q.component(0, k);
    }
    for (int k = 0; k < m; k++) {
      double lhs = 0, rhs = 0;
      for (int r = 0; r < p; r++) {
        double pred = 0;
        for (int j = 0; j < m; j++) {
          pred += x[r * m + j] * beta[j];
        }
        lhs += x[r * m + k] * pred;
        rhs += x[r * m + k] * y[r];
      }
      assertThat(lhs).as("normal equation " + k).isCloseTo(rhs, within(SOLVE_TOL * 100 * Math.abs(rhs) + 1e-12));
    }
    assertThat(d.conditionNumber() > 1 && d.conditionNumber() < 1e4).as("condition " + d.conditionNumber()).isTrue();
  }

  @Test
  void refusesOnePointPerCoefficientNamingTheTerms() {
    List<ParameterPoint> pts = new ArrayList<>();
    pts.add(ParameterPoint.parseMadGraphId("SM"));
    for (String c : C3) {
      pts.add(ParameterPoint.parseMadGraphId(c + "_0p1"));
    }
    UnderdeterminedMorphingException e = assertThatExceptionOfType(UnderdeterminedMorphingException.class)
        .isThrownBy(() -> MorphingDesign.of(pts, false))
        .actual();
    assertThat(e.getMessage())
        .as("e.getMessage()")
        .isEqualTo("under-determined quadratic morphing: 4 reweighting points give rank 4, 10 components are needed for 3 "
        + "coefficients; cannot separate: linear and quadratic terms of 3 coefficients varied at one value only (cA, cB, cC); "
        + "3 cross terms with no point varying both coefficients (cA*cB, cA*cC, cB*cC); add points (a second value per "
        + "coefficient, pairs cX_cY) or fit a linear-only model");
    assertThat(e.inseparableComponents())
        .as("e.inseparableComponents()")
        .isEqualTo(List.of("cA", "cB", "cC", "cA^2", "cA*cB", "cA*cC", "cB^2", "cB*cC", "cC^2"));
    assertThat(e.rank()).as("e.rank()").isEqualTo(4);
    // the same points determine the linear model exactly
    MorphingDesign lin = MorphingDesign.of(pts, true);
    assertThat(lin.basis().size()).as("lin.basis().size()").isEqualTo(4);
    // a coefficient of the basis that no point varies
    UnderdeterminedMorphingException never = assertThatExceptionOfType(UnderdeterminedMorphingException.class)
        .isThrownBy(() -> MorphingDesign.of(pts, new QuadraticBasis(List.of("cA", "cB", "cC", "cD"), true)))
        .actual();
    assertThat(never.getMessage()).as(never.getMessage()).contains("all terms of 1 coefficient never varied (cD)");
  }

  @Test
  void labelsAreTheDerivativesOfTheRatio() {
    double[][] b = randomEvents(30, 3);
    List<ParameterPoint> pts = fullPoints(false);
    EventQuadratics q = QuadraticMorphing.fit(table(b, pts), ids(pts), QuadraticMorphing.Mode.QUADRATIC);
    double[] c = {0.2, -0.1, 0.4};
    double h = 1e-4;
    double[] g = new double[3];
    double[] hess = new double[9];
    double[] t = new double[3];
    for (int i = 0; i < 30; i++) {
      q.ratioGradient(i, c, g);
      q.ratioHessian(i, hess);
      for (int j = 0; j < 3; j++) {
        double[] up = c.clone();
        double[] dn = c.clone();
        up[j] += h;
        dn[j] -= h;
        assertThat(g[j])
            .as("g[j]")
            .isCloseTo((q.ratio(i, up) - q.ratio(i, dn)) / (2 * h), within(FD_TOL * Math.max(1, Math.abs(g[j]))));
        for (int k = 0; k < 3; k++) {
          double[] gu = new double[3];
          double[] gd = new double[3];
          q.ratioGradient(i, up, gu);
          q.ratioGradient(i, dn, gd);
          assertThat(hess[j * 3 + k])
              .as("hess[j * 3 + k]")
              .isCloseTo((gu[k] - gd[k]) / (2 * h), within(FD_TOL * Math.max(1, Math.abs(hess[j * 3 + k]))));
        }
      }
      q.scoreAtSm(i, t);
      q.ratioGradient(i, new double[3], g);
      assertThat(t).as("at the SM r = 1, so t = R").containsExactly(g, within(SOLVE_TOL));
      assertThat(q.ratio(i, new double[3])).as("q.ratio(i, new double[3])").isCloseTo(1.0, within(SOLVE_TOL));
    }
    EventTable base = EventTable.unweighted("p", 30);
    EventTable lab = q.withLabels(q.withQuadraticColumns(base), c, "eft_c_");
    assertThat(lab.columnNames())
        .as("lab.columnNames()")
        .isEqualTo(List.of("eft_wsm", "eft_A_1_cA", "eft_A_1_cB", "eft_A_1_cC", "eft_A_cA_cA", "eft_A_cA_cB", "eft_A_cA_cC",
        "eft_A_cB_cB", "eft_A_cB_cC", "eft_A_cC_cC", "eft_c_r", "eft_c_w", "eft_c_t_cA", "eft_c_t_cB", "eft_c_t_cC",
        "eft_c_R_cA", "eft_c_R_cB", "eft_c_R_cC", "eft_c_R_cA_cA", "eft_c_R_cA_cB", "eft_c_R_cA_cC", "eft_c_R_cB_cB",
        "eft_c_R_cB_cC", "eft_c_R_cC_cC"));
    // the column contract: r from the A columns alone
    for (int i = 0; i < 30; i++) {
      double[] th = {1, c[0], c[1], c[2]};
      double r = 1;
      for (int a = 0; a < 4; a++) {
        for (int d = a; d < 4; d++) {
          if (a == 0 && d == 0) {
            continue;
          }
          String col = "eft_A_" + (a == 0 ? "1" : C3.get(a - 1)) + "_" + C3.get(d - 1);
          r += (a == d ? 1 : 2) * th[a] * th[d] * lab.value(col, i);
        }
      }
      assertThat(r).as("r").isCloseTo(lab.value("eft_c_r", i), within(SOLVE_TOL * 10 * r));
      assertThat(lab.value("eft_c_t_cA", i))
          .as("lab.value(\"eft_c_t_cA\", i)")
          .isCloseTo(lab.value("eft_c_R_cA", i) / lab.value("eft_c_r", i), within(EXACT));
      assertThat(lab.value("eft_c_w", i))
          .as("lab.value(\"eft_c_w\", i)")
          .isCloseTo(quadratic(b[i], c), within(SOLVE_TOL * 100 * quadratic(b[i], c)));
    }
  }

  @Test
  void linearModeOnLinearData() {
    int n = 10;
    SplittableRandom rng = new SplittableRandom(4);
    List<ParameterPoint> pts = List.of(ParameterPoint.parseMadGraphId("SM"), ParameterPoint.parseMadGraphId("cA_0p1"),
        ParameterPoint.parseMadGraphId("cB_m0p1"));
    EventTable t = EventTable.unweighted("p", n);
    double[] w0 = new double[n], wa = new double[n], wb = new double[n], ga = new double[n], gb = new double[n];
    for (int i = 0; i < n; i++) {
      w0[i] = rng.nextDouble(1, 2);
      ga[i] = rng.nextDouble(-1, 1);
      gb[i] = rng.nextDouble(-1, 1);
      wa[i] = w0[i] * (1 + ga[i] * 0.1);
      wb[i] = w0[i] * (1 - gb[i] * 0.1);
    }
    t = t.withDoubleColumn("rwgt_SM", w0).withDoubleColumn("rwgt_cA_0p1", wa).withDoubleColumn("rwgt_cB_m0p1", wb);
    EventQuadratics q = QuadraticMorphing.fit(t, ids(pts), QuadraticMorphing.Mode.LINEAR);
    double[] s = new double[2];
    double[] hess = new double[4];
    for (int i = 0; i < n; i++) {
      q.scoreAtSm(i, s);
      assertThat(s).as("s").containsExactly(new double[] {ga[i], gb[i]}, within(SOLVE_TOL));
      q.ratioHessian(i, hess);
      assertThat(hess).as("hess").containsExactly(new double[4], within(EXACT));
    }
    assertThat(q.withLabels(t, new double[2], "x_").columnNames().stream().noneMatch(cn -> cn.startsWith("x_R_cA_")))
        .as("q.withLabels(t, new double[2], \"x_\").columnNames().stream().noneMatch(cn -> cn.startsWith(\"x_R_cA_\"))")
        .isTrue();
  }
}
