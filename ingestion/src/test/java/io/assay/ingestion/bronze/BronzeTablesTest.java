package io.assay.ingestion.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assay.lake.LakeLayout;
import io.assay.lake.SparkSessions;
import io.assay.schemas.contract.ContractCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.collection.JavaConverters;

/** Bronze's tables are made in one commit with their properties; a table from an older build gets them once. */
class BronzeTablesTest {
  private static final ContractCatalog CATALOG = ContractCatalog.fromClasspath();
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.getOrCreate("bronze-tables-test", dir.toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void newTablesAreOneCommitWithTheirPropertiesAndPartitions() {
    LakeLayout lake = LakeLayout.at(dir.resolve("new").toString());
    BronzeTables.ensureExist(spark, CATALOG, lake);

    for (String topic : CATALOG.topics()) {
      Snapshot table = snapshot(lake.bronzeTable(topic));
      assertEquals(0L, table.version(), topic);
      assertEquals(BronzeTables.PROPERTIES, properties(table), topic);
      assertEquals(List.of("event_date"), JavaConverters.seqAsJavaList(table.metadata().partitionColumns()), topic);
    }
    Snapshot deadLetters = snapshot(lake.table(LakeLayout.DLQ_TABLE));
    assertEquals(BronzeTables.PROPERTIES, properties(deadLetters));
    assertEquals(List.of("ingest_date"), JavaConverters.seqAsJavaList(deadLetters.metadata().partitionColumns()));
  }

  @Test
  void aTableFromAnOlderBuildGetsTheCheckpointIntervalOnce() {
    LakeLayout lake = LakeLayout.at(dir.resolve("old").toString());
    String orders = lake.bronzeTable("orders");
    // As builds before 2026-12-07 made it: an empty append, then the change feed and Delta's default interval.
    spark.createDataFrame(List.of(), BronzeBatchWriter.bronzeRows(spark.createDataFrame(List.of(), RoutedSchema.of(CATALOG)),
        CATALOG.forTopic("orders"), -1).schema()).write().format("delta").partitionBy("event_date").save(orders);
    spark.sql("ALTER TABLE delta.`" + orders + "` SET TBLPROPERTIES (delta.enableChangeDataFeed = true, delta.checkpointInterval = 10)");

    BronzeTables.ensureExist(spark, CATALOG, lake);
    Snapshot upgraded = snapshot(orders);
    assertEquals(BronzeTables.PROPERTIES, properties(upgraded));
    assertEquals(2L, upgraded.version(), "one commit set the properties");

    BronzeTables.ensureExist(spark, CATALOG, lake);
    assertEquals(2L, snapshot(orders).version(), "nothing to change the second time");
  }

  private static Snapshot snapshot(String path) {
    return DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
  }

  private static Map<String, String> properties(Snapshot table) {
    return JavaConverters.mapAsJavaMap(table.metadata().configuration());
  }
}
