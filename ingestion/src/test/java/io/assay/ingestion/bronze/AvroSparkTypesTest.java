package io.assay.ingestion.bronze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.assay.lake.SparkSessions;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Avro values become the Spark values of {@link AvroSparkTypes#structOf}, nested types and nulls included. */
class AvroSparkTypesTest {
  private static final Schema SCHEMA = new Schema.Parser().parse("""
      {"type": "record", "name": "Sample", "fields": [
        {"name": "id", "type": "string"},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 6, "scale": 2}},
        {"name": "big", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 2}], "default": null},
        {"name": "count", "type": "long"},
        {"name": "raw", "type": "bytes"},
        {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "tags", "type": {"type": "map", "values": "int"}},
        {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item", "fields": [
          {"name": "sku", "type": "string"}, {"name": "qty", "type": "int"}]}}}
      ]}""");
  @TempDir static Path dir;

  @Test
  void convertsEveryKindOfValueAsSparksEncoderWould() {
    Schema item = SCHEMA.getField("items").schema().getElementType();
    GenericRecord line = new GenericData.Record(item);
    line.put("sku", new Utf8("sku-ü"));
    line.put("qty", 3);
    GenericRecord record = new GenericData.Record(SCHEMA);
    record.put("id", new Utf8("ord-1"));
    record.put("status", new GenericData.EnumSymbol(SCHEMA.getField("status").schema(), "PAID"));
    record.put("amount", new BigDecimal("12.345")); // rounded to the column's scale, as Spark's encoder does
    record.put("big", new BigDecimal("123.45")); // over decimal(4,2)'s precision: null, as Spark's encoder gives
    record.put("count", 7L);
    record.put("raw", ByteBuffer.wrap("xyz".getBytes(StandardCharsets.UTF_8)));
    record.put("note", null);
    record.put("tags", Map.of(new Utf8("a"), 1));
    record.put("items", List.of(line));

    Row row = AvroSparkTypes.dataFrameOf(SparkSessions.getOrCreate("assay-test", dir.toString()), SCHEMA, List.of(record))
        .collectAsList().get(0);

    assertEquals("ord-1", row.getAs("id"));
    assertEquals("PAID", row.getAs("status"));
    assertEquals(new BigDecimal("12.35"), row.getAs("amount"));
    assertNull(row.getAs("big"));
    assertEquals(7L, (long) row.getAs("count"));
    assertArrayEquals("xyz".getBytes(StandardCharsets.UTF_8), row.getAs("raw"));
    assertNull(row.getAs("note"));
    assertEquals(Map.of("a", 1), row.getJavaMap(row.fieldIndex("tags")));
    Row first = row.<Row>getList(row.fieldIndex("items")).get(0);
    assertEquals("sku-ü", first.getAs("sku"));
    assertEquals(3, (int) first.getAs("qty"));
  }
}
