package io.assay.ingestion.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assay.lake.SparkSessions;
import io.assay.schemas.contract.expr.RulePredicate;
import io.assay.schemas.contract.expr.ValueType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's record-rule language claims to be a subset of Spark SQL with the same meaning, so a
 * rule and the gate's satisfies check agree. Checked here: every predicate, on every record (NULLs,
 * empty and NULL arrays, exact decimals, NaN), is kept by the contract exactly when Spark SQL says TRUE.
 */
class RulePredicateMatchesSparkSqlTest {
  private static final Schema SCHEMA = new Schema.Parser().parse("""
      {"type":"record","name":"R","fields":[
        {"name":"status","type":"string"},
        {"name":"reason","type":["null","string"],"default":null},
        {"name":"n","type":["null","int"],"default":null},
        {"name":"d","type":"double"},
        {"name":"total","type":["null",{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}],"default":null},
        {"name":"items","type":["null",{"type":"array","items":{"type":"record","name":"Item","fields":[
          {"name":"qty","type":["null","int"],"default":null},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}}]}}],"default":null}]}""");
  private static final List<String> PREDICATES = List.of(
      "status = 'FAILED' OR reason IS NULL",
      "NOT (status = 'FAILED') AND reason IS NOT NULL",
      "reason <> 'timeout'",
      "reason NOT IN ('timeout')",
      "status IN ('FAILED') OR n > 2",
      "n BETWEEN 1 AND 3",
      "n NOT BETWEEN 1 AND 3",
      "n * 2 - 1 >= n",
      "-n < 0",
      "total = 10",
      "total >= 0.1 + 0.2",
      "total * n <= 30.00",
      "total - 0.01 > n",
      "d > 1000000 OR d = 2.5",
      "d = d AND d <> 7.25",
      "d * total < 100",
      "forall(items, i -> i.qty * i.price <= total)",
      "forall(items, i -> i.qty IS NOT NULL)",
      "exists(items, i -> i.qty > 2)",
      "exists(items, i -> i.price = 9.99) OR items IS NULL",
      "NOT forall(items, i -> i.qty >= 2)",
      "forall(items, i -> i.qty >= 1) AND status = 'SUCCEEDED'");

  @TempDir static Path dir;

  @Test
  void everyPredicateKeepsExactlyTheRecordsSparkSqlFindsTrue() {
    List<GenericRecord> records = records();
    SparkSession spark = SparkSessions.getOrCreate("assay-test", dir.toString());
    Dataset<Row> frame = AvroSparkTypes.dataFrameOf(spark, SCHEMA, records);
    List<String> columns = new ArrayList<>();
    for (int p = 0; p < PREDICATES.size(); p++) {
      columns.add("(" + PREDICATES.get(p) + ") <=> true AS p" + p); // TRUE only: NULL and FALSE both break a rule
    }
    List<Row> sparkSays = frame.selectExpr(columns.toArray(String[]::new)).collectAsList();
    List<String> notSplitting = new ArrayList<>();
    for (int p = 0; p < PREDICATES.size(); p++) {
      RulePredicate predicate = RulePredicate.compile(PREDICATES.get(p), SCHEMA, RulePredicateMatchesSparkSqlTest::declaredType);
      int kept = 0;
      for (int r = 0; r < records.size(); r++) {
        assertEquals(sparkSays.get(r).getBoolean(p), predicate.holds(records.get(r)), PREDICATES.get(p) + " on " + records.get(r));
        kept += predicate.holds(records.get(r)) ? 1 : 0;
      }
      if (kept == 0 || kept == records.size()) {
        notSplitting.add(PREDICATES.get(p));
      }
    }
    assertEquals(List.of(), notSplitting, "each predicate keeps some records and breaks others, so agreeing means something");
  }

  private static List<GenericRecord> records() {
    List<GenericRecord> records = new ArrayList<>();
    String[][] texts = {{"FAILED", "timeout"}, {"SUCCEEDED", null}, {"SUCCEEDED", "card_declined"}, {"FAILED", null}};
    Integer[] ns = {null, 0, 2, 3};
    String[] totals = {null, "10.00", "0.30", "29.99"};
    double[] ds = {2.5, Double.NaN, -0.0, 7.25};
    Schema items = SCHEMA.getField("items").schema().getTypes().get(1);
    for (int i = 0; i < 16; i++) {
      GenericRecord r = new GenericData.Record(SCHEMA);
      r.put("status", texts[i % 4][0]);
      r.put("reason", texts[i % 4][1]);
      r.put("n", ns[(i / 4) % 4]);
      r.put("d", ds[(i + i / 4) % 4]);
      r.put("total", totals[(i / 2) % 4] == null ? null : new BigDecimal(totals[(i / 2) % 4]));
      List<GenericRecord> lines = new ArrayList<>();
      for (int k = 0; k < i % 4; k++) {
        GenericRecord line = new GenericData.Record(items.getElementType());
        line.put("qty", (i + k) % 5 == 0 ? null : (i + k) % 5);
        line.put("price", new BigDecimal(k == 1 ? "9.99" : "5.00"));
        lines.add(line);
      }
      r.put("items", i % 7 == 6 ? null : new GenericData.Array<>(items, lines));
      records.add(r);
    }
    return records;
  }

  /** In this test every field is declared with its schema's type, as a contract would. */
  private static ValueType declaredType(String path) {
    Schema schema = SCHEMA;
    for (String part : path.split("\\.")) {
      boolean element = part.endsWith("[]");
      schema = nonNull(schema).getField(element ? part.substring(0, part.length() - 2) : part).schema();
      schema = element ? nonNull(schema).getElementType() : schema;
    }
    schema = nonNull(schema);
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
      return ValueType.DECIMAL;
    }
    return switch (schema.getType()) {
      case STRING -> ValueType.STRING;
      case INT, LONG -> ValueType.INTEGRAL;
      case DOUBLE, FLOAT -> ValueType.DOUBLE;
      case BOOLEAN -> ValueType.BOOLEAN;
      case ARRAY -> ValueType.ARRAY;
      default -> ValueType.RECORD;
    };
  }

  private static Schema nonNull(Schema schema) {
    return schema.getType() == Schema.Type.UNION ? schema.getTypes().get(1) : schema;
  }
}
