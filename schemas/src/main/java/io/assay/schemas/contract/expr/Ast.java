package io.assay.schemas.contract.expr;

import java.math.BigDecimal;
import java.util.List;

/** The parsed shape of a rule expression, before names and types are checked. */
final class Ast {
  private Ast() {}

  sealed interface Expr permits Literal, Ref, Not, Negate, Logical, Compare, Arithmetic, IsNull, In, Between, Quantifier {
    int column();
  }

  /** A number (exact), a string or a boolean. */
  record Literal(Object value, int column) implements Expr {
    boolean isNumber() {
      return value instanceof BigDecimal;
    }
  }

  /** A dotted name: a field ({@code shipping_address.city}) or a lambda variable and its fields ({@code i.quantity}). */
  record Ref(List<String> names, int column) implements Expr {
    String text() {
      return String.join(".", names);
    }
  }

  record Not(Expr operand, int column) implements Expr {}

  record Negate(Expr operand, int column) implements Expr {}

  record Logical(boolean and, Expr left, Expr right, int column) implements Expr {}

  enum CompareOp {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");
    final String symbol;

    CompareOp(String symbol) {
      this.symbol = symbol;
    }

    boolean isOrdering() {
      return this != EQ && this != NE;
    }

    /** Whether a comparison result (negative, zero, positive) satisfies this operator. */
    boolean accepts(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }
  }

  record Compare(CompareOp op, Expr left, Expr right, int column) implements Expr {}

  enum ArithmeticOp { PLUS, MINUS, TIMES }

  record Arithmetic(ArithmeticOp op, Expr left, Expr right, int column) implements Expr {}

  record IsNull(Expr operand, boolean negated, int column) implements Expr {}

  record In(Expr operand, List<Literal> values, boolean negated, int column) implements Expr {}

  record Between(Expr operand, Expr low, Expr high, boolean negated, int column) implements Expr {}

  /** {@code forall(array, x -> predicate)} or {@code exists(...)}: Spark SQL's higher-order functions. */
  record Quantifier(boolean all, Ref array, String variable, Expr body, int column) implements Expr {}
}
