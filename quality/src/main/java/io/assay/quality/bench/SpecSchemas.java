package io.assay.quality.bench;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * The Bronze, Silver and Gold schemas of the issue-4 spec, as the quality module sees them: used to
 * bind the shipped gate files in tests and to generate benchmark data. The models in
 * {@code transformations/} own the real tables; a drift between the two shows up as a bind error.
 */
public final class SpecSchemas {
  private static final DataType MONEY = DataTypes.createDecimalType(12, 2);
  private static final DataType WIDE_MONEY = DataTypes.createDecimalType(18, 2);
  private static final DataType RATE = DataTypes.createDecimalType(7, 4);

  private SpecSchemas() {}

  /** Every table by name: bronze_*, silver_*, gold_*. */
  public static Map<String, StructType> all() {
    Map<String, StructType> tables = new LinkedHashMap<>();
    tables.put("bronze_orders", bronze(new StructType()
        .add("order_id", StringType).add("customer_id", StringType).add("order_ts", StringType)
        .add("status", StringType).add("currency", StringType)
        .add("items", new ArrayType(new StructType().add("product_id", StringType).add("product_name", StringType)
            .add("category", StringType).add("quantity", IntegerType).add("unit_price", MONEY), true))
        .add("total_amount", MONEY)
        .add("shipping_address", new StructType().add("street", StringType).add("city", StringType)
            .add("postal_code", StringType).add("country", StringType))));
    tables.put("bronze_clickstream", bronze(new StructType()
        .add("event_id", StringType).add("session_id", StringType).add("user_id", StringType)
        .add("event_ts", StringType).add("event_type", StringType).add("page_url", StringType)
        .add("referrer", StringType).add("device", StringType).add("duration_ms", IntegerType)));
    tables.put("bronze_payments", bronze(new StructType()
        .add("payment_id", StringType).add("order_id", StringType).add("customer_id", StringType)
        .add("payment_ts", StringType).add("method", StringType).add("status", StringType)
        .add("amount", MONEY).add("currency", StringType).add("failure_reason", StringType)));
    tables.put("bronze_weather", bronze(new StructType()
        .add("reading_id", StringType).add("city", StringType).add("country", StringType)
        .add("observed_ts", StringType).add("temperature_c", DoubleType).add("humidity_pct", IntegerType)
        .add("pressure_hpa", IntegerType).add("wind_speed_ms", DoubleType).add("condition", StringType)
        .add("source", StringType)));
    tables.put("bronze_dlq_audit", new StructType()
        .add("category", StringType).add("source_topic", StringType).add("source_partition", IntegerType)
        .add("source_offset", LongType).add("kafka_timestamp", TimestampType).add("kafka_key", StringType)
        .add("field", StringType).add("observed_value", StringType).add("rule", StringType)
        .add("detail", StringType).add("schema_id", IntegerType)
        .add("violations", new ArrayType(new StructType().add("category", StringType).add("field", StringType)
            .add("observed_value", StringType).add("rule", StringType), true))
        .add("original_value", BinaryType).add("ingested_at", TimestampType).add("batch_id", LongType)
        .add("ingest_date", DateType));
    tables.putAll(silver());
    tables.put("gold_daily_order_revenue", new StructType()
        .add("order_date", DateType).add("currency", StringType).add("orders", LongType).add("items", LongType)
        .add("gross_revenue", WIDE_MONEY).add("avg_order_value", WIDE_MONEY));
    tables.put("gold_payment_success_rate", new StructType()
        .add("payment_date", DateType).add("method", StringType).add("attempts", LongType)
        .add("successes", LongType).add("success_rate", RATE));
    tables.put("gold_pipeline_health", new StructType()
        .add("day", DateType).add("topic", StringType).add("valid_events", LongType).add("dead_letters", LongType)
        .add("events", LongType).add("violation_rate", RATE)
        .add("dead_letters_by_category", new MapType(StringType, LongType, true))
        .add("gate_checks_passed", LongType).add("gate_checks_warned", LongType).add("gate_checks_failed", LongType));
    return tables;
  }

  /** The five Silver tables. */
  public static Map<String, StructType> silver() {
    Map<String, StructType> tables = new LinkedHashMap<>();
    tables.put("silver_orders", lineage(new StructType()
        .add("order_id", StringType).add("line_number", IntegerType).add("customer_id", StringType)
        .add("order_ts", TimestampType).add("order_date", DateType).add("status", StringType)
        .add("currency", StringType).add("product_id", StringType).add("product_name", StringType)
        .add("category", StringType).add("quantity", IntegerType).add("unit_price", MONEY)
        .add("line_amount", WIDE_MONEY).add("order_total", MONEY).add("item_count", IntegerType)
        .add("ship_city", StringType).add("ship_postal_code", StringType).add("ship_country", StringType)));
    tables.put("silver_clickstream", lineage(new StructType()
        .add("event_id", StringType).add("session_id", StringType).add("user_id", StringType)
        .add("event_ts", TimestampType).add("event_date", DateType).add("event_type", StringType)
        .add("page_url", StringType).add("referrer", StringType).add("device", StringType)
        .add("duration_ms", IntegerType)));
    tables.put("silver_payments", lineage(new StructType()
        .add("payment_id", StringType).add("order_id", StringType).add("customer_id", StringType)
        .add("payment_ts", TimestampType).add("payment_date", DateType).add("method", StringType)
        .add("status", StringType).add("amount", MONEY).add("currency", StringType)
        .add("failure_reason", StringType)));
    tables.put("silver_weather", lineage(new StructType()
        .add("reading_id", StringType).add("city", StringType).add("country", StringType)
        .add("observed_ts", TimestampType).add("observed_date", DateType).add("temperature_c", DoubleType)
        .add("humidity_pct", IntegerType).add("pressure_hpa", IntegerType).add("wind_speed_ms", DoubleType)
        .add("condition", StringType).add("source", StringType)));
    tables.put("silver_dlq_audit", new StructType()
        .add("dead_letter_id", StringType).add("category", StringType).add("source_topic", StringType)
        .add("source_partition", IntegerType).add("source_offset", LongType).add("field", StringType)
        .add("observed_value", StringType).add("rule", StringType).add("detail", StringType)
        .add("schema_id", IntegerType).add("kafka_timestamp", TimestampType).add("dead_letter_date", DateType)
        .add("ingested_at", TimestampType));
    return tables;
  }

  private static StructType bronze(StructType event) {
    return event.add("_source_topic", StringType).add("_source_partition", IntegerType)
        .add("_source_offset", LongType).add("_kafka_timestamp", TimestampType).add("_schema_id", IntegerType)
        .add("_schema_version", IntegerType).add("_ingested_at", TimestampType).add("_batch_id", LongType)
        .add("_event_time", TimestampType).add("event_date", DateType);
  }

  private static StructType lineage(StructType silver) {
    return silver.add("_source_partition", IntegerType).add("_source_offset", LongType)
        .add("_kafka_timestamp", TimestampType).add("_ingested_at", TimestampType);
  }
}
