package io.assay.schemas.contract.expr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A record-level rule's predicate, compiled once: a small subset of Spark SQL's boolean expressions
 * over one record's fields (nested fields by dots, array elements through {@code forall}/{@code
 * exists}), with SQL's three-valued logic and exact decimals. Immutable and thread-safe; evaluation
 * allocates nothing for comparisons (decimal arithmetic allocates its results).
 */
public final class RulePredicate {
  private final String text;
  private final Nodes.Cond root;
  private final int slots;

  private RulePredicate(String text, Nodes.Cond root, int slots) {
    this.text = text;
    this.root = root;
    this.slots = slots;
  }

  /**
   * @param recordSchema the contract's Avro schema, for field positions and nesting
   * @param declaredType the contract's declared type of a field path ({@code a.b}, {@code items[].x}), null when undeclared
   * @throws ExpressionException naming the problem and its column
   */
  public static RulePredicate compile(String text, Schema recordSchema, Function<String, ValueType> declaredType) {
    Compiler compiler = new Compiler(recordSchema, declaredType);
    Nodes.Cond root = compiler.condition(Parser.parse(text));
    return new RulePredicate(text, root, compiler.slots());
  }

  /**
   * Whether the record keeps the rule: only TRUE keeps it. UNKNOWN (a NULL somewhere the rule did not
   * expect one) breaks it, as in a WHERE clause and in the gates' {@code satisfies} checks, so a
   * record that passes here cannot fail the same predicate in a gate.
   */
  public boolean holds(GenericRecord record) {
    return root.test(record, slots == 0 ? null : new Object[slots]) == Truth.TRUE;
  }

  /**
   * The fields the rule read, by concrete path ({@code status}, {@code items[1].quantity}), with the
   * values found, in the order the rule names them; under forall, those of the first element that
   * broke it. For violation messages, not for the hot path.
   */
  public Map<String, Object> observe(GenericRecord record) {
    Map<String, Object> observed = new LinkedHashMap<>();
    root.observe(record, new Object[slots], new String[slots], observed);
    return observed;
  }

  @Override
  public String toString() {
    return text;
  }
}
