package io.assay.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every check type passes on good data and fails on data made to break it. */
class CheckTypesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static SparkSession spark;
  private static GateRunner runner;

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
    runner = new GateRunner(spark, Clock.fixed(NOW, ZoneOffset.UTC), "test-run", Optional.empty());
    spark.sql("""
        SELECT payment_id, order_id, CAST(amount AS DECIMAL(12,2)) AS amount, status,
               CAST(paid_at AS TIMESTAMP) AS paid_at, to_date(CAST(paid_at AS TIMESTAMP)) AS paid_date
        FROM VALUES
          ('PAY-1', 'ORD-1', 10.00, 'SUCCEEDED', '2026-11-25 11:00:00'),
          ('PAY-2', 'ORD-2', 25.50, 'SUCCEEDED', '2026-11-25 10:00:00'),
          ('PAY-3', 'ORD-2', 0.01, 'FAILED', '2026-11-24 23:00:00')
          AS t(payment_id, order_id, amount, status, paid_at)""").createOrReplaceTempView("good");
    spark.sql("SELECT * FROM VALUES ('ORD-1'), ('ORD-2') AS o(order_id)").createOrReplaceTempView("orders");
  }

  static Stream<Arguments> checkTypes() {
    return Stream.of(
        Arguments.of("{name: c, type: row_count, severity: error, min: 2, max: 5}", "SELECT * FROM good LIMIT 1"),
        Arguments.of("{name: c, type: completeness, severity: error, column: order_id}",
            "SELECT payment_id, NULL AS order_id, amount, status, paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: uniqueness, severity: error, columns: [payment_id]}",
            "SELECT * FROM good UNION ALL SELECT * FROM good WHERE payment_id = 'PAY-1'"),
        Arguments.of("{name: c, type: primary_key, severity: error, columns: [payment_id, order_id]}",
            "SELECT CASE WHEN payment_id = 'PAY-1' THEN NULL ELSE payment_id END AS payment_id, order_id, amount, status, paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: min, severity: error, column: amount, value: 0.01}",
            "SELECT payment_id, order_id, amount - 0.01 AS amount, status, paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: max, severity: error, column: amount, value: 1000}",
            "SELECT payment_id, order_id, amount * 100 AS amount, status, paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: allowed_values, severity: error, column: status, values: [SUCCEEDED, FAILED]}",
            "SELECT payment_id, order_id, amount, lower(status) AS status, paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: pattern, severity: error, column: payment_id, regex: '^PAY-[0-9]+$'}",
            "SELECT lower(payment_id) AS payment_id, order_id, amount, status, paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: non_negative, severity: error, column: amount}",
            "SELECT payment_id, order_id, -amount AS amount, status, paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: freshness, severity: error, column: paid_at, max_age: P1D}",
            "SELECT payment_id, order_id, amount, status, paid_at - INTERVAL 3 DAYS AS paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: freshness, severity: error, column: paid_date, max_age: P2D}",
            "SELECT payment_id, order_id, amount, status, paid_at, date_add(paid_date, 2) AS paid_date FROM good"),
        Arguments.of("{name: c, type: ratio, severity: error, predicate: \"status = 'SUCCEEDED'\", min: 0.5}",
            "SELECT payment_id, order_id, amount, 'FAILED' AS status, paid_at, paid_date FROM good"),
        Arguments.of("{name: c, type: satisfies, severity: error, predicate: 'paid_date = to_date(paid_at)'}",
            "SELECT payment_id, order_id, amount, status, paid_at, date_sub(paid_date, 1) AS paid_date FROM good"),
        Arguments.of("{name: c, type: referential, severity: error, column: order_id, ref_table: orders, ref_column: order_id}",
            "SELECT payment_id, concat(order_id, '9') AS order_id, amount, status, paid_at, paid_date FROM good"));
  }

  @ParameterizedTest
  @MethodSource("checkTypes")
  void passesOnGoodDataAndFailsOnBrokenData(String check, String breakingQuery) {
    Gate gate = gate(check);
    CheckOutcome good = only(runner.verify(gate, spark.table("good"), spark::table));
    assertEquals(CheckStatus.PASSED, good.status(), good.describe());
    GateReport broken = runner.verify(gate, spark.sql(breakingQuery), spark::table);
    CheckOutcome bad = only(broken);
    assertEquals(CheckStatus.FAILED, bad.status(), bad.describe());
    assertTrue(broken.halts());
    assertFalse(bad.observed().isEmpty());
    assertFalse(bad.bound().isEmpty());
  }

  @Test
  void observedAndBoundAreReadable() {
    GateReport report = runner.verify(gate("{name: amount_cap, type: max, severity: error, column: amount, value: 20}"),
        spark.table("good"));
    CheckOutcome outcome = only(report);
    assertEquals("25.50", outcome.observed(), "a decimal(12,2) column prints at its scale");
    assertEquals("max(amount) <= 20.00", outcome.bound());
    assertTrue(report.summary().contains("amount_cap: observed 25.50, expected max(amount) <= 20.00 (Value: 25.50 does not meet"), report.summary());
    assertTrue(outcome.constraint().contains("MaximumConstraint"), outcome.constraint());
  }

  @Test
  void decimalBoundsAndObservedValuesPrintExactlyAtTheColumnsScale() {
    GateReport report = runner.verify(gate("{name: amount_positive, type: min, severity: error, column: amount, value: 0}"),
        spark.sql("SELECT payment_id, order_id, CAST(-5 AS DECIMAL(12,2)) AS amount, status, paid_at, paid_date FROM good"));
    CheckOutcome outcome = only(report);
    assertEquals("-5.00", outcome.observed());
    assertEquals("min(amount) >= 0.00", outcome.bound());
    assertTrue(outcome.message().startsWith("Value: -5.00 does not meet"), outcome.message());
    CheckOutcome finer = only(runner.verify(gate("{name: c, type: max, severity: error, column: amount, value: 0.015}"), spark.table("good")));
    assertEquals("max(amount) <= 0.015", finer.bound(), "a bound finer than the scale is shown as written, not rounded");
  }

  @Test
  void freshnessReportsTheNewestValueAgainstTheInjectedClock() {
    CheckOutcome outcome = only(runner.verify(
        gate("{name: fresh, type: freshness, severity: error, column: paid_at, max_age: PT2H}"), spark.table("good")));
    assertEquals(CheckStatus.PASSED, outcome.status());
    assertEquals("2026-11-25T11:00:00Z", outcome.observed());
    GateRunner later = new GateRunner(spark, Clock.fixed(NOW.plusSeconds(7200), ZoneOffset.UTC), "r", Optional.empty());
    assertEquals(CheckStatus.FAILED, only(later.verify(gate(
        "{name: fresh, type: freshness, severity: error, column: paid_at, max_age: PT2H}"), spark.table("good"))).status());
  }

  @Test
  void whereScopesACheckToMatchingRows() {
    Gate gate = gate("{name: big_successes, type: min, severity: error, column: amount, value: 1, where: \"status = 'SUCCEEDED'\"}");
    assertEquals(CheckStatus.PASSED, only(runner.verify(gate, spark.table("good"))).status());
  }

  @Test
  void valueChecksHoldVacuouslyOnAnEmptyTableButRowCountDoesNot() {
    Gate gate = GateFile.parse("t.yaml", """
        layer: silver
        table: payments
        checks:
          - {name: not_empty, type: row_count, severity: error, min: 1}
          - {name: key, type: primary_key, severity: error, columns: [payment_id]}
          - {name: cap, type: max, severity: error, column: amount, value: 5}
          - {name: fresh, type: freshness, severity: error, column: paid_at, max_age: P1D}
        """).bind(spark.table("good").schema());
    GateReport report = runner.verify(gate, spark.table("good").limit(0));
    assertEquals(CheckStatus.FAILED, report.outcomes().get(0).status());
    assertEquals(3, report.count(CheckStatus.PASSED), report.summary());
  }

  @Test
  void referentialCheckWithoutTheOtherTableIsReportedNotCrashed() {
    Gate gate = gate("{name: ref, type: referential, severity: warning, column: order_id, ref_table: silver_orders, ref_column: order_id}");
    CheckOutcome outcome = only(runner.verify(gate, spark.table("good")));
    assertEquals(CheckStatus.WARNED, outcome.status());
    assertTrue(outcome.message().contains("silver_orders"), outcome.message());
  }

  static Gate gate(String check) {
    return GateFile.parse("test.yaml", "layer: silver\ntable: payments\nchecks:\n  - " + check + "\n")
        .bind(spark.table("good").schema());
  }

  static CheckOutcome only(GateReport report) {
    assertEquals(1, report.outcomes().size());
    return report.outcomes().get(0);
  }
}
