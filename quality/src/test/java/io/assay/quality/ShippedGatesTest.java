package io.assay.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.quality.bench.SilverSampleData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped gates pass on realistic data, and catch a violation forced into it. */
class ShippedGatesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static SparkSession spark;
  private static Map<String, Dataset<Row>> silver;
  private static GateRunner runner;
  private static GateCatalog catalog;

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
    silver = SilverSampleData.generate(spark, 400, NOW);
    silver.values().forEach(Dataset::cache);
    runner = new GateRunner(spark, Clock.fixed(NOW, ZoneOffset.UTC), "shipped", Optional.empty());
    catalog = GateCatalog.fromClasspath();
  }

  private static GateReport verify(String table, Dataset<Row> data) {
    Gate gate = catalog.gate("silver", table).orElseThrow().bind(data.schema());
    return runner.verify(gate, data, silver::get);
  }

  @Test
  void everySilverGatePassesOnRealisticData() {
    for (String table : silver.keySet()) {
      GateReport report = verify(table, silver.get(table));
      assertEquals(0, report.problems().size(), report.summary());
    }
  }

  @Test
  void negativeAmountForcedIntoSilverPaymentsHaltsNamingTheCheck() {
    Dataset<Row> payments = silver.get("silver_payments");
    Dataset<Row> broken = payments.limit(5).selectExpr(java.util.Arrays.stream(payments.columns())
        .map(c -> c.equals("amount") ? "CAST(-amount AS DECIMAL(12,2)) AS amount" : c.equals("payment_id")
            ? "concat(payment_id, 'X') AS payment_id" : c).toArray(String[]::new));
    GateReport report = verify("silver_payments", payments.unionByName(broken));
    assertTrue(report.halts(), report.summary());
    assertTrue(report.summary().contains("amount_non_negative"), report.summary());
    assertTrue(report.summary().contains("amount_at_least_a_cent"), report.summary());
  }

  @Test
  void paymentForAnUnknownOrderIsWarnedNotHalted() {
    Dataset<Row> payments = silver.get("silver_payments").selectExpr(java.util.Arrays.stream(
        silver.get("silver_payments").columns()).map(c -> c.equals("order_id") ? "concat(order_id, '0') AS order_id" : c)
        .toArray(String[]::new));
    GateReport report = verify("silver_payments", payments);
    assertEquals(CheckStatus.WARNED, report.outcomes().stream().filter(o -> o.checkName().equals("order_exists"))
        .findFirst().orElseThrow().status(), report.summary());
    assertTrue(report.problems().stream().noneMatch(o -> o.status() == CheckStatus.FAILED), report.summary());
  }
}
