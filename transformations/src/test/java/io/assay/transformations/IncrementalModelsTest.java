package io.assay.transformations;

import static io.assay.transformations.BronzeFixture.click;
import static io.assay.transformations.BronzeFixture.deadLetter;
import static io.assay.transformations.BronzeFixture.item;
import static io.assay.transformations.BronzeFixture.order;
import static io.assay.transformations.BronzeFixture.payment;
import static io.assay.transformations.BronzeFixture.weather;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped models over one small fixed Bronze lake, run the way the orchestration runs them
 * (Silver staged and committed, then Gold). The tests are ordered steps of one lake's life, so
 * Spark builds it once: first run outputs, a rerun with nothing new, then a later Bronze version
 * carrying a replayed event and one new order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalModelsTest {
  private static final List<String> MODEL_TABLES = List.of("silver_orders", "silver_clickstream", "silver_payments",
      "silver_weather", "silver_dlq_audit", "gold_daily_order_revenue", "gold_payment_success_rate", "gold_pipeline_health",
      TransformSettings.MODEL_STATE_TABLE);

  private Path lake;
  private SparkSession spark;
  private BronzeFixture bronze;
  private LakeAssertions tables;
  private ModelCatalog catalog;

  @BeforeAll
  void firstRun(@TempDir Path lakeRoot) {
    lake = lakeRoot;
    spark = TestSpark.session();
    bronze = new BronzeFixture(spark, lake.toString());
    tables = new LakeAssertions(spark, lake.toString());
    catalog = ModelCatalog.fromClasspath(spark);
    bronze.appendOrders(
        order("ORD-A", "2026-11-20T10:00:00Z", " placed ", "usd", "25.50", 0, 0,
            item("SKU-00001", "Widget", " Electronics ", 2, "10.00"), item("SKU-00002", " Book ", "books", 1, "5.50")),
        order("ORD-B", "2026-11-20T11:00:00Z", "SHIPPED", "USD", "9.99", 0, 1, item("SKU-00003", "Cable", "electronics", 3, "3.33")),
        order("ORD-B", "2026-11-20T11:00:00Z", "SHIPPED", "USD", "9.99", 0, 5, item("SKU-00003", "Cable", "electronics", 3, "3.33")),
        order("ORD-C", "2026-11-21T09:00:00Z", "DELIVERED", "EUR", "10.00", 1, 0, item("SKU-00001", "Widget", "electronics", 1, "10.00")));
    bronze.appendClicks(
        click("EVT-1", "2026-11-20T10:00:00Z", "  ", " PAGE_VIEW ", "Mobile", 0, 0),
        click("EVT-2", "2026-11-20T10:01:00Z", "USR-1", "search", "desktop", 0, 1),
        click("EVT-3", "2026-11-21T10:00:00Z", "USR-2", "checkout", "tablet", 1, 0));
    List<Row> payments = new ArrayList<>(List.of(
        payment("PAY-1", "2026-11-20T08:00:00Z", "card", "SUCCEEDED", "25.50", 0, 0),
        payment("PAY-2", "2026-11-20T09:00:00Z", " Card ", " succeeded ", "9.99", 0, 1),
        payment("PAY-3", "2026-11-20T10:00:00Z", "card", "FAILED", "9.99", 0, 2),
        payment("PAY-4", "2026-11-20T11:00:00Z", "paypal", "SUCCEEDED", "10.00", 1, 0)));
    for (int i = 1; i <= 32; i++) { // 1 of 32 = 0.03125: HALF_UP gives 0.0313 where HALF_EVEN would give 0.0312
      payments.add(payment(String.format("PAY-U%02d", i), "2026-11-21T12:00:00Z", "upi", i == 1 ? "SUCCEEDED" : "FAILED", "1.00", 2, i));
    }
    bronze.appendPayments(payments.toArray(Row[]::new));
    bronze.appendWeather(weather("W-1", "2026-11-20T06:00:00Z", 0, 0));
    bronze.appendDeadLetters(
        deadLetter("INVALID_ENUM_VALUE", "orders", 0, 100, "2026-11-20T10:30:00Z"),
        deadLetter("MISSING_REQUIRED_FIELD", "orders", 0, 101, "2026-11-20T10:31:00Z"),
        deadLetter("VALUE_OUT_OF_RANGE", "payments", 2, 50, "2026-11-21T12:30:00Z"));
    writeQualityResults();
    runAll("run-1");
  }

  @Test
  @Order(1)
  void silverOrdersHaveOneRowPerItemWithExactDecimalsAndTheFirstCopyOfAReplay() {
    assertEquals(List.of(
        "ORD-A|1|2026-11-20|PLACED|USD|Widget|electronics|2|10.00|20.00|25.50|2|Springfield|US|0",
        "ORD-A|2|2026-11-20|PLACED|USD|Book|books|1|5.50|5.50|25.50|2|Springfield|US|0",
        "ORD-B|1|2026-11-20|SHIPPED|USD|Cable|electronics|3|3.33|9.99|9.99|1|Springfield|US|1",
        "ORD-C|1|2026-11-21|DELIVERED|EUR|Widget|electronics|1|10.00|10.00|10.00|1|Springfield|US|0"),
        tables.rows("silver_orders", "order_id", "line_number", "order_date", "status", "currency", "product_name", "category",
            "quantity", "unit_price", "line_amount", "order_total", "item_count", "ship_city", "ship_country", "_source_offset"));
    assertEquals("decimal(18,2)", tables.typeOf("silver_orders", "line_amount"));
    assertEquals("decimal(12,2)", tables.typeOf("silver_orders", "order_total"));
    assertEquals("timestamp", tables.typeOf("silver_orders", "order_ts"));
  }

  @Test
  @Order(2)
  void silverEventsAreTrimmedNormalisedAndTyped() {
    assertEquals(List.of(
        "EVT-1|null|page_view|mobile|2026-11-20|2026-11-20 10:00:00.0",
        "EVT-2|USR-1|search|desktop|2026-11-20|2026-11-20 10:01:00.0",
        "EVT-3|USR-2|checkout|tablet|2026-11-21|2026-11-21 10:00:00.0"),
        tables.rows("silver_clickstream", "event_id", "user_id", "event_type", "device", "event_date",
            "date_format(event_ts, 'yyyy-MM-dd HH:mm:ss.S')"));
    assertEquals(List.of("PAY-2|card|SUCCEEDED|9.99|USD|null|2026-11-20", "PAY-3|card|FAILED|9.99|USD|card_declined|2026-11-20"),
        tables.rows("silver_payments", "payment_id", "method", "status", "amount", "currency", "failure_reason", "payment_date")
            .subList(1, 3));
    assertEquals("decimal(12,2)", tables.typeOf("silver_payments", "amount"));
    assertEquals(List.of("W-1|Berlin|DE|2026-11-20|3.5|81|Clouds|offline"),
        tables.rows("silver_weather", "reading_id", "city", "country", "observed_date", "temperature_c", "humidity_pct",
            "condition", "source"));
    assertEquals(List.of(
        "orders:0:100|INVALID_ENUM_VALUE|orders|0|100|status|LOST|2026-11-20",
        "orders:0:101|MISSING_REQUIRED_FIELD|orders|0|101|status|LOST|2026-11-20",
        "payments:2:50|VALUE_OUT_OF_RANGE|payments|2|50|status|LOST|2026-11-21"),
        tables.rows("silver_dlq_audit", "dead_letter_id", "category", "source_topic", "source_partition", "source_offset",
            "field", "observed_value", "dead_letter_date"));
  }

  @Test
  @Order(3)
  void goldRevenueCountsEachOrderOnceAndRoundsHalfUp() {
    assertEquals(List.of("2026-11-20|USD|2|6|35.49|17.75", "2026-11-21|EUR|1|1|10.00|10.00"),
        tables.rows("gold_daily_order_revenue", "order_date", "currency", "orders", "items", "gross_revenue", "avg_order_value"));
    assertEquals("decimal(18,2)", tables.typeOf("gold_daily_order_revenue", "gross_revenue"));
    assertEquals("decimal(18,2)", tables.typeOf("gold_daily_order_revenue", "avg_order_value"));
  }

  @Test
  @Order(4)
  void goldPaymentSuccessRateIsDecimalRoundedHalfUp() {
    assertEquals(List.of("2026-11-20|card|3|2|0.6667", "2026-11-20|paypal|1|1|1.0000", "2026-11-21|upi|32|1|0.0313"),
        tables.rows("gold_payment_success_rate", "payment_date", "method", "attempts", "successes", "success_rate"));
    assertEquals("decimal(7,4)", tables.typeOf("gold_payment_success_rate", "success_rate"));
  }

  @Test
  @Order(5)
  void goldPipelineHealthJoinsEventsDeadLettersAndGateOutcomesPerDayAndTopic() {
    assertEquals(List.of(
        "2026-11-20|clickstream|2|0|2|0.0000|{}|0|0|0",
        "2026-11-20|orders|2|2|4|0.5000|{INVALID_ENUM_VALUE=1,MISSING_REQUIRED_FIELD=1}|2|0|1",
        "2026-11-20|payments|4|0|4|0.0000|{}|0|0|0",
        "2026-11-20|weather|1|0|1|0.0000|{}|0|0|0",
        "2026-11-21|clickstream|1|0|1|0.0000|{}|0|0|0",
        "2026-11-21|orders|1|0|1|0.0000|{}|0|0|0",
        "2026-11-21|payments|32|1|33|0.0303|{VALUE_OUT_OF_RANGE=1}|0|1|0"),
        pipelineHealth());
    assertEquals("map<string,bigint>", tables.typeOf("gold_pipeline_health", "dead_letters_by_category"));
  }

  @Test
  @Order(6)
  void modelTablesKeepAChangeFeedForTheModelsDownstream() {
    for (String table : List.of("bronze_orders", "silver_orders", "silver_dlq_audit", "gold_pipeline_health")) {
      Map<String, String> properties = DeltaTable.forPath(spark, lake + "/" + table).detail().head().getJavaMap(
          DeltaTable.forPath(spark, lake + "/" + table).detail().schema().fieldIndex("properties"));
      assertEquals("true", properties.get("delta.enableChangeDataFeed"), table);
    }
  }

  @Test
  @Order(10)
  void rerunWithoutNewBronzeDataLeavesEveryTableVersionUnchanged() {
    Map<String, Long> before = tables.versions(MODEL_TABLES);
    runAll("run-2");
    assertEquals(before, tables.versions(MODEL_TABLES));
  }

  @Test
  @Order(20)
  void laterBronzeVersionWithAReplayedEventCountsItOnceAndRewritesOnlyTheAffectedDay() {
    Map<String, Long> before = tables.versions(MODEL_TABLES);
    long stateBefore = tables.version("_model_state");
    List<String> untouchedDayFiles = tables.rows("gold_daily_order_revenue", "order_date", "input_file_name()").subList(0, 1);
    bronze.appendOrders(
        order("ORD-A", "2026-11-20T10:00:00Z", " placed ", "usd", "25.50", 0, 7,
            item("SKU-00001", "Widget", " Electronics ", 2, "10.00"), item("SKU-00002", " Book ", "books", 1, "5.50")),
        order("ORD-D", "2026-11-21T15:00:00Z", "PLACED", "EUR", "20.01", 1, 1, item("SKU-00004", "Lamp", "home", 1, "20.01")));
    bronze.appendDeadLetters(deadLetter("INVALID_ENUM_VALUE", "orders", 0, 100, "2026-11-20T10:30:00Z"));

    ModelRunner runner = new ModelRunner(spark, TransformSettings.forLake(lake.toString(), "run-3"), catalog);
    runner.runLayer("silver");
    StagedModel revenue = runner.stage("gold_daily_order_revenue");
    assertEquals(List.of(LocalDate.parse("2026-11-21")), revenue.affectedDays());
    assertEquals(List.of("2026-11-21|EUR|2|30.01"), text(revenue.increment()));
    assertEquals(List.of("2026-11-20|USD|2|35.49", "2026-11-21|EUR|2|30.01"), text(revenue.candidate()),
        "candidate = committed days kept + affected day rebuilt");
    assertEquals(before.get("gold_daily_order_revenue"), tables.version("gold_daily_order_revenue"), "not written before commit");
    runner.commit(revenue);
    runner.commitAll(List.of(runner.stage("gold_payment_success_rate"), runner.stage("gold_pipeline_health")));
    runner.cleanupStaging();

    assertEquals(List.of("ORD-A|1|0", "ORD-A|2|0", "ORD-B|1|1", "ORD-C|1|0", "ORD-D|1|1"),
        tables.rows("silver_orders", "order_id", "line_number", "_source_offset"));
    assertEquals(List.of("2026-11-20|USD|2|6|35.49|17.75", "2026-11-21|EUR|2|2|30.01|15.01"),
        tables.rows("gold_daily_order_revenue", "order_date", "currency", "orders", "items", "gross_revenue", "avg_order_value"));
    assertEquals(untouchedDayFiles, tables.rows("gold_daily_order_revenue", "order_date", "input_file_name()").subList(0, 1),
        "the 2026-11-20 revenue row stays in its file");
    String predicate = DeltaTable.forPath(spark, lake + "/gold_daily_order_revenue").history(1)
        .selectExpr("operationParameters['predicate']").head().getString(0);
    assertTrue(predicate.contains("2026-11-21") && !predicate.contains("2026-11-20"), predicate);
    assertEquals(List.of(
        "2026-11-20|orders|2|2|4|0.5000|{INVALID_ENUM_VALUE=1,MISSING_REQUIRED_FIELD=1}|2|0|1",
        "2026-11-21|orders|2|0|2|0.0000|{}|0|0|0"),
        pipelineHealth().stream().filter(r -> r.contains("|orders|")).toList());

    Map<String, Long> after = tables.versions(MODEL_TABLES);
    for (String unchanged : List.of("silver_clickstream", "silver_payments", "silver_weather", "silver_dlq_audit",
        "gold_payment_success_rate")) {
      assertEquals(before.get(unchanged), after.get(unchanged), unchanged + " had no new rows");
    }
    for (String changed : List.of("silver_orders", "gold_daily_order_revenue", "gold_pipeline_health")) {
      assertEquals(before.get(changed) + 1, after.get(changed), changed + " changes in exactly one commit");
    }
    assertEquals(stateBefore + 3, tables.version("_model_state"),
        "one state commit each for the Silver layer (two models written), the revenue model and the last two Gold models");
  }

  private static List<String> text(Dataset<Row> revenue) {
    return revenue.selectExpr("concat_ws('|', order_date, currency, orders, gross_revenue)").collectAsList().stream()
        .map(r -> r.getString(0)).sorted().toList();
  }

  private List<String> pipelineHealth() {
    return tables.rows("gold_pipeline_health", "day", "topic", "valid_events", "dead_letters", "events", "violation_rate",
        "dead_letters_by_category", "gate_checks_passed", "gate_checks_warned", "gate_checks_failed");
  }

  private void runAll(String runId) {
    ModelRunner runner = new ModelRunner(spark, TransformSettings.forLake(lake.toString(), runId), catalog);
    runner.runLayer("silver");
    runner.runLayer("gold");
    runner.cleanupStaging();
  }

  /** A few gate outcomes as the quality module records them (only the columns Gold reads matter). */
  private void writeQualityResults() {
    StructType schema = StructType.fromDDL("run_id STRING, table_name STRING, status STRING, checked_at TIMESTAMP");
    List<Row> rows = List.of(
        RowFactory.create("r", "silver_orders", "PASSED", Instant.parse("2026-11-20T12:00:00Z")),
        RowFactory.create("r", "silver_orders", "PASSED", Instant.parse("2026-11-20T12:00:00Z")),
        RowFactory.create("r", "bronze_orders", "FAILED", Instant.parse("2026-11-20T12:00:00Z")),
        RowFactory.create("r", "silver_payments", "WARNED", Instant.parse("2026-11-21T13:00:00Z")),
        RowFactory.create("r", "gold_daily_order_revenue", "FAILED", Instant.parse("2026-11-20T12:00:00Z")));
    spark.createDataFrame(rows, schema).write().format("delta").save(lake + "/quality_results");
  }
}
