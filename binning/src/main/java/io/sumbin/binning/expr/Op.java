package io.sumbin.binning.expr;

/** Operators and functions of the expression language, with their arity and vectorised kernels. */
enum Op {
  CONST(0, null), COLUMN(0, null),
  NEG(1, null), NOT(1, null),
  ADD(2, null), SUB(2, null), MUL(2, null), DIV(2, null), MOD(2, null), POW(2, "pow"),
  LT(2, null), LE(2, null), GT(2, null), GE(2, null), EQ(2, null), NE(2, null),
  AND(2, null), OR(2, null),
  COND(3, null),
  ABS(1, "abs"), LOG(1, "log"), LOG10(1, "log10"), EXP(1, "exp"), SQRT(1, "sqrt"),
  SIN(1, "sin"), COS(1, "cos"), TAN(1, "tan"), ASIN(1, "asin"), ACOS(1, "acos"), ATAN(1, "atan"),
  SINH(1, "sinh"), COSH(1, "cosh"), TANH(1, "tanh"), FLOOR(1, "floor"), CEIL(1, "ceil"),
  ATAN2(2, "atan2"), HYPOT(2, "hypot"),
  /** min and max take two or more arguments; they compile to chains of the binary kernel. */
  MIN(-2, "min"), MAX(-2, "max");

  /** Number of operands; negative: at least |arity|. */
  final int arity;
  /** Function name, or null for operators. */
  final String function;

  Op(int arity, String function) {
    this.arity = arity;
    this.function = function;
  }

  static Op function(String name) {
    for (Op op : values()) {
      if (name.equals(op.function)) {
        return op;
      }
    }
    return null;
  }

  static String functionNames() {
    StringBuilder sb = new StringBuilder();
    for (Op op : values()) {
      if (op.function != null) {
        sb.append(sb.length() == 0 ? "" : ", ").append(op.function);
      }
    }
    return sb.toString();
  }

  /** Truth value of a number: non-zero and not NaN. */
  static boolean truth(double x) {
    return x == x && x != 0;
  }

  /**
   * Applies this operator to {@code n} values: {@code out[i] = op(a[i], b[i], c[i])}. Arrays {@code b}
   * and {@code c} may be null when unused. {@code out} (written) may alias an operand.
   */
  void apply(double[] out, double[] a, double[] b, double[] c, int n) {
    switch (this) {
      case NEG -> { for (int i = 0; i < n; i++) { out[i] = -a[i]; } }
      case NOT -> { for (int i = 0; i < n; i++) { out[i] = truth(a[i]) ? 0 : 1; } }
      case ADD -> { for (int i = 0; i < n; i++) { out[i] = a[i] + b[i]; } }
      case SUB -> { for (int i = 0; i < n; i++) { out[i] = a[i] - b[i]; } }
      case MUL -> { for (int i = 0; i < n; i++) { out[i] = a[i] * b[i]; } }
      case DIV -> { for (int i = 0; i < n; i++) { out[i] = a[i] / b[i]; } }
      case MOD -> { for (int i = 0; i < n; i++) { out[i] = a[i] % b[i]; } }
      case POW -> { for (int i = 0; i < n; i++) { out[i] = pow(a[i], b[i]); } }
      case LT -> { for (int i = 0; i < n; i++) { out[i] = a[i] < b[i] ? 1 : 0; } }
      case LE -> { for (int i = 0; i < n; i++) { out[i] = a[i] <= b[i] ? 1 : 0; } }
      case GT -> { for (int i = 0; i < n; i++) { out[i] = a[i] > b[i] ? 1 : 0; } }
      case GE -> { for (int i = 0; i < n; i++) { out[i] = a[i] >= b[i] ? 1 : 0; } }
      case EQ -> { for (int i = 0; i < n; i++) { out[i] = a[i] == b[i] ? 1 : 0; } }
      case NE -> { for (int i = 0; i < n; i++) { out[i] = a[i] != b[i] ? 1 : 0; } }
      case AND -> { for (int i = 0; i < n; i++) { out[i] = truth(a[i]) && truth(b[i]) ? 1 : 0; } }
      case OR -> { for (int i = 0; i < n; i++) { out[i] = truth(a[i]) || truth(b[i]) ? 1 : 0; } }
      case COND -> { for (int i = 0; i < n; i++) { out[i] = truth(a[i]) ? b[i] : c[i]; } }
      case ABS -> { for (int i = 0; i < n; i++) { out[i] = Math.abs(a[i]); } }
      case LOG -> { for (int i = 0; i < n; i++) { out[i] = Math.log(a[i]); } }
      case LOG10 -> { for (int i = 0; i < n; i++) { out[i] = Math.log10(a[i]); } }
      case EXP -> { for (int i = 0; i < n; i++) { out[i] = Math.exp(a[i]); } }
      case SQRT -> { for (int i = 0; i < n; i++) { out[i] = Math.sqrt(a[i]); } }
      case SIN -> { for (int i = 0; i < n; i++) { out[i] = Math.sin(a[i]); } }
      case COS -> { for (int i = 0; i < n; i++) { out[i] = Math.cos(a[i]); } }
      case TAN -> { for (int i = 0; i < n; i++) { out[i] = Math.tan(a[i]); } }
      case ASIN -> { for (int i = 0; i < n; i++) { out[i] = Math.asin(a[i]); } }
      case ACOS -> { for (int i = 0; i < n; i++) { out[i] = Math.acos(a[i]); } }
      case ATAN -> { for (int i = 0; i < n; i++) { out[i] = Math.atan(a[i]); } }
      case SINH -> { for (int i = 0; i < n; i++) { out[i] = Math.sinh(a[i]); } }
      case COSH -> { for (int i = 0; i < n; i++) { out[i] = Math.cosh(a[i]); } }
      case TANH -> { for (int i = 0; i < n; i++) { out[i] = Math.tanh(a[i]); } }
      case FLOOR -> { for (int i = 0; i < n; i++) { out[i] = Math.floor(a[i]); } }
      case CEIL -> { for (int i = 0; i < n; i++) { out[i] = Math.ceil(a[i]); } }
      case ATAN2 -> { for (int i = 0; i < n; i++) { out[i] = Math.atan2(a[i], b[i]); } }
      case HYPOT -> { for (int i = 0; i < n; i++) { out[i] = Math.hypot(a[i], b[i]); } }
      case MIN -> { for (int i = 0; i < n; i++) { out[i] = Math.min(a[i], b[i]); } }
      case MAX -> { for (int i = 0; i < n; i++) { out[i] = Math.max(a[i], b[i]); } }
      default -> throw new IllegalStateException("no kernel for " + this);
    }
  }

  /** x^y ({@link Math#pow}), with the exact fast path x·x for y = 2. */
  private static double pow(double x, double y) {
    if (y == 2) {
      return x * x;
    }
    if (y == 1) {
      return x;
    }
    return Math.pow(x, y);
  }
}
