package io.assay.transformations;

import static io.assay.transformations.BronzeFixture.item;
import static io.assay.transformations.BronzeFixture.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a gate sees before commit, and that nothing reaches a table until then. */
class StagingTest {
  private static SparkSession spark;
  private static ModelCatalog catalog;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
    catalog = ModelCatalog.fromClasspath(spark);
  }

  @Test
  void stagedIncrementIsWhatCommitWritesAndNothingIsWrittenBefore(@TempDir Path lake) {
    BronzeFixture bronze = new BronzeFixture(spark, lake.toString());
    LakeAssertions tables = new LakeAssertions(spark, lake.toString());
    bronze.appendOrders(
        order("ORD-A", "2026-11-20T10:00:00Z", "PLACED", "USD", "25.50", 0, 0,
            item("SKU-00001", "Widget", "electronics", 2, "10.00"), item("SKU-00002", "Book", "books", 1, "5.50")));
    spark.range(7).createOrReplaceTempView("bronze_orders"); // the caller's own view of that name
    ModelRunner first = new ModelRunner(spark, TransformSettings.forLake(lake.toString(), "run-1"), catalog);
    StagedModel staged = first.stage("silver_orders");
    assertEquals(7, spark.table("bronze_orders").count(), "models register their views in their own session");
    assertFalse(DeltaTable.isDeltaTable(spark, lake + "/silver_orders"), "no table before commit");
    assertFalse(DeltaTable.isDeltaTable(spark, lake + "/_model_state"), "no state before commit");
    assertEquals(2, staged.increment().count());
    assertTrue(staged.increment().inputFiles()[0].contains("/_staging/run-1/silver_orders/"), staged.increment().inputFiles()[0]);
    first.commit(staged);
    assertEquals(List.of("ORD-A|1", "ORD-A|2"), tables.rows("silver_orders", "order_id", "line_number"));

    bronze.appendOrders(
        order("ORD-A", "2026-11-20T10:00:00Z", "PLACED", "USD", "25.50", 0, 9,
            item("SKU-00001", "Widget", "electronics", 2, "10.00"), item("SKU-00002", "Book", "books", 1, "5.50")),
        order("ORD-D", "2026-11-22T10:00:00Z", "PLACED", "EUR", "20.01", 1, 0, item("SKU-00004", "Lamp", "home", 1, "20.01")));
    ModelRunner second = new ModelRunner(spark, TransformSettings.forLake(lake.toString(), "run:2"), catalog);
    long versionBefore = tables.version("silver_orders");
    StagedModel next = second.stage("silver_orders");
    assertEquals(1, next.increment().count(), "only the new order; the replay of ORD-A is not new");
    assertEquals(3, next.candidate().count(), "table as it will be: 2 committed lines + 1 new");
    assertEquals(List.of(LocalDate.parse("2026-11-22")), next.affectedDays());
    assertEquals(versionBefore, tables.version("silver_orders"), "staging does not write the table");

    IllegalStateException early = assertThrows(IllegalStateException.class, () -> second.stage("gold_daily_order_revenue"));
    assertTrue(early.getMessage().contains("commit silver_orders before staging gold_daily_order_revenue"), early.getMessage());

    List<String> stagedFiles = Stream.of(next.increment().inputFiles()).map(f -> f.substring(f.lastIndexOf('/') + 1)).toList();
    second.commit(next);
    assertEquals(versionBefore + 1, tables.version("silver_orders"), "one commit");
    assertEquals(3, spark.read().format("delta").load(lake + "/silver_orders").count());
    assertEquals("WRITE", DeltaTable.forPath(spark, lake + "/silver_orders").history(1).head().getAs("operation"),
        "the new keys are appended, not merged");
    List<String> tableFiles = Stream.of(spark.read().format("delta").load(lake + "/silver_orders").inputFiles())
        .map(f -> f.substring(f.lastIndexOf('/') + 1)).toList();
    assertTrue(tableFiles.containsAll(stagedFiles), "the table gained the staged files themselves: " + stagedFiles + " in " + tableFiles);
    second.cleanupStaging();
    assertFalse(lake.resolve("_staging/run_2").toFile().exists());
    assertTrue(lake.resolve("_staging/run-1/silver_orders").toFile().exists(), "another run's staging is left alone");
  }

  @Test
  void bronzeWithoutChangeFeedIsReadWholeAndStillInsertsEachKeyOnce(@TempDir Path lake) {
    BronzeFixture bronze = new BronzeFixture(spark, lake.toString(), false);
    LakeAssertions tables = new LakeAssertions(spark, lake.toString());
    Row ordA = order("ORD-A", "2026-11-20T10:00:00Z", "PLACED", "USD", "10.00", 0, 0, item("SKU-00001", "Widget", "home", 1, "10.00"));
    bronze.appendOrders(ordA);
    ModelRunner first = new ModelRunner(spark, TransformSettings.forLake(lake.toString(), "run-1"), catalog);
    first.commit(first.stage("silver_orders"));
    bronze.appendOrders(ordA, order("ORD-B", "2026-11-21T10:00:00Z", "PLACED", "USD", "5.00", 0, 1,
        item("SKU-00002", "Book", "books", 1, "5.00")));
    ModelRunner second = new ModelRunner(spark, TransformSettings.forLake(lake.toString(), "run-2"), catalog);
    StagedModel staged = second.stage("silver_orders");
    assertEquals(1, staged.incrementRows(), "ORD-A is in the table already");
    second.commit(staged);
    assertEquals(List.of("ORD-A|1|0", "ORD-B|1|1"), tables.rows("silver_orders", "order_id", "line_number", "_source_offset"));
  }

  @Test
  void missingBronzeTableSaysWhereAndToRunIngestFirst(@TempDir Path lake) {
    ModelRunner runner = new ModelRunner(spark, TransformSettings.forLake(lake.toString(), "run-1"), catalog);
    MissingSourceTableException error = assertThrows(MissingSourceTableException.class, () -> runner.stage("silver_payments"));
    assertTrue(error.getMessage().contains(lake + "/bronze_payments"), error.getMessage());
    assertTrue(error.getMessage().contains("run ingest first"), error.getMessage());
  }
}
