package io.assay.transformations;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Builds Bronze tables with exactly the columns BronzeBatchWriter writes (event fields, then the
 * Kafka and ingestion columns, partitioned by event_date, change data feed on from creation).
 * Each {@code append} is one Bronze Delta version.
 */
final class BronzeFixture {
  static final String META = "_source_topic STRING, _source_partition INT, _source_offset BIGINT, _kafka_timestamp TIMESTAMP, "
      + "_schema_id INT, _schema_version INT, _ingested_at TIMESTAMP, _batch_id BIGINT, _event_time TIMESTAMP, event_date DATE";
  static final StructType ORDERS = StructType.fromDDL("order_id STRING, customer_id STRING, order_ts STRING, status STRING, "
      + "currency STRING, items ARRAY<STRUCT<product_id: STRING, product_name: STRING, category: STRING, quantity: INT, "
      + "unit_price: DECIMAL(12,2)>>, total_amount DECIMAL(12,2), shipping_address STRUCT<street: STRING, city: STRING, "
      + "postal_code: STRING, country: STRING>, " + META);
  static final StructType CLICKSTREAM = StructType.fromDDL("event_id STRING, session_id STRING, user_id STRING, event_ts STRING, "
      + "event_type STRING, page_url STRING, referrer STRING, device STRING, duration_ms INT, " + META);
  static final StructType PAYMENTS = StructType.fromDDL("payment_id STRING, order_id STRING, customer_id STRING, payment_ts STRING, "
      + "method STRING, status STRING, amount DECIMAL(12,2), currency STRING, failure_reason STRING, " + META);
  static final StructType WEATHER = StructType.fromDDL("reading_id STRING, city STRING, country STRING, observed_ts STRING, "
      + "temperature_c DOUBLE, humidity_pct INT, pressure_hpa INT, wind_speed_ms DOUBLE, condition STRING, source STRING, " + META);
  static final StructType DLQ = StructType.fromDDL("category STRING, source_topic STRING, source_partition INT, source_offset BIGINT, "
      + "kafka_timestamp TIMESTAMP, kafka_key STRING, field STRING, observed_value STRING, rule STRING, detail STRING, schema_id INT, "
      + "violations ARRAY<STRUCT<category: STRING, field: STRING, observed_value: STRING, rule: STRING>>, original_value BINARY, "
      + "ingested_at TIMESTAMP, batch_id BIGINT, ingest_date DATE");

  private final SparkSession spark;
  private final String lakeRoot;
  private final boolean changeFeed;

  BronzeFixture(SparkSession spark, String lakeRoot) {
    this(spark, lakeRoot, true);
  }

  /** {@code changeFeed = false} builds tables as ingestion did before the feed was switched on. */
  BronzeFixture(SparkSession spark, String lakeRoot, boolean changeFeed) {
    this.spark = spark;
    this.lakeRoot = lakeRoot;
    this.changeFeed = changeFeed;
  }

  static Row item(String productId, String name, String category, int quantity, String unitPrice) {
    return RowFactory.create(productId, name, category, quantity, new BigDecimal(unitPrice));
  }

  static Row order(String id, String ts, String status, String currency, String total, int partition, long offset, Row... items) {
    Row address = RowFactory.create(" 1 Main St ", " Springfield ", "12345", "us");
    return withMeta("orders", partition, offset, ts, id, "CUST-000001", ts, status, currency, List.of(items),
        new BigDecimal(total), address);
  }

  static Row click(String id, String ts, String userId, String type, String device, int partition, long offset) {
    return withMeta("clickstream", partition, offset, ts, id, "SES-1", userId, ts, type, "/p", null, device, 120);
  }

  static Row payment(String id, String ts, String method, String status, String amount, int partition, long offset) {
    return withMeta("payments", partition, offset, ts, id, "ORD-A", "CUST-000001", ts, method, status, new BigDecimal(amount),
        "usd", status.trim().equalsIgnoreCase("FAILED") ? "card_declined" : null);
  }

  static Row weather(String id, String ts, int partition, long offset) {
    return withMeta("weather", partition, offset, ts, id, " Berlin ", "de", ts, 3.5, 81, 1013, 4.2, "Clouds", "offline");
  }

  static Row deadLetter(String category, String topic, int partition, long offset, String kafkaTs) {
    Timestamp at = Timestamp.from(Instant.parse(kafkaTs));
    return RowFactory.create(category, topic, partition, offset, at, "key", "status", "LOST", "allowed", "not allowed", 1,
        List.of(RowFactory.create(category, "status", "LOST", "allowed")), new byte[] {1, 2}, at, 1L, LocalDate.ofInstant(at.toInstant(), ZoneOffset.UTC));
  }

  void appendOrders(Row... rows) {
    append("bronze_orders", ORDERS, "event_date", rows);
  }

  void appendClicks(Row... rows) {
    append("bronze_clickstream", CLICKSTREAM, "event_date", rows);
  }

  void appendPayments(Row... rows) {
    append("bronze_payments", PAYMENTS, "event_date", rows);
  }

  void appendWeather(Row... rows) {
    append("bronze_weather", WEATHER, "event_date", rows);
  }

  void appendDeadLetters(Row... rows) {
    append("bronze_dlq_audit", DLQ, "ingest_date", rows);
  }

  private void append(String table, StructType schema, String partitionColumn, Row... rows) {
    spark.createDataFrame(List.of(rows), schema).write().format("delta").mode("append")
        .option("delta.enableChangeDataFeed", String.valueOf(changeFeed))
        .partitionBy(partitionColumn)
        .save(lakeRoot + "/" + table);
  }

  /** Event fields, then the Bronze columns; Kafka time = event time so days line up. */
  private static Row withMeta(String topic, int partition, long offset, String eventTs, Object... fields) {
    Timestamp at = Timestamp.from(Instant.parse(eventTs.trim()));
    List<Object> values = new ArrayList<>(Arrays.asList(fields));
    values.add(topic);
    values.add(partition);
    values.add(offset);
    values.add(at);
    values.add(1);
    values.add(1);
    values.add(at);
    values.add(offset);
    values.add(at);
    values.add(LocalDate.ofInstant(at.toInstant(), ZoneOffset.UTC));
    return RowFactory.create(values.toArray());
  }
}
