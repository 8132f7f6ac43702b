package io.assay.schemas.contract.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** The rule language on its own: syntax, names, types, three-valued logic, exact decimals, forall/exists. */
class RulePredicateTest {
  private static final Schema SCHEMA = new Schema.Parser().parse("""
      {"type":"record","name":"R","fields":[
        {"name":"status","type":"string"},
        {"name":"reason","type":["null","string"],"default":null},
        {"name":"n","type":"int"},
        {"name":"big","type":"long"},
        {"name":"d","type":"double"},
        {"name":"total","type":["null",{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}],"default":null},
        {"name":"flag","type":["null","boolean"],"default":null},
        {"name":"undeclared","type":"string"},
        {"name":"addr","type":{"type":"record","name":"Addr","fields":[{"name":"city","type":["null","string"]}]}},
        {"name":"items","type":["null",{"type":"array","items":{"type":"record","name":"Item","fields":[
          {"name":"qty","type":"int"},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
          {"name":"parts","type":{"type":"array","items":{"type":"record","name":"Part","fields":[{"name":"kg","type":"double"}]}}},
          {"name":"tags","type":{"type":"array","items":"string"}}]}}],"default":null}]}""");
  private static final Map<String, ValueType> DECLARED = new LinkedHashMap<>();

  static {
    DECLARED.put("status", ValueType.STRING);
    DECLARED.put("reason", ValueType.STRING);
    DECLARED.put("n", ValueType.INTEGRAL);
    DECLARED.put("big", ValueType.INTEGRAL);
    DECLARED.put("d", ValueType.DOUBLE);
    DECLARED.put("total", ValueType.DECIMAL);
    DECLARED.put("flag", ValueType.BOOLEAN);
    DECLARED.put("addr.city", ValueType.STRING);
    DECLARED.put("items", ValueType.ARRAY);
    DECLARED.put("items[].qty", ValueType.INTEGRAL);
    DECLARED.put("items[].price", ValueType.DECIMAL);
    DECLARED.put("items[].parts", ValueType.ARRAY);
    DECLARED.put("items[].parts[].kg", ValueType.DOUBLE);
    DECLARED.put("items[].tags", ValueType.ARRAY);
  }

  private static RulePredicate compile(String text) {
    return RulePredicate.compile(text, SCHEMA, DECLARED::get);
  }

  private static ExpressionException refused(String text) {
    return assertThrows(ExpressionException.class, () -> compile(text), text);
  }

  private static void assertRefused(String text, String problem, int column) {
    ExpressionException e = refused(text);
    assertTrue(e.getMessage().contains(problem), () -> text + " -> " + e.getMessage());
    assertEquals(column, e.column(), () -> text + " -> " + e.getMessage());
  }

  static GenericRecord record() {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("status", new Utf8("FAILED"));
    r.put("reason", new Utf8("timeout"));
    r.put("n", 5);
    r.put("big", 5_000_000_000L);
    r.put("d", 2.5d);
    r.put("total", new BigDecimal("30.00"));
    r.put("flag", true);
    r.put("undeclared", "x");
    GenericRecord addr = new GenericData.Record(SCHEMA.getField("addr").schema());
    addr.put("city", "Leeds");
    r.put("addr", addr);
    Schema itemsSchema = SCHEMA.getField("items").schema().getTypes().get(1);
    List<GenericRecord> items = new ArrayList<>();
    items.add(item(itemsSchema.getElementType(), 2, "10.00", 1.0));
    items.add(item(itemsSchema.getElementType(), 1, "9.99", 3.0));
    r.put("items", new GenericData.Array<>(itemsSchema, items));
    return r;
  }

  private static GenericRecord item(Schema schema, int qty, String price, double kg) {
    GenericRecord item = new GenericData.Record(schema);
    item.put("qty", qty);
    item.put("price", new BigDecimal(price));
    GenericRecord part = new GenericData.Record(schema.getField("parts").schema().getElementType());
    part.put("kg", kg);
    item.put("parts", new GenericData.Array<>(schema.getField("parts").schema(), List.of(part)));
    item.put("tags", new GenericData.Array<>(schema.getField("tags").schema(), List.of("a")));
    return item;
  }

  private static boolean holds(String text, GenericRecord record) {
    return compile(text).holds(record);
  }

  @SuppressWarnings("unchecked")
  private static GenericRecord item(GenericRecord record, int index) {
    return ((List<GenericRecord>) record.get("items")).get(index);
  }

  @Test
  void comparesStringsDecodedAsUtf8OrAsJavaStrings() {
    GenericRecord r = record();
    assertTrue(holds("status = 'FAILED'", r));
    assertTrue(holds("'FAILED' = status", r));
    assertFalse(holds("status <> 'FAILED'", r));
    assertTrue(holds("status != 'SUCCEEDED'", r));
    r.put("status", "FAILED");
    assertTrue(holds("status = 'FAILED'", r));
    assertTrue(holds("status IN ('SUCCEEDED', 'FAILED')", r));
    assertFalse(holds("status NOT IN ('SUCCEEDED', 'FAILED')", r));
    assertFalse(holds("status = 'FAILE'", r));
    r.put("reason", new Utf8("FAILED"));
    assertTrue(holds("status = reason", r));
  }

  @Test
  void keywordsAreCaseInsensitiveAndPrecedenceIsSqls() {
    GenericRecord r = record();
    assertTrue(holds("status = 'X' or n = 5 and d > 2", r)); // AND binds tighter than OR
    assertFalse(holds("(status = 'X' OR n = 5) AND d > 3", r));
    assertTrue(holds("NOT status = 'X'", r));
    assertTrue(holds("n + 1 * 2 = 7", r));
    assertTrue(holds("(n + 1) * 2 = 12", r));
    assertTrue(holds("-n = -5 AND n - -1 = 6", r));
  }

  @Test
  void threeValuedLogicOnNullsAndOnlyTrueKeepsTheRule() {
    GenericRecord r = record();
    r.put("reason", null);
    assertTrue(holds("reason IS NULL", r));
    assertFalse(holds("reason IS NOT NULL", r));
    assertFalse(holds("reason = 'timeout'", r), "NULL = x is unknown, and unknown breaks the rule");
    assertFalse(holds("reason <> 'timeout'", r), "NULL <> x is unknown too");
    assertFalse(holds("NOT reason = 'timeout'", r), "NOT unknown is unknown");
    assertTrue(holds("reason = 'timeout' OR n = 5", r), "unknown OR true is true");
    assertFalse(holds("reason = 'timeout' OR n = 6", r), "unknown OR false is unknown");
    assertFalse(holds("reason = 'timeout' AND n = 5", r), "unknown AND true is unknown");
    assertTrue(holds("NOT (reason = 'timeout' AND n = 6)", r), "unknown AND false is false");
    assertFalse(holds("reason IN ('timeout')", r));
    assertFalse(holds("reason NOT IN ('timeout')", r));
    r.put("total", null);
    assertFalse(holds("total + 1 > 0", r), "arithmetic on NULL is NULL");
    assertFalse(holds("total BETWEEN 0 AND 100", r));
    assertFalse(holds("total NOT BETWEEN 0 AND 100", r));
    r.put("flag", null);
    assertFalse(holds("flag", r));
    assertFalse(holds("NOT flag", r));
    assertTrue(holds("flag IS NULL", r));
    r.put("addr", null);
    assertTrue(holds("addr.city IS NULL", r), "a path through a NULL record is NULL");
  }

  @Test
  void decimalsAreExactAndCompareByValue() {
    GenericRecord r = record();
    assertTrue(holds("total = 30", r));
    assertTrue(holds("total = 30.000", r));
    assertTrue(holds("total - 29.99 = 0.01", r));
    r.put("total", new BigDecimal("0.30"));
    assertTrue(holds("total = 0.1 + 0.2", r), "0.1 + 0.2 is exactly 0.3 in decimals");
    assertTrue(holds("total * 3 = 0.9", r));
    assertTrue(holds("n * 0.1 = 0.5", r));
    assertTrue(holds("total > 0.29 AND total < 0.31 AND total >= 0.30 AND total <= 0.3", r));
    assertTrue(holds("total BETWEEN 0.3 AND 0.3", r));
    assertTrue(holds("total NOT BETWEEN 0.31 AND 1", r));
    assertTrue(holds("total IN (0.1, 0.30)", r));
  }

  @Test
  void integersNeverWrapAround() {
    GenericRecord r = record();
    r.put("big", Long.MAX_VALUE);
    assertTrue(holds("big + 1 > big", r));
    assertTrue(holds("big * 2 > 9223372036854775807", r));
    assertTrue(holds("-big - 2 < -9223372036854775807", r));
    assertTrue(holds("n * n * n * n * n * n * n * n * n * n * n * n * n * n * n > 30000000000", r));
  }

  @Test
  void doublesCompareLikeSpark() {
    GenericRecord r = record();
    assertTrue(holds("d = 2.5 AND d > 2 AND d * 2 = 5 AND d + total = 32.5", r));
    r.put("d", Double.NaN);
    assertTrue(holds("d = d AND d > 1000000", r), "NaN equals NaN and is above every number, as in Spark");
    r.put("d", -0.0d);
    assertTrue(holds("d = 0", r));
  }

  @Test
  void booleansAndNestedFields() {
    GenericRecord r = record();
    assertTrue(holds("flag", r));
    assertTrue(holds("flag = TRUE AND flag <> false", r));
    assertTrue(holds("addr.city = 'Leeds'", r));
    assertTrue(holds("addr IS NOT NULL AND items IS NOT NULL", r));
  }

  @Test
  void forallAndExistsFollowSparkOnEmptyNullAndUnknownElements() {
    GenericRecord r = record();
    String withinTotal = "forall(items, i -> i.qty * i.price <= total)";
    assertTrue(holds(withinTotal, r));
    r.put("total", new BigDecimal("19.99"));
    assertFalse(holds(withinTotal, r), "2 x 10.00 is above 19.99");
    r.put("total", new BigDecimal("20.00"));
    assertTrue(holds(withinTotal, r), "a line equal to the total is within it");
    assertTrue(holds("exists(items, i -> i.price = 9.99)", r));
    assertFalse(holds("exists(items, i -> i.price = 9.98)", r));
    assertTrue(holds("forall(items, i -> forall(i.parts, p -> p.kg <= i.qty * 3))", r));
    assertFalse(holds("forall(items, i -> exists(i.parts, p -> p.kg > 2))", r));
    assertTrue(holds("FORALL(items, x -> x IS NOT NULL)", r));
    assertTrue(holds("forall(items, n -> n.qty >= 1)", r), "a variable shadows a field of the same name");

    r.put("total", null);
    assertFalse(holds(withinTotal, r), "unknown for every element: unknown");
    item(r, 0).put("qty", 100);
    r.put("total", new BigDecimal("20.00"));
    assertFalse(holds(withinTotal, r));
    r.put("items", new GenericData.Array<>(SCHEMA.getField("items").schema().getTypes().get(1), List.of()));
    assertTrue(holds(withinTotal, r), "forall over no elements is true");
    assertFalse(holds("exists(items, i -> i.qty > 0)", r), "exists over no elements is false");
    r.put("items", null);
    assertFalse(holds(withinTotal, r), "forall over a NULL array is unknown");
    assertTrue(holds("items IS NULL", r));
  }

  @Test
  void readsRecordsOfAnotherSchemaByFieldName() {
    Schema evolved = new Schema.Parser().parse("""
        {"type":"record","name":"R","fields":[
          {"name":"added","type":"int"},
          {"name":"status","type":"string"}]}""");
    GenericRecord r = new GenericData.Record(evolved);
    r.put("added", 1);
    r.put("status", "FAILED");
    assertTrue(holds("status = 'FAILED' AND n IS NULL", r));
  }

  @Test
  void observesTheFieldsReadWithTheFirstBreakingElement() {
    GenericRecord r = record();
    r.put("total", new BigDecimal("15.00"));
    Map<String, Object> observed = compile("forall(items, i -> i.qty * i.price <= total) AND status IS NOT NULL").observe(r);
    assertEquals(List.of("items[0].qty", "items[0].price", "total", "status"), List.copyOf(observed.keySet()));
    assertEquals(2, observed.get("items[0].qty"));
    item(r, 0).put("qty", 1);
    Map<String, Object> second = compile("forall(items, i -> i.qty * i.price >= 10)").observe(r);
    assertEquals(List.of("items[1].qty", "items[1].price"), List.copyOf(second.keySet()));
    assertEquals(new BigDecimal("9.99"), second.get("items[1].price"));
    Map<String, Object> none = compile("exists(items, i -> i.qty > 5)").observe(r);
    assertEquals(List.of("items"), List.copyOf(none.keySet()));
  }

  @Test
  void syntaxErrorsNameTheColumn() {
    assertRefused("", "empty", 1);
    assertRefused("status = ", "expected a field, a literal or '('", 10);
    assertRefused("status = 'FAILED' OR", "expected a field, a literal or '('", 21);
    assertRefused("status = 'FAILED", "not closed", 10);
    assertRefused("status == 'FAILED'", "write = for equality", 8);
    assertRefused("status = \"FAILED\"", "single quotes", 10);
    assertRefused("(n = 1", "expected ')'", 7);
    assertRefused("n = 1)", "expected an operator", 6);
    assertRefused("n IN (1, 2", "',' or ')'", 11);
    assertRefused("n IN (1, n)", "literal values only", 10);
    assertRefused("n BETWEEN 1 OR 2", "expected AND", 13);
    assertRefused("reason = NULL", "IS NULL", 10);
    assertRefused("reason IS NOTHING", "expected NULL", 11);
    assertRefused("n NOT 5", "IN or BETWEEN after NOT", 7);
    assertRefused("n / 2 = 1", "decimals stay exact", 3);
    assertRefused("items[0].qty = 1", "forall", 6);
    assertRefused("upper(status) = 'X'", "unknown function 'upper'", 1);
    assertRefused("forall(items i -> i.qty > 0)", "expected ',' after the array", 14);
    assertRefused("forall(items, i => i.qty > 0)", "expected '->'", 17);
    assertRefused("1abc = 1", "number cannot run into a name", 1);
    assertRefused("n = 1 # comment", "unexpected character '#'", 7);
  }

  @Test
  void unknownAndUndeclaredFieldsAreNamed() {
    assertRefused("statu = 'X'", "unknown field 'statu' (fields: status, reason, n", 1);
    assertRefused("n = 1 AND addr.town = 'X'", "unknown field 'town' in 'addr'", 11);
    assertRefused("undeclared = 'x'", "the contract does not declare it", 1);
    assertRefused("items.qty > 0", "'items' is an array: judge its elements with forall(items, x -> x.qty", 1);
    assertRefused("forall(items, i -> i.weight > 0)", "unknown field 'weight' in 'items[]'", 20);
    assertRefused("forall(items, i -> j.qty > 0)", "unknown field 'j'", 20);
    assertRefused("n.x = 1", "'n' is a int and has no field 'x'", 1);
  }

  @Test
  void typeErrorsAreFoundAtCompileTime() {
    assertRefused("status = 1", "cannot compare a string with an integer", 8);
    assertRefused("n = 'five'", "cannot compare an integer with a string", 3);
    assertRefused("status > 'A'", "orders numbers only", 8);
    assertRefused("flag < true", "orders numbers only", 6);
    assertRefused("status + 1 = 2", "'+' needs numbers, not a string", 8);
    assertRefused("-status = 'x'", "'-' needs numbers", 1);
    assertRefused("status", "'status' is a string, not a condition", 1);
    assertRefused("n + 1", "not a condition", 3);
    assertRefused("n IN (1, 'two')", "cannot compare an integer with a string", 10);
    assertRefused("(n = 1) = TRUE", "a condition cannot be used as a value", 4);
    assertRefused("items = 1", "'items' is an array: name one of its fields inside forall(items", 1);
    assertRefused("addr = 'x'", "'addr' is a record", 1);
    assertRefused("forall(status, s -> s = 'x')", "forall needs an array; 'status' is a string", 8);
    assertRefused("forall(items, i -> exists(i.tags, t -> t = 'a'))", "arrays of records; 'i.tags' holds string values", 27);
    assertRefused("forall(items, i -> i.qty)", "'i.qty' is an integer, not a condition", 20);
  }
}
