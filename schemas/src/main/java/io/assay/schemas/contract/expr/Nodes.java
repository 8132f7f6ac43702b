package io.assay.schemas.contract.expr;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The compiled form of a rule: a tree of small evaluators built once at load. {@code vars} holds the
 * current element of each enclosing forall/exists by nesting depth; {@code varPaths} names it (e.g.
 * {@code items[2]}) and is only filled when explaining a violation.
 */
final class Nodes {
  private Nodes() {}

  /** Something whose field reads can be reported, path by path, when a rule is broken. */
  abstract static class Node {
    abstract void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out);
  }

  abstract static class Value extends Node {
    /** The value, or null for SQL NULL. */
    abstract Object get(GenericRecord root, Object[] vars);
  }

  abstract static class Cond extends Node {
    /** {@link Truth#TRUE}, {@link Truth#FALSE} or {@link Truth#UNKNOWN}. */
    abstract int test(GenericRecord root, Object[] vars);
  }

  /** A condition on one value: reports that value's fields. */
  abstract static class OnValue extends Cond {
    final Value operand;

    OnValue(Value operand) {
      this.operand = operand;
    }

    @Override
    final void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {
      operand.observe(root, vars, varPaths, out);
    }
  }

  /** One step of a field path: by position when the record has the schema it was compiled against, else by name. */
  record Step(String name, Schema recordSchema, int position) {
    Object read(Object current) {
      if (!(current instanceof GenericRecord record)) {
        return null;
      }
      if (record.getSchema() == recordSchema) {
        return record.get(position);
      }
      Schema.Field field = record.getSchema().getField(name);
      return field == null ? null : record.get(field.pos());
    }
  }

  /** A field of the record ({@code slot < 0}) or of a forall/exists element. */
  static final class Field extends Value {
    private final int slot;
    private final Step[] steps;
    private final String relativePath;

    Field(int slot, List<Step> steps) {
      this.slot = slot;
      this.steps = steps.toArray(Step[]::new);
      this.relativePath = String.join(".", steps.stream().map(Step::name).toList());
    }

    @Override
    Object get(GenericRecord root, Object[] vars) {
      Object current = slot < 0 ? root : vars[slot];
      for (Step step : steps) {
        current = step.read(current);
      }
      return current;
    }

    String path(String[] varPaths) {
      if (slot < 0) {
        return relativePath;
      }
      return relativePath.isEmpty() ? varPaths[slot] : varPaths[slot] + "." + relativePath;
    }

    @Override
    void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {
      out.putIfAbsent(path(varPaths), get(root, vars));
    }
  }

  static final class Constant extends Value {
    private final Object value;

    Constant(Object value) {
      this.value = value;
    }

    @Override
    Object get(GenericRecord root, Object[] vars) {
      return value;
    }

    @Override
    void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {}
  }

  static final class Negate extends Value {
    private final Value operand;

    Negate(Value operand) {
      this.operand = operand;
    }

    @Override
    Object get(GenericRecord root, Object[] vars) {
      Object v = operand.get(root, vars);
      return v == null ? null : SqlValues.negate(v);
    }

    @Override
    void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {
      operand.observe(root, vars, varPaths, out);
    }
  }

  static final class Arithmetic extends Value {
    private final Ast.ArithmeticOp op;
    private final Value left;
    private final Value right;

    Arithmetic(Ast.ArithmeticOp op, Value left, Value right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    Object get(GenericRecord root, Object[] vars) {
      Object a = left.get(root, vars);
      if (a == null) {
        return null;
      }
      Object b = right.get(root, vars);
      return b == null ? null : SqlValues.arithmetic(op, a, b);
    }

    @Override
    void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {
      left.observe(root, vars, varPaths, out);
      right.observe(root, vars, varPaths, out);
    }
  }

  /** How two non-null values of one type compare: numbers by value, strings and booleans by equality only. */
  enum Comparison { NUMBERS, STRINGS, BOOLEANS }

  static final class Compare extends Cond {
    private final Ast.CompareOp op;
    private final Comparison kind;
    private final Value left;
    private final Value right;

    Compare(Ast.CompareOp op, Comparison kind, Value left, Value right) {
      this.op = op;
      this.kind = kind;
      this.left = left;
      this.right = right;
    }

    @Override
    int test(GenericRecord root, Object[] vars) {
      Object a = left.get(root, vars);
      if (a == null) {
        return Truth.UNKNOWN;
      }
      Object b = right.get(root, vars);
      if (b == null) {
        return Truth.UNKNOWN;
      }
      return Truth.of(switch (kind) {
        case NUMBERS -> op.accepts(SqlValues.compareNumbers(a, b));
        case STRINGS -> SqlValues.stringEquals(a, b) == (op == Ast.CompareOp.EQ);
        case BOOLEANS -> a.equals(b) == (op == Ast.CompareOp.EQ);
      });
    }

    @Override
    void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {
      left.observe(root, vars, varPaths, out);
      right.observe(root, vars, varPaths, out);
    }
  }

  /** {@code x = 'literal'}, {@code x <> 'literal'} and {@code x [NOT] IN ('a', 'b')} on strings, without decoding Utf8. */
  static final class StringIn extends OnValue {
    private final String[] literals;
    private final byte[][] utf8;
    private final boolean negated;

    StringIn(Value operand, List<String> literals, boolean negated) {
      super(operand);
      this.literals = literals.toArray(String[]::new);
      this.utf8 = literals.stream().map(SqlValues::utf8).toArray(byte[][]::new);
      this.negated = negated;
    }

    @Override
    int test(GenericRecord root, Object[] vars) {
      Object v = operand.get(root, vars);
      if (v == null) {
        return Truth.UNKNOWN;
      }
      for (int i = 0; i < literals.length; i++) {
        if (SqlValues.stringEquals(v, literals[i], utf8[i])) {
          return Truth.of(!negated);
        }
      }
      return Truth.of(negated);
    }
  }

  /** {@code x [NOT] IN (...)} on numbers or booleans. */
  static final class ValueIn extends OnValue {
    private final Object[] literals;
    private final boolean numbers;
    private final boolean negated;

    ValueIn(Value operand, List<Object> literals, boolean numbers, boolean negated) {
      super(operand);
      this.literals = literals.toArray();
      this.numbers = numbers;
      this.negated = negated;
    }

    @Override
    int test(GenericRecord root, Object[] vars) {
      Object v = operand.get(root, vars);
      if (v == null) {
        return Truth.UNKNOWN;
      }
      for (Object literal : literals) {
        if (numbers ? SqlValues.compareNumbers(v, literal) == 0 : v.equals(literal)) {
          return Truth.of(!negated);
        }
      }
      return Truth.of(negated);
    }
  }

  static final class IsNull extends OnValue {
    private final boolean negated;

    IsNull(Value operand, boolean negated) {
      super(operand);
      this.negated = negated;
    }

    @Override
    int test(GenericRecord root, Object[] vars) {
      return Truth.of((operand.get(root, vars) == null) != negated);
    }
  }

  /** A boolean field or literal used as a condition. */
  static final class BooleanValue extends OnValue {
    BooleanValue(Value operand) {
      super(operand);
    }

    @Override
    int test(GenericRecord root, Object[] vars) {
      Object v = operand.get(root, vars);
      return v == null ? Truth.UNKNOWN : Truth.of((Boolean) v);
    }
  }

  static final class Not extends Cond {
    private final Cond operand;

    Not(Cond operand) {
      this.operand = operand;
    }

    @Override
    int test(GenericRecord root, Object[] vars) {
      return Truth.not(operand.test(root, vars));
    }

    @Override
    void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {
      operand.observe(root, vars, varPaths, out);
    }
  }

  /** AND / OR with SQL's three-valued logic, short-circuiting on the deciding value. */
  static final class Logical extends Cond {
    private final boolean and;
    private final Cond left;
    private final Cond right;

    Logical(boolean and, Cond left, Cond right) {
      this.and = and;
      this.left = left;
      this.right = right;
    }

    @Override
    int test(GenericRecord root, Object[] vars) {
      int decisive = and ? Truth.FALSE : Truth.TRUE;
      int a = left.test(root, vars);
      if (a == decisive) {
        return decisive;
      }
      int b = right.test(root, vars);
      if (b == decisive) {
        return decisive;
      }
      return a == Truth.UNKNOWN || b == Truth.UNKNOWN ? Truth.UNKNOWN : Truth.not(decisive);
    }

    @Override
    void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {
      left.observe(root, vars, varPaths, out);
      right.observe(root, vars, varPaths, out);
    }
  }

  /**
   * forall / exists over an array, as Spark SQL defines them: forall is FALSE if any element is
   * FALSE, else UNKNOWN if any is UNKNOWN, else TRUE (also for an empty array); exists mirrors it.
   * A NULL array gives UNKNOWN.
   */
  static final class Quantifier extends Cond {
    private final boolean all;
    private final Field array;
    private final int slot;
    private final Cond body;

    Quantifier(boolean all, Field array, int slot, Cond body) {
      this.all = all;
      this.array = array;
      this.slot = slot;
      this.body = body;
    }

    @Override
    int test(GenericRecord root, Object[] vars) {
      Object value = array.get(root, vars);
      if (!(value instanceof List<?> elements)) {
        return Truth.UNKNOWN;
      }
      int decisive = all ? Truth.FALSE : Truth.TRUE;
      boolean unknown = false;
      for (int i = 0, n = elements.size(); i < n; i++) { // indexed: no iterator per record
        vars[slot] = elements.get(i);
        int t = body.test(root, vars);
        if (t == decisive) {
          return decisive;
        }
        unknown |= t == Truth.UNKNOWN;
      }
      return unknown ? Truth.UNKNOWN : Truth.not(decisive);
    }

    /** For forall, the first element that is not TRUE; for exists, the array when no element is TRUE. */
    @Override
    void observe(GenericRecord root, Object[] vars, String[] varPaths, Map<String, Object> out) {
      Object value = array.get(root, vars);
      String path = array.path(varPaths);
      if (!(value instanceof List<?> elements)) {
        out.putIfAbsent(path, value);
        return;
      }
      for (int i = 0; i < elements.size(); i++) {
        vars[slot] = elements.get(i);
        int t = body.test(root, vars);
        if (all && t != Truth.TRUE) {
          varPaths[slot] = path + "[" + i + "]";
          body.observe(root, vars, varPaths, out);
          return;
        }
        if (!all && t == Truth.TRUE) {
          return;
        }
      }
      if (!all) {
        out.putIfAbsent(path, elements);
      }
    }
  }
}
