package io.sumbin.binning.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.binning.EventTable;
import io.sumbin.histmodel.BadInputException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpressionTest {
  /** Number of events: more than two blocks, with a partial last block. */
  private static final int N = 2 * Expression.BLOCK + 37;

  private static final double[] MJJ = new double[N];
  private static final double[] DETA = new double[N];
  private static final double[] PT = new double[N];
  private static final double[] W = new double[N];
  private static final EventTable TABLE;

  static {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < N; i++) {
      MJJ[i] = 1000 * rng.nextDouble();
      DETA[i] = 10 * rng.nextDouble() - 5;
      PT[i] = rng.nextDouble() < 0.05 ? -1 : 300 * rng.nextDouble();
      W[i] = rng.nextDouble() - 0.2;
    }
    TABLE = EventTable.of("vbf", W).withDoubleColumn("m_jj", MJJ).withDoubleColumn("deta_jj", DETA)
        .withFloatColumn("jet1.pt", PT);
  }

  private static double[] eval(String text) {
    return Expression.parse(text).evaluate(TABLE);
  }

  @Test
  void arithmeticAndFunctionsMatchJava() {
    double[] v = eval("sqrt(m_jj^2 + deta_jj**2) / 2 - log(abs(deta_jj)) * exp(-deta_jj/10) + 3 % 2");
    double[] f = eval("max(m_jj, 500, deta_jj) + min(deta_jj, 0) + atan2(deta_jj, 1.5) + hypot(3, deta_jj)"
        + " + floor(deta_jj) + ceil(deta_jj) + pow(2, deta_jj) + log10(m_jj) + sinh(deta_jj/5) + cosh(0.1*deta_jj)"
        + " + tanh(deta_jj) + sin(deta_jj) + cos(deta_jj) + tan(deta_jj/4) + pi");
    double[] p = eval("log(jet1.pt)");
    for (int i = 0; i < N; i++) {
      double m = MJJ[i];
      double d = DETA[i];
      assertThat(v[i]).isEqualTo(Math.sqrt(m * m + d * d) / 2 - Math.log(Math.abs(d)) * Math.exp(-d / 10) + 1);
      assertThat(f[i]).isEqualTo(Math.max(Math.max(m, 500), d) + Math.min(d, 0) + Math.atan2(d, 1.5)
          + Math.hypot(3, d) + Math.floor(d) + Math.ceil(d) + Math.pow(2, d) + Math.log10(m)
          + Math.sinh(d / 5) + Math.cosh(0.1 * d) + Math.tanh(d) + Math.sin(d) + Math.cos(d) + Math.tan(d / 4)
          + Math.PI);
      assertThat(Double.valueOf(p[i])).isEqualTo(Double.valueOf(Math.log((float) PT[i]))); // float widened exactly; NaN equals NaN
    }
  }

  @Test
  void selectionKeepsTheEventsJavaKeeps() {
    Expression cut = Expression.parse("m_jj > 300 && abs(deta_jj) > 2.5 and not (jet1.pt < 0)");
    boolean[] pass = cut.test(TABLE);
    int expected = 0;
    double sumW = 0;
    for (int i = 0; i < N; i++) {
      boolean keep = MJJ[i] > 300 && Math.abs(DETA[i]) > 2.5 && !((float) PT[i] < 0);
      assertThat(pass[i]).as("event %d", i).isEqualTo(keep);
      if (keep) {
        expected++;
        sumW += W[i];
      }
    }
    EventTable sel = cut.select(TABLE);
    assertThat(sel.size()).isEqualTo(expected).isEqualTo(cut.count(TABLE)).isBetween(N / 10, N / 2);
    assertThat(sel.sumWeights()).isEqualTo(sumW);
    assertThat(sel.columnNames()).isEqualTo(TABLE.columnNames());
    assertThat(cut.columns()).containsExactly("m_jj", "deta_jj", "jet1.pt");
  }

  @Test
  void weightIsTheEventWeightUnlessAColumnHasThatName() {
    double[] w = eval("weight < 0 ? -weight : weight");
    for (int i = 0; i < N; i++) {
      assertThat(w[i]).isEqualTo(Math.abs(W[i]));
    }
    EventTable t = EventTable.of("p", new double[] {1, 2}).withDoubleColumn("weight", new double[] {5, 6});
    assertThat(Expression.parse("weight").evaluate(t)).containsExactly(5, 6);
  }

  @Test
  void precedenceAndAssociativity() {
    EventTable one = EventTable.unweighted("p", 1).withDoubleColumn("x", new double[] {3});
    String[][] cases = {
        {"1 + 2 * 3", "7"}, {"(1 + 2) * 3", "9"}, {"-2^2", "-4"}, {"2^3^2", "512"}, {"2**-1", "0.5"},
        {"10 - 4 - 3", "3"}, {"24 / 4 / 3", "2"}, {"-7 % 3", "-1"}, {"7.5 % 2", "1.5"},
        {"1 < 2 == 1", "1"}, {"x > 2 && x < 4 || 0", "1"}, {"0 || 1 && 0", "0"}, {"!x > 5", "1"},
        {"not x == 3", "0"}, {"!!x", "1"}, {"x > 2 ? x * 10 : -1", "30"}, {"x < 2 ? 1 : x < 3 ? 2 : 3", "3"},
        {"1e3 + .5 + 2.5E-1", "1000.75"}, {"- - x", "3"}, {"+x", "3"}, {"x != 3", "0"}, {"x >= 3", "1"},
        {"x <= 2.999", "0"}, {"max(1, x, 2)", "3"}, {"min(5, x)", "3"}, {"`x`", "3"}, {"log(0)", "-Infinity"},
        {"sqrt(-1) ? 1 : 0", "0"}, {"1/0", "Infinity"}};
    for (String[] c : cases) {
      assertThat(Expression.parse(c[0]).evaluate(one)[0]).as(c[0]).isEqualTo(Double.parseDouble(c[1]));
    }
  }

  @Test
  void nanIsFalse() {
    EventTable t = EventTable.unweighted("p", 3).withDoubleColumn("x", new double[] {Double.NaN, 0, -2});
    assertThat(Expression.parse("x").test(t)).containsExactly(false, false, true);
    assertThat(Expression.parse("!x").test(t)).containsExactly(true, true, false);
    assertThat(Expression.parse("x > 0 || x <= 0").test(t)).containsExactly(false, true, true);
  }

  @Test
  void constantsAreFoldedAndColumnsListed() {
    Expression e = Expression.parse("2 * pi");
    assertThat(e.isConstant()).isTrue();
    assertThat(e.evaluate(EventTable.unweighted("p", 3))).containsExactly(2 * Math.PI, 2 * Math.PI, 2 * Math.PI);
    assertThat(Expression.parse("a + b * a - c.d").columns()).containsExactly("a", "b", "c.d");
  }

  @Test
  void derivedColumn() {
    EventTable t = Expression.parse("log(m_jj)").withColumn(TABLE, "log_mjj");
    assertThat(t.value("log_mjj", 5)).isEqualTo(Math.log(MJJ[5]));
  }

  @Test
  void syntaxErrorsNameTheCharacterColumn() {
    assertError("m_jj >> 3", "expression 'm_jj >> 3': unexpected '>' at column 7");
    assertError("m_jj > ", "expression 'm_jj > ': unexpected end of expression at column 8");
    assertError("(m_jj + 1", "expression '(m_jj + 1': expected ')' at column 10 (end of expression)");
    assertError("m_jj = 3", "expression 'm_jj = 3': unexpected '=' (use '==' to compare) at column 6");
    assertError("a & b", "expression 'a & b': unexpected '&' (use '&&' or 'and') at column 3");
    assertError("foo(x)", "expression 'foo(x)': unknown function 'foo' at column 1 (functions: pow, abs, log, log10");
    assertError("pow(x)", "expression 'pow(x)': function 'pow' takes 2 arguments, got 1 at column 1");
    assertError("max(x)", "expression 'max(x)': function 'max' takes at least 2 arguments, got 1 at column 1");
    assertError("1.2.3", "expression '1.2.3': malformed number '1.2.3' at column 1");
    assertError("3x", "expression '3x': malformed number '3x' at column 1");
    assertError("", "expression '': empty expression at column 1");
    assertError("x ? 1", "expression 'x ? 1': expected ':' at column 6 (end of expression)");
    assertError("a b", "expression 'a b': unexpected 'b' at column 3");
    assertError("`x", "expression '`x': unterminated quoted column name at column 1");
    assertError("x and", "expression 'x and': unexpected end of expression at column 6");
  }

  @Test
  void unknownColumnIsNamedWithTheAvailableOnes() {
    Expression e = Expression.parse("m_jj > 300 && dphi_jj < 1");
    assertThatThrownBy(() -> e.evaluate(TABLE)).isInstanceOf(BadInputException.class)
        .hasMessage("expression 'm_jj > 300 && dphi_jj < 1': unknown column 'dphi_jj' at column 15"
            + " (available: [m_jj, deta_jj, jet1.pt])");
    assertThatThrownBy(() -> e.requireColumns(TABLE.columnNames(), "vbf.parquet"))
        .hasMessageContaining("unknown column 'dphi_jj' at column 15 in vbf.parquet (available:");
  }

  private static void assertError(String text, String messageStart) {
    assertThatThrownBy(() -> Expression.parse(text)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(messageStart);
  }
}
