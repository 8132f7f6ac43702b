package io.assay.schemas.contract.expr;

import io.assay.schemas.contract.expr.Ast.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Resolves names against the contract's declared fields and checks types, turning the parsed rule
 * into {@link Nodes}. Every problem is an {@link ExpressionException} at the column it concerns.
 */
final class Compiler {
  /** A forall/exists variable: which slot holds its element, what path it stands for, the element's schema. */
  private record Variable(String name, int slot, String path, Schema elementSchema) {}

  private record Typed(Nodes.Value node, ValueType type) {}

  private final Schema rootSchema;
  private final Function<String, ValueType> declaredType;
  private final List<Variable> scope = new ArrayList<>();
  private int slots;

  Compiler(Schema rootSchema, Function<String, ValueType> declaredType) {
    this.rootSchema = rootSchema;
    this.declaredType = declaredType;
  }

  /** The number of element slots evaluation needs (the deepest nesting of forall/exists). */
  int slots() {
    return slots;
  }

  Nodes.Cond condition(Expr expr) {
    if (expr instanceof Ast.Logical logical) {
      return new Nodes.Logical(logical.and(), condition(logical.left()), condition(logical.right()));
    }
    if (expr instanceof Ast.Not not) {
      return new Nodes.Not(condition(not.operand()));
    }
    if (expr instanceof Ast.Compare compare) {
      return compare(compare);
    }
    if (expr instanceof Ast.IsNull isNull) {
      return new Nodes.IsNull(value(isNull.operand(), true).node(), isNull.negated());
    }
    if (expr instanceof Ast.In in) {
      return in(in);
    }
    if (expr instanceof Ast.Between between) {
      Ast.Compare low = new Ast.Compare(Ast.CompareOp.GE, between.operand(), between.low(), between.column());
      Ast.Compare high = new Ast.Compare(Ast.CompareOp.LE, between.operand(), between.high(), between.column());
      Nodes.Cond both = new Nodes.Logical(true, compare(low), compare(high));
      return between.negated() ? new Nodes.Not(both) : both;
    }
    if (expr instanceof Ast.Quantifier quantifier) {
      return quantifier(quantifier);
    }
    Typed typed = value(expr, false);
    if (typed.type() != ValueType.BOOLEAN) {
      throw new ExpressionException(describe(expr) + " is " + article(typed.type()) + ", not a condition: compare it, e.g. with = or IS NULL", expr.column());
    }
    return new Nodes.BooleanValue(typed.node());
  }

  private Nodes.Cond compare(Ast.Compare compare) {
    Ast.CompareOp op = compare.op();
    if (compare.left() instanceof Ast.Literal && !(compare.right() instanceof Ast.Literal)) {
      return compare(new Ast.Compare(flip(op), compare.right(), compare.left(), compare.column()));
    }
    Typed left = value(compare.left(), false);
    if (compare.right() instanceof Ast.Literal literal) {
      checkComparable(left.type(), literalType(literal), op, compare.column());
      if (left.type() == ValueType.STRING) {
        return new Nodes.StringIn(left.node(), List.of((String) literal.value()), op == Ast.CompareOp.NE);
      }
      return new Nodes.Compare(op, comparison(left.type()), left.node(), new Nodes.Constant(number(literal, left.type())));
    }
    Typed right = value(compare.right(), false);
    checkComparable(left.type(), right.type(), op, compare.column());
    return new Nodes.Compare(op, comparison(left.type()), left.node(), right.node());
  }

  private Nodes.Cond in(Ast.In in) {
    Typed operand = value(in.operand(), false);
    List<Object> values = new ArrayList<>();
    for (Ast.Literal literal : in.values()) {
      checkComparable(operand.type(), literalType(literal), Ast.CompareOp.EQ, literal.column());
      values.add(number(literal, operand.type()));
    }
    if (operand.type() == ValueType.STRING) {
      return new Nodes.StringIn(operand.node(), values.stream().map(String.class::cast).toList(), in.negated());
    }
    return new Nodes.ValueIn(operand.node(), values, operand.type().isNumeric(), in.negated());
  }

  private Nodes.Cond quantifier(Ast.Quantifier quantifier) {
    String function = quantifier.all() ? "forall" : "exists";
    Resolved array = resolve(quantifier.array());
    if (array.type() != ValueType.ARRAY) {
      throw new ExpressionException(function + " needs an array; '" + quantifier.array().text() + "' is " + article(array.type()), quantifier.array().column());
    }
    Schema element = nonNull(array.schema().getElementType());
    if (element.getType() != Schema.Type.RECORD) {
      throw new ExpressionException(function + " ranges over arrays of records; '" + quantifier.array().text()
          + "' holds " + element.getType().getName() + " values", quantifier.array().column());
    }
    int slot = scope.size();
    slots = Math.max(slots, slot + 1);
    scope.add(new Variable(quantifier.variable(), slot, array.path() + "[]", element));
    try {
      return new Nodes.Quantifier(quantifier.all(), array.field(), slot, condition(quantifier.body()));
    } finally {
      scope.remove(scope.size() - 1);
    }
  }

  private Typed value(Expr expr, boolean wholeValuesAllowed) {
    if (expr instanceof Ast.Literal literal) {
      return new Typed(new Nodes.Constant(number(literal, literalType(literal))), literalType(literal));
    }
    if (expr instanceof Ast.Ref ref) {
      Resolved resolved = resolve(ref);
      if (!wholeValuesAllowed && (resolved.type() == ValueType.ARRAY || resolved.type() == ValueType.RECORD)) {
        throw new ExpressionException("'" + ref.text() + "' is " + article(resolved.type()) + ": name one of its fields"
            + (resolved.type() == ValueType.ARRAY ? " inside forall(" + ref.text() + ", x -> ...) or exists(...)" : "")
            + ", or test it with IS [NOT] NULL", ref.column());
      }
      return new Typed(resolved.field(), resolved.type());
    }
    if (expr instanceof Ast.Negate negate) {
      Typed operand = value(negate.operand(), false);
      requireNumber(operand.type(), "-", negate.column());
      return new Typed(new Nodes.Negate(operand.node()), operand.type());
    }
    if (expr instanceof Ast.Arithmetic arithmetic) {
      Typed left = value(arithmetic.left(), false);
      Typed right = value(arithmetic.right(), false);
      String symbol = switch (arithmetic.op()) {
        case PLUS -> "+";
        case MINUS -> "-";
        case TIMES -> "*";
      };
      requireNumber(left.type(), symbol, arithmetic.column());
      requireNumber(right.type(), symbol, arithmetic.column());
      return new Typed(new Nodes.Arithmetic(arithmetic.op(), left.node(), right.node()), widest(left.type(), right.type()));
    }
    throw new ExpressionException("a condition cannot be used as a value here", expr.column());
  }

  private record Resolved(Nodes.Field field, ValueType type, String path, Schema schema) {}

  /** A name is a forall/exists variable (innermost first) followed by fields, or a declared field path. */
  private Resolved resolve(Ast.Ref ref) {
    List<String> names = ref.names();
    Variable variable = null;
    for (int i = scope.size() - 1; i >= 0 && variable == null; i--) {
      if (scope.get(i).name().equals(names.get(0))) {
        variable = scope.get(i);
      }
    }
    List<String> fieldNames = variable == null ? names : names.subList(1, names.size());
    String prefix = variable == null ? "" : variable.path();
    Schema current = variable == null ? rootSchema : variable.elementSchema();
    List<Nodes.Step> steps = new ArrayList<>();
    String path = prefix;
    for (String name : fieldNames) {
      String next = path.isEmpty() ? name : path + "." + name;
      if (current.getType() != Schema.Type.RECORD || current.getField(name) == null) {
        throw new ExpressionException(unknown(ref, name, path, current), ref.column());
      }
      steps.add(new Nodes.Step(name, current, current.getField(name).pos()));
      current = nonNull(current.getField(name).schema());
      path = next;
    }
    Nodes.Field field = new Nodes.Field(variable == null ? -1 : variable.slot(), steps);
    if (fieldNames.isEmpty()) {
      return new Resolved(field, ValueType.RECORD, path, current);
    }
    ValueType type = declaredType.apply(path);
    if (type == null && current.getType() == Schema.Type.RECORD) {
      type = ValueType.RECORD; // only IS [NOT] NULL reads a record itself, so it needs no declaration
    }
    if (type == null) {
      throw new ExpressionException("field '" + path + "' is in the schema but the contract does not declare it: "
          + "add it under fields: with its type, so its values are checked before the rule reads them", ref.column());
    }
    return new Resolved(field, type, path, current);
  }

  private String unknown(Ast.Ref ref, String name, String path, Schema current) {
    String where = path.isEmpty() ? "" : " in '" + path + "'";
    if (current.getType() == Schema.Type.ARRAY) {
      return "'" + path + "' is an array: judge its elements with forall(" + ref.names().get(0) + ", x -> x." + name + " ...)";
    }
    if (current.getType() != Schema.Type.RECORD) {
      return "'" + path + "' is a " + current.getType().getName() + " and has no field '" + name + "'";
    }
    List<String> known = current.getFields().stream().map(Schema.Field::name).toList();
    return "unknown field '" + name + "'" + where + " (fields: " + String.join(", ", known) + ")";
  }

  private static void checkComparable(ValueType left, ValueType right, Ast.CompareOp op, int column) {
    boolean sameKind = left == right || (left.isNumeric() && right.isNumeric());
    if (!sameKind) {
      throw new ExpressionException("cannot compare " + article(left) + " with " + article(right), column);
    }
    if (op.isOrdering() && !left.isNumeric()) {
      throw new ExpressionException(op.symbol + " orders numbers only; " + left + " values compare with =, <> and IN", column);
    }
  }

  private static void requireNumber(ValueType type, String operator, int column) {
    if (!type.isNumeric()) {
      throw new ExpressionException("'" + operator + "' needs numbers, not " + article(type), column);
    }
  }

  private static Nodes.Comparison comparison(ValueType type) {
    return switch (type) {
      case STRING -> Nodes.Comparison.STRINGS;
      case BOOLEAN -> Nodes.Comparison.BOOLEANS;
      default -> Nodes.Comparison.NUMBERS;
    };
  }

  private static ValueType literalType(Ast.Literal literal) {
    if (literal.value() instanceof String) {
      return ValueType.STRING;
    }
    if (literal.value() instanceof Boolean) {
      return ValueType.BOOLEAN;
    }
    return ((BigDecimal) literal.value()).scale() > 0 ? ValueType.DECIMAL : ValueType.INTEGRAL;
  }

  /**
   * A literal in the representation its counterpart uses, so comparing it allocates nothing: a long
   * next to integers, a BigDecimal next to decimals, a double next to doubles.
   */
  private static Object number(Ast.Literal literal, ValueType counterpart) {
    if (!(literal.value() instanceof BigDecimal decimal)) {
      return literal.value();
    }
    if (counterpart == ValueType.DOUBLE) {
      return decimal.doubleValue();
    }
    if (counterpart == ValueType.INTEGRAL && decimal.scale() <= 0) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException tooBig) {
        return decimal;
      }
    }
    return decimal;
  }

  private static ValueType widest(ValueType a, ValueType b) {
    if (a == ValueType.DOUBLE || b == ValueType.DOUBLE) {
      return ValueType.DOUBLE;
    }
    return a == ValueType.DECIMAL || b == ValueType.DECIMAL ? ValueType.DECIMAL : ValueType.INTEGRAL;
  }

  private static Ast.CompareOp flip(Ast.CompareOp op) {
    return switch (op) {
      case LT -> Ast.CompareOp.GT;
      case LE -> Ast.CompareOp.GE;
      case GT -> Ast.CompareOp.LT;
      case GE -> Ast.CompareOp.LE;
      default -> op;
    };
  }

  private static String describe(Expr expr) {
    return expr instanceof Ast.Ref ref ? "'" + ref.text() + "'" : "this expression";
  }

  private static String article(ValueType type) {
    String name = type.toString();
    return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    return branches.size() == 1 ? branches.get(0) : schema;
  }
}
