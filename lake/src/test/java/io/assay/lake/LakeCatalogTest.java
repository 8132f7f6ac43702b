package io.assay.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.lake.sql.TableDiscovery;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local catalog on Spark's Hive metastore (Derby, embedded: this JVM is alone): tables are named
 * where they lie, registration is idempotent, a moved table is re-pointed, dropping a name keeps the data.
 */
class LakeCatalogTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static LakeLayout lake;
  static LakeCatalog catalog;

  @BeforeAll
  static void start() {
    lake = new LakeLayout(dir.resolve("lake").toString(), dir.resolve("checkpoints").toString());
    spark = SparkSessions.getOrCreate("lake-test", lake.root(), CatalogSettings.local(dir.resolve("metastore").toString(), freePort()));
    catalog = new LakeCatalog(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aWrittenTableIsNamedInItsLayersDatabaseAndQueryableByName() {
    write("gold_daily_order_revenue", 3);
    assertTrue(catalog.register("gold_daily_order_revenue", lake.table("gold_daily_order_revenue")));
    assertTrue(catalog.register("gold_daily_order_revenue", lake.table("gold_daily_order_revenue")), "idempotent");
    assertEquals(3L, spark.sql("SELECT count(*) FROM assay_gold.gold_daily_order_revenue").head().getLong(0));
    assertTrue(catalog.registeredTables().contains("assay_gold.gold_daily_order_revenue"));
    LakeCatalog.TableSummary summary = catalog.summarize("assay_gold.gold_daily_order_revenue");
    assertEquals(3L, summary.rows());
    assertEquals(0L, summary.version());
    assertTrue(Files.isDirectory(dir.resolve("metastore/metastore_db")), "the metastore lives under the data folder");
  }

  @Test
  void existingTablesUnderTheLakeAreNamedAndInternalOnesAreNot() {
    write("silver_orders", 2);
    write("pipeline_metrics", 1);
    write(LakeLayout.MODEL_STATE_TABLE, 1);
    List<String> named = catalog.registerAll(lake);
    assertTrue(named.containsAll(List.of("silver_orders", "pipeline_metrics")), named.toString());
    assertFalse(named.contains(LakeLayout.MODEL_STATE_TABLE));
    assertEquals(2L, spark.sql("SELECT count(*) FROM assay_silver.silver_orders").head().getLong(0));
    assertEquals(1L, spark.sql("SELECT count(*) FROM assay_ops.pipeline_metrics").head().getLong(0));
  }

  @Test
  void aNameIsRePointedWhenTheTableMovesAndDroppingItKeepsTheFiles() {
    String elsewhere = dir.resolve("lake/moved/silver_payments").toString();
    spark.range(5).write().format("delta").save(elsewhere);
    write("silver_payments", 1);
    catalog.register("silver_payments", lake.table("silver_payments"));
    catalog.register("silver_payments", elsewhere);
    assertEquals(5L, spark.sql("SELECT count(*) FROM assay_silver.silver_payments").head().getLong(0));
    spark.sql("DROP TABLE assay_silver.silver_payments");
    assertEquals(1L, spark.read().format("delta").load(lake.table("silver_payments")).count(), "external: files stay");
    assertEquals(5L, spark.read().format("delta").load(elsewhere).count());
  }

  @Test
  void aTableWrittenByAJobOutsideTheMetastoreIsNamedByDiscovery() throws InterruptedException {
    try (TableDiscovery discovery = TableDiscovery.every(Duration.ofMillis(200), catalog, lake, catalog.registerAll(lake))) {
      write("gold_weather_daily_summary", 4); // by path only, as a job with ASSAY_CATALOG=none writes
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!catalog.registeredTables().contains("assay_gold.gold_weather_daily_summary") && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertEquals(4L, spark.sql("SELECT count(*) FROM assay_gold.gold_weather_daily_summary").head().getLong(0));
    }
  }

  @Test
  void aTableOutsideTheConfiguredLakeIsNotNamed() {
    String scratch = dir.resolve("bench-lake/bronze_orders").toString();
    spark.range(1).write().format("delta").save(scratch);
    assertFalse(catalog.register("bronze_orders", scratch));
  }

  @Test
  void aMissingTableIsAClearError() {
    Exception missing = assertThrows(Exception.class, () -> spark.sql("SELECT * FROM assay_gold.no_such_table").collect());
    assertTrue(missing.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND"), missing.getMessage());
  }

  private static void write(String table, long rows) {
    spark.range(rows).write().format("delta").mode("overwrite").save(lake.table(table));
  }

  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
