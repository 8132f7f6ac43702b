package io.assay.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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

/**
 * on_fail: quarantine: what a gate file may declare, and that the row predicate derived from a check
 * picks out exactly the rows its Deequ check counts as failing (the rows kept pass the same check).
 */
class QuarantineChecksTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static SparkSession spark;
  private static GateRunner runner;
  private static Dataset<Row> data;

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
    runner = new GateRunner(spark, Clock.fixed(NOW, ZoneOffset.UTC), "quarantine-test", Optional.empty());
    data = spark.sql("""
        SELECT id, CAST(amount AS DECIMAL(12,2)) AS amount, status, code, method, currency
        FROM VALUES
          (1, 10.00, 'SUCCEEDED', 'A-1', 'card', 'EUR'),
          (2, -1.00, 'FAILED',    'A-2', 'upi',  'INR'),
          (3, NULL,  'failed',    'b-3', 'upi',  'USD'),
          (4, 5.00,  NULL,        NULL,  'card', NULL),
          (5, 0.00,  'SUCCEEDED', 'A-5', NULL,   'GBP')
          AS t(id, amount, status, code, method, currency)""").cache();
  }

  static Stream<Arguments> rowChecks() {
    return Stream.of(
        Arguments.of("{type: completeness, column: status}", List.of(4)),
        Arguments.of("{type: completeness, column: amount, where: \"status = 'SUCCEEDED'\"}", List.of()),
        Arguments.of("{type: completeness, column: code, where: \"method = 'card'\"}", List.of(4)),
        Arguments.of("{type: min, column: amount, value: 0.01}", List.of(2, 5)),
        Arguments.of("{type: max, column: amount, value: 9}", List.of(1)),
        Arguments.of("{type: non_negative, column: amount}", List.of(2)),
        Arguments.of("{type: allowed_values, column: status, values: [SUCCEEDED, FAILED]}", List.of(3)),
        Arguments.of("{type: pattern, column: code, regex: '^A-[0-9]$'}", List.of(3)),
        Arguments.of("{type: satisfies, predicate: \"method <> 'upi' OR currency = 'INR'\"}", List.of(3, 5)),
        Arguments.of("{type: min, column: amount, value: 1, where: \"status = 'FAILED'\"}", List.of(2)));
  }

  @ParameterizedTest
  @MethodSource("rowChecks")
  void predicateNamesExactlyTheRowsTheDeequCheckFails(String check, List<Integer> failing) {
    String yaml = "layer: silver\ntable: t\nchecks:\n  - " + check.replace("{", "{name: c, severity: error, on_fail: quarantine, max_quarantine_ratio: 1, ");
    Gate gate = GateFile.parse("t.yaml", yaml).bind(data.schema());
    CheckDefinition definition = gate.quarantineChecks().get(0);
    List<Integer> broken = data.filter(RowPredicate.keeps(definition).unary_$bang()).select("id").collectAsList()
        .stream().map(r -> r.getInt(0)).sorted().toList();
    assertEquals(failing, broken, check);
    assertEquals(!failing.isEmpty(), runner.verify(gate, data).halts(), "Deequ agrees the check fails on all rows: " + check);
    GateReport kept = runner.verify(gate, data.filter(RowPredicate.keeps(definition)));
    CheckOutcome accounted = kept.outcomes().get(0).quarantined(failing.size(), data.count(), 1.0);
    assertEquals(CheckStatus.PASSED, accounted.status(), "the rows kept pass the same Deequ check: " + kept.summary());
  }

  @Test
  void outcomeFailsOnlyAboveTheMaximumShare() {
    CheckOutcome passed = new CheckOutcome("silver", "t", "c", "", Severity.ERROR, CheckStatus.PASSED, "1.0000", "b", "");
    CheckOutcome within = passed.quarantined(2, 200, 0.01);
    assertEquals(CheckStatus.PASSED, within.status());
    assertEquals(2, within.quarantinedRows());
    assertTrue(within.describe().contains("2 rows quarantined"), within.describe());
    CheckOutcome above = passed.quarantined(3, 200, 0.01);
    assertEquals(CheckStatus.FAILED, above.status());
    assertTrue(above.message().contains("3 of 200 staged rows (0.0150) break it, more than max_quarantine_ratio 0.01"), above.message());
  }

  static Stream<Arguments> badDeclarations() {
    return Stream.of(
        Arguments.of("silver", "{name: c, type: min, severity: error, column: amount, value: 0, on_fail: drop}",
            "check 'c': on_fail must be halt or quarantine, not 'drop'"),
        Arguments.of("silver", "{name: c, type: row_count, severity: error, min: 1, on_fail: quarantine, max_quarantine_ratio: 0.1}",
            "check 'c': on_fail: quarantine needs a row-level check"),
        Arguments.of("silver", "{name: c, type: primary_key, severity: error, columns: [id], on_fail: quarantine, max_quarantine_ratio: 0.1}",
            "a primary_key check judges the table as a whole, so it halts"),
        Arguments.of("silver", "{name: c, type: min, severity: warning, column: amount, value: 0, on_fail: quarantine, max_quarantine_ratio: 0.1}",
            "on_fail: quarantine needs severity error"),
        Arguments.of("silver", "{name: c, type: pattern, severity: error, column: code, regex: x, min: 0.9, on_fail: quarantine, max_quarantine_ratio: 0.1}",
            "cannot also tolerate a share of them with min"),
        Arguments.of("silver", "{name: c, type: min, severity: error, column: amount, value: 0, on_fail: quarantine}",
            "on_fail: quarantine needs max_quarantine_ratio"),
        Arguments.of("silver", "{name: c, type: min, severity: error, column: amount, value: 0, max_quarantine_ratio: 0.1}",
            "max_quarantine_ratio needs on_fail: quarantine"),
        Arguments.of("silver", "{name: c, type: min, severity: error, column: amount, value: 0, on_fail: quarantine, max_quarantine_ratio: 2}",
            "max_quarantine_ratio must be between 0 and 1, not 2.0"),
        Arguments.of("bronze", "{name: c, type: min, severity: error, column: amount, value: 0, on_fail: quarantine, max_quarantine_ratio: 0.1}",
            "on_fail: quarantine is for the silver layer only"),
        Arguments.of("gold", "{name: c, type: min, severity: error, column: amount, value: 0, on_fail: quarantine, max_quarantine_ratio: 0.1}",
            "on_fail: quarantine is for the silver layer only"));
  }

  @ParameterizedTest
  @MethodSource("badDeclarations")
  void refusesQuarantineWhereItCannotMeanAnything(String layer, String check, String message) {
    GateDefinitionException error = assertThrows(GateDefinitionException.class,
        () -> GateFile.parse("t.yaml", "layer: " + layer + "\ntable: t\nchecks:\n  - " + check));
    assertTrue(error.getMessage().contains(message), error.getMessage());
  }

  @Test
  void haltIsTheDefaultAndMayBeWritten() {
    GateFile file = GateFile.parse("t.yaml", """
        layer: silver
        table: t
        checks:
          - {name: a, type: min, severity: error, column: amount, value: 0}
          - {name: b, type: min, severity: error, column: amount, value: 0, on_fail: halt}
        """);
    assertTrue(file.checks().stream().allMatch(c -> c.onFail() == FailAction.HALT));
    assertEquals(List.of(), file.bind(data.schema()).quarantineChecks());
  }

  @Test
  void shippedSilverPaymentsQuarantinesUpiOutsideRupees() {
    GateFile payments = GateCatalog.fromClasspath().gate("silver", "silver_payments").orElseThrow();
    CheckDefinition check = payments.checks().stream().filter(CheckDefinition::quarantines).findFirst().orElseThrow();
    assertEquals("upi_settles_rupees", check.name());
    assertEquals(0.01, check.maxQuarantineRatio());
  }
}
