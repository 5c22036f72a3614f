package io.sumbin.binning.expr;

import java.util.List;

/** The parse tree: {@code column} is the 1-based character position in the expression text. */
sealed interface Node {
  int column();

  record Num(double value, int column) implements Node {}

  record Col(String name, int column) implements Node {}

  record Apply(Op op, List<Node> args, int column) implements Node {}
}
