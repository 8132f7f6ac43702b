package io.assay.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.quality.bench.SpecSchemas;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped Bronze and Gold gates run without error on a few realistic rows of each table: every
 * predicate (lambdas over items, map aggregation, nested fields) evaluates and every bound holds.
 */
class BronzeAndGoldGatesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String META = "'%s' AS _source_topic, 0 AS _source_partition, CAST(id AS BIGINT) AS _source_offset,"
      + " TIMESTAMP'2026-11-25 11:00:00' AS _kafka_timestamp, 1 AS _schema_id, 1 AS _schema_version,"
      + " TIMESTAMP'2026-11-25 11:00:01' AS _ingested_at, 7L AS _batch_id, TIMESTAMP'2026-11-25 11:00:00' AS _event_time,"
      + " DATE'2026-11-25' AS event_date FROM range(3)";
  private static final Map<String, String> ROWS = Map.of(
      "bronze_orders", "SELECT format_string('ORD-%012X', id) AS order_id, 'CUST-000123' AS customer_id,"
          + " '2026-11-25T11:00:00Z' AS order_ts, 'PLACED' AS status, 'EUR' AS currency,"
          + " array(named_struct('product_id', 'SKU-00001', 'product_name', 'Yoga Mat', 'category', 'sports',"
          + " 'quantity', 2, 'unit_price', CAST(12.50 AS DECIMAL(12,2)))) AS items, CAST(25.00 AS DECIMAL(12,2)) AS total_amount,"
          + " named_struct('street', '1 High St', 'city', 'London', 'postal_code', 'N1', 'country', 'GB') AS shipping_address, "
          + META.formatted("orders"),
      "bronze_clickstream", "SELECT format_string('%08x-0000-4000-8000-%012x', id, id) AS event_id, 'SES-0123456789' AS session_id,"
          + " CASE WHEN id = 0 THEN NULL ELSE 'CUST-000001' END AS user_id, '2026-11-25T11:00:00Z' AS event_ts,"
          + " 'page_view' AS event_type, '/home' AS page_url, NULL AS referrer, 'mobile' AS device, 1200 AS duration_ms, "
          + META.formatted("clickstream"),
      "bronze_payments", "SELECT format_string('PAY-%012X', id) AS payment_id, 'ORD-00000000000A' AS order_id,"
          + " 'CUST-000123' AS customer_id, '2026-11-25T11:00:00Z' AS payment_ts, 'card' AS method, 'FAILED' AS status,"
          + " CAST(25.00 AS DECIMAL(12,2)) AS amount, 'EUR' AS currency, 'card_declined' AS failure_reason, "
          + META.formatted("payments"),
      "bronze_weather", "SELECT uuid() AS reading_id, 'London' AS city, 'GB' AS country, '2026-11-25T11:00:00Z' AS observed_ts,"
          + " 8.5D AS temperature_c, 80 AS humidity_pct, 1012 AS pressure_hpa, 4.2D AS wind_speed_ms, 'Rain' AS condition,"
          + " 'offline' AS source, " + META.formatted("weather"),
      "bronze_dlq_audit", "SELECT 'VALUE_OUT_OF_RANGE' AS category, 'payments' AS source_topic, 0 AS source_partition,"
          + " CAST(id AS BIGINT) AS source_offset, TIMESTAMP'2026-11-25 11:00:00' AS kafka_timestamp, 'k' AS kafka_key,"
          + " 'amount' AS field, '-1.00' AS observed_value, 'amount >= 0.01' AS rule, 'negative' AS detail, 1 AS schema_id,"
          + " array(named_struct('category', 'VALUE_OUT_OF_RANGE', 'field', 'amount', 'observed_value', '-1.00',"
          + " 'rule', 'amount >= 0.01')) AS violations, X'00' AS original_value, TIMESTAMP'2026-11-25 11:00:01' AS ingested_at,"
          + " 7L AS batch_id, DATE'2026-11-25' AS ingest_date FROM range(3)",
      "gold_daily_order_revenue", "SELECT date_sub(DATE'2026-11-25', CAST(id AS INT)) AS order_date, 'EUR' AS currency,"
          + " 3L AS orders, 7L AS items, CAST(100.00 AS DECIMAL(18,2)) AS gross_revenue,"
          + " CAST(33.33 AS DECIMAL(18,2)) AS avg_order_value FROM range(3)",
      "gold_payment_success_rate", "SELECT DATE'2026-11-25' AS payment_date,"
          + " element_at(array('card', 'paypal', 'upi'), CAST(id + 1 AS INT)) AS method, 8L AS attempts, 7L AS successes,"
          + " CAST(0.8750 AS DECIMAL(7,4)) AS success_rate FROM range(3)",
      "gold_pipeline_health", "SELECT DATE'2026-11-25' AS day,"
          + " element_at(array('orders', 'payments', 'weather'), CAST(id + 1 AS INT)) AS topic, 95L AS valid_events,"
          + " 5L AS dead_letters, 100L AS events, CAST(0.0500 AS DECIMAL(7,4)) AS violation_rate,"
          + " map('VALUE_OUT_OF_RANGE', 3L, 'INVALID_FORMAT', 2L) AS dead_letters_by_category,"
          + " 40L AS gate_checks_passed, 1L AS gate_checks_warned, 0L AS gate_checks_failed FROM range(3)");

  private static SparkSession spark;
  private static GateRunner runner;

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
    runner = new GateRunner(spark, Clock.fixed(NOW, ZoneOffset.UTC), "bronze-gold", Optional.empty());
  }

  @ParameterizedTest
  @CsvSource({"bronze,bronze_orders", "bronze,bronze_clickstream", "bronze,bronze_payments", "bronze,bronze_weather",
      "bronze,bronze_dlq_audit", "gold,gold_daily_order_revenue", "gold,gold_payment_success_rate",
      "gold,gold_pipeline_health"})
  void shippedGatePassesOnRealisticRows(String layer, String table) {
    Dataset<Row> rows = spark.sql(ROWS.get(table));
    Dataset<Row> typed = spark.createDataFrame(rows.javaRDD(), SpecSchemas.all().get(table));
    Gate gate = GateCatalog.fromClasspath().gate(layer, table).orElseThrow().bind(typed.schema());
    GateReport report = runner.verify(gate, typed);
    assertEquals(0, report.problems().size(), report.summary());
    assertTrue(report.outcomes().size() >= 10);
  }
}
