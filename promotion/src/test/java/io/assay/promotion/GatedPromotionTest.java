package io.assay.promotion;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.quality.CheckOutcome;
import io.assay.quality.CheckStatus;
import io.assay.quality.GateCatalog;
import io.assay.quality.GateReport;
import io.assay.transformations.Model;
import io.assay.transformations.ModelCatalog;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze → Silver → Gold on real data from the real stack, every promotion behind its gate: a clean run
 * promotes everything; a violation forced into Silver's staging, or into Bronze, halts the run naming
 * the check, and the Silver and Gold tables keep their Delta versions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatedPromotionTest {
  @TempDir static Path dir;
  static BronzeHarness harness;

  @BeforeAll
  static void ingest() throws Exception {
    harness = new BronzeHarness(dir);
    harness.produce(dir.resolve("ledger-1.jsonl"), 800, 0.1, 5);
    harness.drain(100_000);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private Promotion promotion(String runId) {
    return new Promotion(harness.spark, harness.lake, runId, GateCatalog.fromClasspath(), Clock.systemUTC());
  }

  @Test
  @Order(1)
  void cleanDataIsPromotedThroughEveryGate() {
    PromotionResult result = promotion("run-clean").transform();
    assertEquals(Optional.empty(), result.haltedAt(), String.join("\n", result.summaryLines()));
    assertEquals(List.of("bronze", "silver", "gold"), List.copyOf(result.countsByLayer().keySet()));
    result.countsByLayer().forEach((layer, counts) -> assertEquals(0L, counts.get("failed"), layer));
    assertTrue(result.countsByLayer().values().stream().mapToLong(c -> c.get("run")).sum() >= 75);
    for (String table : modelTables()) {
      assertTrue(DeltaTable.isDeltaTable(harness.spark, path(table)), table + " was committed");
    }
    assertTrue(harness.spark.read().format("delta").load(path("quality_results"))
        .filter("run_id = 'run-clean'").count() >= 75, "every outcome is a row in quality_results");
  }

  @Test
  @Order(2)
  void negativeAmountForcedIntoSilverStagingHaltsBeforeSilverAndGoldChange() throws Exception {
    harness.produce(dir.resolve("ledger-2.jsonl"), 200, 0.0, 6);
    harness.drain(100_000);
    Map<String, Long> before = versions();
    Path models = Files.createDirectories(dir.resolve("models-negated"));
    for (Model model : ModelCatalog.fromClasspath(harness.spark).runOrder()) {
      String sql = model.sql();
      if (model.name().equals("silver_payments")) {
        String negated = sql.replaceFirst("CAST\\(amount AS DECIMAL\\(12,2\\)\\)(\\s+AS amount)", "-CAST(amount AS DECIMAL(12,2))$1");
        assertFalse(negated.equals(sql), "the test must find silver_payments' amount expression to negate it");
        sql = negated;
      }
      Files.writeString(models.resolve(model.name() + ".sql"), sql);
    }

    PromotionResult result = promotion("run-negated").transform(ModelCatalog.fromDirectory(models, harness.spark));

    assertEquals(Optional.of("silver"), result.haltedAt());
    List<String> failed = failedChecks(result, "silver_payments");
    assertTrue(failed.contains("amount_non_negative"), failed.toString());
    assertTrue(String.join("\n", result.summaryLines()).contains("amount_non_negative"), "the report names the check");
    assertEquals(before, versions(), "Silver and Gold keep their Delta versions");
    assertTrue(harness.spark.read().format("delta").load(path("quality_results"))
        .filter("run_id = 'run-negated' AND check_name = 'amount_non_negative' AND status = 'FAILED'").count() == 1);
  }

  @Test
  @Order(3)
  void negativeAmountInBronzeHaltsAtTheBronzeGate() {
    Map<String, Long> before = versions();
    Dataset<Row> bronze = harness.spark.read().format("delta").load(harness.lake.bronzeTable("payments"));
    bronze.limit(1)
        .withColumn("payment_id", lit("PAY-FFFFFFFFFFFF"))
        .withColumn("amount", lit(new java.math.BigDecimal("-14.50")).cast(DataTypes.createDecimalType(12, 2)))
        .write().format("delta").mode("append").save(harness.lake.bronzeTable("payments"));

    PromotionResult result = promotion("run-bad-bronze").transform();

    assertEquals(Optional.of("bronze"), result.haltedAt());
    assertTrue(failedChecks(result, "bronze_payments").contains("amount_at_least_a_cent"), result.summaryLines().toString());
    assertEquals(List.of("bronze"), List.copyOf(result.countsByLayer().keySet()), "no later gate ran");
    assertEquals(before, versions());
  }

  private static List<String> failedChecks(PromotionResult result, String table) {
    return result.reports().stream().filter(r -> r.table().equals(table)).map(GateReport::outcomes)
        .flatMap(List::stream).filter(o -> o.status() == CheckStatus.FAILED).map(CheckOutcome::checkName).toList();
  }

  private static List<String> modelTables() {
    return ModelCatalog.fromClasspath(harness.spark).runOrder().stream().map(Model::name).toList();
  }

  private static Map<String, Long> versions() {
    Map<String, Long> versions = new TreeMap<>();
    for (String table : modelTables()) {
      versions.put(table, DeltaTable.forPath(harness.spark, path(table)).history(1).select("version").head().getLong(0));
    }
    return versions;
  }

  private static String path(String table) {
    return harness.lake.table(table);
  }
}
