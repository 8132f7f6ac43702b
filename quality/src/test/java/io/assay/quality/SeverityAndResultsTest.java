package io.assay.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warnings are recorded but do not halt; errors halt; outcomes become quality_results rows and metrics. */
class SeverityAndResultsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String GATE = """
      layer: silver
      table: silver_payments
      checks:
        - {name: not_empty, type: row_count, severity: error, min: 1}
        - {name: amount_capped_softly, type: max, severity: warning, column: amount, value: 20}
        - {name: amount_capped_hard, type: max, severity: error, column: amount, value: 100}
      """;
  private static SparkSession spark;
  private static Dataset<Row> payments;

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
    payments = spark.sql("SELECT * FROM VALUES ('PAY-1', CAST(10.00 AS DECIMAL(12,2))), ('PAY-2', CAST(50.00 AS DECIMAL(12,2)))"
        + " AS t(payment_id, amount)");
  }

  private static GateRunner runner(Optional<QualityMetricsRepository> metrics) {
    return new GateRunner(spark, Clock.fixed(NOW, ZoneOffset.UTC), "run-42", metrics);
  }

  @Test
  void failedWarningIsWarnedAndDoesNotHalt() {
    GateReport report = runner(Optional.empty()).verify(GateFile.parse("g.yaml", GATE).bind(payments.schema()), payments);
    assertEquals(List.of(CheckStatus.PASSED, CheckStatus.WARNED, CheckStatus.PASSED),
        report.outcomes().stream().map(CheckOutcome::status).toList());
    assertFalse(report.halts());
    assertEquals(1, report.problems().size());
    assertEquals(Severity.WARNING, report.problems().get(0).severity());
  }

  @Test
  void failedErrorHaltsAndTheSummaryNamesCheckObservedAndExpected() {
    Dataset<Row> expensive = payments.selectExpr("payment_id", "amount * 10 AS amount");
    GateReport report = runner(Optional.empty()).verify(GateFile.parse("g.yaml", GATE).bind(payments.schema()), expensive);
    assertTrue(report.halts());
    assertEquals(1, report.count(CheckStatus.FAILED));
    assertEquals(1, report.count(CheckStatus.WARNED));
    assertTrue(report.summary().contains("FAILED silver_payments.amount_capped_hard: observed 500.00, expected max(amount) <= 100.00"),
        report.summary());
  }

  @Test
  void outcomesAreAppendedToQualityResultsAndMetricsToTheRepository(@TempDir Path lake) throws Exception {
    QualityMetricsRepository metrics = new QualityMetricsRepository(spark, lake.resolve("_quality_metrics").toString());
    GateReport report = runner(Optional.of(metrics)).verify(GateFile.parse("g.yaml", GATE).bind(payments.schema()), payments);
    String results = lake.resolve("quality_results").toString();
    QualityResultsTable.append(spark, results, List.of(report));
    QualityResultsTable.append(spark, results, List.of(report));

    Dataset<Row> rows = spark.read().format("delta").load(results);
    assertEquals(QualityResultsTable.SCHEMA.fieldNames().length, rows.schema().fieldNames().length);
    assertEquals(6, rows.count());
    Row warned = rows.where("status = 'WARNED'").first();
    assertEquals("run-42", warned.getAs("run_id"));
    assertEquals("silver", warned.getAs("layer"));
    assertEquals("silver_payments", warned.getAs("table_name"));
    assertEquals("amount_capped_softly", warned.getAs("check_name"));
    assertEquals("WARNING", warned.getAs("severity"));
    assertEquals("50.00", warned.getAs("observed"));
    assertEquals("max(amount) <= 20.00", warned.getAs("bound"));
    assertEquals(java.sql.Date.valueOf("2026-11-25"), warned.getAs("check_date"));
    Path file = lake.resolve("_quality_metrics/silver/silver_payments/2026-11-25.json");
    assertTrue(Files.exists(file), "the table's file for the day of the check");
    String json = Files.readString(file);
    assertTrue(json.contains("run-42") && json.contains("silver_payments"), json);
    var saved = metrics.load("silver", "silver_payments", java.time.LocalDate.parse("2026-11-24"), java.time.LocalDate.parse("2026-11-26"));
    assertEquals(1, saved.size(), "the run, read back over a range of days");
    assertEquals(List.of(), metrics.load("silver", "silver_orders", java.time.LocalDate.parse("2026-11-25"), java.time.LocalDate.parse("2026-11-25")),
        "another table's runs are in its own files");
  }

  @Test
  void gatesRunningAtOnceEachKeepTheirMetrics(@TempDir Path lake) throws Exception {
    QualityMetricsRepository metrics = new QualityMetricsRepository(spark, lake.resolve("_quality_metrics").toString());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<GateReport>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        GateRunner runner = new GateRunner(spark, Clock.fixed(NOW, ZoneOffset.UTC), "run-" + i, Optional.of(metrics));
        runs.add(pool.submit(() -> runner.verify(GateFile.parse("g.yaml", GATE).bind(payments.schema()), payments)));
      }
      for (java.util.concurrent.Future<GateReport> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdown();
    }
    var saved = metrics.load("silver", "silver_payments", java.time.LocalDate.parse("2026-11-25"), java.time.LocalDate.parse("2026-11-25"));
    assertEquals(3, saved.size(), "no save lost another's result");
  }

  @Test
  void theLastOutcomeOfATableIsItsLatestRunsWorstStatus(@TempDir Path lake) {
    String results = lake.resolve("quality_results").toString();
    assertEquals(java.util.Map.of(), QualityResultsTable.lastOutcomes(spark, results), "no table yet: nothing gated");
    GateReport clean = runner(Optional.empty()).verify(GateFile.parse("g.yaml", GATE).bind(payments.schema()), payments);
    QualityResultsTable.append(spark, results, List.of(clean));
    assertTrue(QualityResultsTable.lastOutcomes(spark, results).get("silver_payments").startsWith("WARNED (3 checks, run-42, 2026-11-25T12:00:00Z)"));

    Dataset<Row> expensive = payments.selectExpr("payment_id", "amount * 10 AS amount");
    GateReport later = new GateRunner(spark, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC), "run-43", Optional.empty())
        .verify(GateFile.parse("g.yaml", GATE).bind(payments.schema()), expensive);
    QualityResultsTable.append(spark, results, List.of(later));
    assertEquals("FAILED (3 checks, run-43, 2026-11-25T13:00:00Z)", QualityResultsTable.lastOutcomes(spark, results).get("silver_payments"));
  }
}
