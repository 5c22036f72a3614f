package io.sumbin.binning.expr;

import io.sumbin.histmodel.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser. Precedence, lowest first: {@code ?:} (right-associative), {@code || or},
 * {@code && and}, {@code ! not}, {@code == !=}, {@code < <= > >=}, {@code + -}, {@code * / %}, unary
 * {@code - +}, {@code ^ **} (right-associative, so {@code -2^2 = -4} and {@code 2^-1 = 0.5}).
 */
final class Parser {
  private final String text;
  private int pos; // 0-based index of the next character
  private Token tok;

  private record Token(Kind kind, String text, double number, int column) {}

  private enum Kind { NUMBER, NAME, OP, END }

  Parser(String text) {
    this.text = text;
    advance();
  }

  Node parseAll() {
    if (tok.kind == Kind.END) {
      throw error("empty expression", tok.column);
    }
    Node n = ternary();
    if (tok.kind != Kind.END) {
      throw unexpected();
    }
    return n;
  }

  private Node ternary() {
    Node c = or();
    if (isOp("?")) {
      int col = tok.column;
      advance();
      Node a = ternary();
      expectOp(":");
      Node b = ternary();
      return new Node.Apply(Op.COND, List.of(c, a, b), col);
    }
    return c;
  }

  private Node or() {
    Node a = and();
    while (isOp("||") || isWord("or")) {
      int col = tok.column;
      advance();
      a = new Node.Apply(Op.OR, List.of(a, and()), col);
    }
    return a;
  }

  private Node and() {
    Node a = not();
    while (isOp("&&") || isWord("and")) {
      int col = tok.column;
      advance();
      a = new Node.Apply(Op.AND, List.of(a, not()), col);
    }
    return a;
  }

  private Node not() {
    if (isOp("!") || isWord("not")) {
      int col = tok.column;
      advance();
      return new Node.Apply(Op.NOT, List.of(not()), col);
    }
    return equality();
  }

  private Node equality() {
    Node a = comparison();
    while (isOp("==") || isOp("!=")) {
      Op op = tok.text.equals("==") ? Op.EQ : Op.NE;
      int col = tok.column;
      advance();
      a = new Node.Apply(op, List.of(a, comparison()), col);
    }
    return a;
  }

  private Node comparison() {
    Node a = additive();
    while (isOp("<") || isOp("<=") || isOp(">") || isOp(">=")) {
      Op op = switch (tok.text) {
        case "<" -> Op.LT;
        case "<=" -> Op.LE;
        case ">" -> Op.GT;
        default -> Op.GE;
      };
      int col = tok.column;
      advance();
      a = new Node.Apply(op, List.of(a, additive()), col);
    }
    return a;
  }

  private Node additive() {
    Node a = multiplicative();
    while (isOp("+") || isOp("-")) {
      Op op = tok.text.equals("+") ? Op.ADD : Op.SUB;
      int col = tok.column;
      advance();
      a = new Node.Apply(op, List.of(a, multiplicative()), col);
    }
    return a;
  }

  private Node multiplicative() {
    Node a = unary();
    while (isOp("*") || isOp("/") || isOp("%")) {
      Op op = switch (tok.text) {
        case "*" -> Op.MUL;
        case "/" -> Op.DIV;
        default -> Op.MOD;
      };
      int col = tok.column;
      advance();
      a = new Node.Apply(op, List.of(a, unary()), col);
    }
    return a;
  }

  private Node unary() {
    if (isOp("-")) {
      int col = tok.column;
      advance();
      return new Node.Apply(Op.NEG, List.of(unary()), col);
    }
    if (isOp("+")) {
      advance();
      return unary();
    }
    return power();
  }

  private Node power() {
    Node base = primary();
    if (isOp("^") || isOp("**")) {
      int col = tok.column;
      advance();
      return new Node.Apply(Op.POW, List.of(base, unary()), col);
    }
    return base;
  }

  private Node primary() {
    Token t = tok;
    switch (t.kind) {
      case NUMBER -> {
        advance();
        return new Node.Num(t.number, t.column);
      }
      case NAME -> {
        if (isWord("and") || isWord("or") || isWord("not")) {
          throw unexpected();
        }
        advance();
        if (isOp("(")) {
          return call(t);
        }
        if (t.text.equals("pi")) {
          return new Node.Num(Math.PI, t.column);
        }
        return new Node.Col(t.text, t.column);
      }
      case OP -> {
        if (t.text.equals("(")) {
          advance();
          Node n = ternary();
          expectOp(")");
          return n;
        }
        throw unexpected();
      }
      default -> throw unexpected();
    }
  }

  private Node call(Token name) {
    Op op = Op.function(name.text);
    if (op == null) {
      throw error("unknown function '" + name.text + "' at column " + name.column + " (functions: "
          + Op.functionNames() + ")", -1);
    }
    advance(); // (
    List<Node> args = new ArrayList<>();
    if (!isOp(")")) {
      args.add(ternary());
      while (isOp(",")) {
        advance();
        args.add(ternary());
      }
    }
    expectOp(")");
    boolean ok = op.arity >= 0 ? args.size() == op.arity : args.size() >= -op.arity;
    if (!ok) {
      String want = op.arity >= 0 ? String.valueOf(op.arity) : "at least " + (-op.arity);
      throw error("function '" + name.text + "' takes " + want + " argument" + (op.arity == 1 ? "" : "s")
          + ", got " + args.size() + " at column " + name.column, -1);
    }
    return new Node.Apply(op, List.copyOf(args), name.column);
  }

  private boolean isOp(String s) {
    return tok.kind == Kind.OP && tok.text.equals(s);
  }

  private boolean isWord(String s) {
    return tok.kind == Kind.NAME && tok.text.equals(s);
  }

  private void expectOp(String s) {
    if (!isOp(s)) {
      if (tok.kind == Kind.END) {
        throw error("expected '" + s + "' at column " + tok.column + " (end of expression)", -1);
      }
      throw error("expected '" + s + "', found '" + tok.text + "' at column " + tok.column, -1);
    }
    advance();
  }

  private BadInputException unexpected() {
    if (tok.kind == Kind.END) {
      return error("unexpected end of expression at column " + tok.column, -1);
    }
    return error("unexpected '" + tok.text + "' at column " + tok.column, -1);
  }

  /** An error; {@code column >= 0} appends " at column N". */
  private BadInputException error(String what, int column) {
    return new BadInputException(Expression.quote(text) + ": " + what + (column >= 0 ? " at column " + column : ""));
  }

  // ---------------------------------------------------------------- lexer

  private void advance() {
    int n = text.length();
    while (pos < n && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    int col = start + 1;
    if (pos >= n) {
      tok = new Token(Kind.END, "", 0, col);
      return;
    }
    char ch = text.charAt(pos);
    if (Character.isDigit(ch) || (ch == '.' && pos + 1 < n && Character.isDigit(text.charAt(pos + 1)))) {
      while (pos < n && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      if (pos < n && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
        int save = pos;
        pos++;
        if (pos < n && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
          pos++;
        }
        if (pos < n && Character.isDigit(text.charAt(pos))) {
          while (pos < n && Character.isDigit(text.charAt(pos))) {
            pos++;
          }
        } else {
          pos = save;
        }
      }
      String s = text.substring(start, pos);
      if (pos < n && isNameStart(text.charAt(pos))) {
        throw error("malformed number '" + s + text.charAt(pos) + "'", col);
      }
      try {
        tok = new Token(Kind.NUMBER, s, Double.parseDouble(s), col);
      } catch (NumberFormatException e) {
        throw error("malformed number '" + s + "'", col);
      }
      return;
    }
    if (isNameStart(ch)) {
      while (pos < n && (isNameStart(text.charAt(pos)) || Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      tok = new Token(Kind.NAME, text.substring(start, pos), 0, col);
      return;
    }
    if (ch == '`') {
      int end = text.indexOf('`', pos + 1);
      if (end < 0 || end == pos + 1) {
        throw error(end < 0 ? "unterminated quoted column name" : "empty quoted column name", col);
      }
      pos = end + 1;
      tok = new Token(Kind.NAME, text.substring(start + 1, end), 0, col);
      return;
    }
    String two = pos + 1 < n ? text.substring(pos, pos + 2) : "";
    switch (two) {
      case "<=", ">=", "==", "!=", "&&", "||", "**" -> {
        pos += 2;
        tok = new Token(Kind.OP, two, 0, col);
        return;
      }
      default -> { }
    }
    if ("+-*/%^<>!()?:,".indexOf(ch) >= 0) {
      pos++;
      tok = new Token(Kind.OP, String.valueOf(ch), 0, col);
      return;
    }
    String hint = switch (ch) {
      case '=' -> " (use '==' to compare)";
      case '&' -> " (use '&&' or 'and')";
      case '|' -> " (use '||' or 'or')";
      default -> "";
    };
    throw error("unexpected '" + ch + "'" + hint, col);
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }
}
