package io.assay.schemas.contract.expr;

import io.assay.schemas.contract.expr.Ast.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for rule expressions, with Spark SQL's precedence:
 * OR, AND, NOT, then comparison / IS NULL / IN / BETWEEN, then + -, then *, then unary minus.
 */
final class Parser {
  private static final Set<String> KEYWORDS =
      Set.of("AND", "OR", "NOT", "IS", "NULL", "IN", "BETWEEN", "TRUE", "FALSE");
  private final List<Token> tokens;
  private int pos;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Expr parse(String text) {
    Parser parser = new Parser(Lexer.tokens(text));
    if (parser.peek().kind() == Token.Kind.END) {
      throw new ExpressionException("the predicate is empty", 1);
    }
    Expr expr = parser.or();
    if (parser.peek().kind() != Token.Kind.END) {
      throw parser.unexpected("an operator such as AND, OR or =");
    }
    return expr;
  }

  private Expr or() {
    Expr left = and();
    while (peek().is("OR")) {
      int column = next().column();
      left = new Ast.Logical(false, left, and(), column);
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (peek().is("AND")) {
      int column = next().column();
      left = new Ast.Logical(true, left, not(), column);
    }
    return left;
  }

  private Expr not() {
    if (peek().is("NOT")) {
      int column = next().column();
      return new Ast.Not(not(), column);
    }
    return predicate();
  }

  private Expr predicate() {
    Expr left = additive();
    Token t = peek();
    Ast.CompareOp op = switch (t.kind()) {
      case EQ -> Ast.CompareOp.EQ;
      case NE -> Ast.CompareOp.NE;
      case LT -> Ast.CompareOp.LT;
      case LE -> Ast.CompareOp.LE;
      case GT -> Ast.CompareOp.GT;
      case GE -> Ast.CompareOp.GE;
      default -> null;
    };
    if (op != null) {
      next();
      return new Ast.Compare(op, left, additive(), t.column());
    }
    if (t.is("IS")) {
      next();
      boolean negated = accept("NOT");
      expectKeyword("NULL", "IS [NOT] NULL");
      return new Ast.IsNull(left, negated, t.column());
    }
    boolean negated = false;
    if (t.is("NOT")) {
      next();
      negated = true;
      if (!peek().is("IN") && !peek().is("BETWEEN")) {
        throw unexpected("IN or BETWEEN after NOT");
      }
    }
    if (accept("IN")) {
      expect(Token.Kind.LPAREN, "'(' to open the IN list");
      List<Ast.Literal> values = new ArrayList<>();
      do {
        values.add(literalInList());
      } while (acceptKind(Token.Kind.COMMA));
      expect(Token.Kind.RPAREN, "',' or ')' in the IN list");
      return new Ast.In(left, values, negated, t.column());
    }
    if (accept("BETWEEN")) {
      Expr low = additive();
      expectKeyword("AND", "BETWEEN low AND high");
      return new Ast.Between(left, low, additive(), negated, t.column());
    }
    return left;
  }

  private Ast.Literal literalInList() {
    boolean minus = acceptKind(Token.Kind.MINUS);
    Expr value = primary();
    if (!(value instanceof Ast.Literal literal) || (minus && !literal.isNumber())) {
      throw new ExpressionException("an IN list holds literal values only", value.column());
    }
    return minus ? new Ast.Literal(((BigDecimal) literal.value()).negate(), literal.column()) : literal;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (peek().kind() == Token.Kind.PLUS || peek().kind() == Token.Kind.MINUS) {
      Token op = next();
      Ast.ArithmeticOp kind = op.kind() == Token.Kind.PLUS ? Ast.ArithmeticOp.PLUS : Ast.ArithmeticOp.MINUS;
      left = new Ast.Arithmetic(kind, left, multiplicative(), op.column());
    }
    return left;
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (peek().kind() == Token.Kind.STAR) {
      int column = next().column();
      left = new Ast.Arithmetic(Ast.ArithmeticOp.TIMES, left, unary(), column);
    }
    return left;
  }

  private Expr unary() {
    if (peek().kind() == Token.Kind.MINUS) {
      int column = next().column();
      Expr operand = unary();
      if (operand instanceof Ast.Literal literal && literal.isNumber()) {
        return new Ast.Literal(((BigDecimal) literal.value()).negate(), column);
      }
      return new Ast.Negate(operand, column);
    }
    return primary();
  }

  private Expr primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        return new Ast.Literal(new BigDecimal(t.text()), t.column());
      case STRING:
        return new Ast.Literal(t.text(), t.column());
      case LPAREN: {
        Expr inner = or();
        expect(Token.Kind.RPAREN, "')'");
        return inner;
      }
      case WORD:
        break;
      default:
        pos--;
        throw unexpected("a field, a literal or '('");
    }
    if (t.is("TRUE") || t.is("FALSE")) {
      return new Ast.Literal(t.is("TRUE"), t.column());
    }
    if (t.is("NULL")) {
      throw new ExpressionException("NULL is only written in IS NULL / IS NOT NULL (a comparison with NULL is never true)", t.column());
    }
    if (KEYWORDS.contains(t.upper())) {
      pos--;
      throw unexpected("a field, a literal or '('");
    }
    if (peek().kind() == Token.Kind.LPAREN) {
      return call(t);
    }
    List<String> names = new ArrayList<>(List.of(t.text()));
    while (acceptKind(Token.Kind.DOT)) {
      names.add(name("a field name after '.'"));
    }
    return new Ast.Ref(List.copyOf(names), t.column());
  }

  private Expr call(Token function) {
    boolean all = function.text().equalsIgnoreCase("forall");
    if (!all && !function.text().equalsIgnoreCase("exists")) {
      throw new ExpressionException("unknown function '" + function.text() + "': rules know forall(array, x -> ...) and exists(array, x -> ...)", function.column());
    }
    next();
    Expr array = primary();
    if (!(array instanceof Ast.Ref ref)) {
      throw new ExpressionException(function.text() + " takes an array field first", array.column());
    }
    expect(Token.Kind.COMMA, "',' after the array");
    Token variable = peek();
    String name = name("a variable name for the element, as in " + function.text() + "(items, i -> ...)");
    if (KEYWORDS.contains(name.toUpperCase(java.util.Locale.ROOT))) {
      throw new ExpressionException("'" + name + "' is a keyword, not a variable name", variable.column());
    }
    expect(Token.Kind.ARROW, "'->' after the variable");
    Expr body = or();
    expect(Token.Kind.RPAREN, "')' to close " + function.text());
    return new Ast.Quantifier(all, ref, name, body, function.column());
  }

  private String name(String expected) {
    Token t = peek();
    if (t.kind() != Token.Kind.WORD) {
      throw unexpected(expected);
    }
    return next().text();
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    return tokens.get(pos++);
  }

  private boolean accept(String keyword) {
    if (peek().is(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean acceptKind(Token.Kind kind) {
    if (peek().kind() == kind) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(Token.Kind kind, String expected) {
    if (!acceptKind(kind)) {
      throw unexpected(expected);
    }
  }

  private void expectKeyword(String keyword, String form) {
    if (!accept(keyword)) {
      throw unexpected(keyword + " (" + form + ")");
    }
  }

  private ExpressionException unexpected(String expected) {
    Token t = peek();
    return new ExpressionException("expected " + expected + " but found " + t.shown(), t.column());
  }
}
