package io.assay.ingestion.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.lake.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.ConcurrentTransactionException;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardedAppendTest {
  private static final String APP = "assay-bronze";
  @TempDir Path dir;
  private SparkSession spark;
  private String table;

  @BeforeEach
  void session() {
    spark = SparkSessions.getOrCreate("assay-test", dir.toString());
    table = dir.resolve("bronze_orders").toString();
  }

  private Dataset<Row> rows(long batch, int count) {
    return spark.sql("SELECT id, " + batch + " AS batch, date_add(DATE'2026-12-01', CAST(id % 2 AS INT)) AS event_date"
        + " FROM range(" + count + ")");
  }

  private long count() {
    return spark.read().format("delta").load(table).count();
  }

  private long countOf(long batch) {
    return spark.read().format("delta").load(table).where("batch = " + batch).count();
  }

  @Test
  void aBatchTheTableHasIsSkippedWhetherItsChecksumSaysSoOrTheLogDoes() throws Exception {
    GuardedAppend.append(rows(0, 5), table, "event_date", APP, 0); // no table yet: Delta's writer creates it
    GuardedAppend.append(rows(1, 7), table, "event_date", APP, 1);
    GuardedAppend.append(rows(1, 7), table, "event_date", APP, 1); // a replayed batch
    assertEquals(12, count());
    assertEquals(7, countOf(1));
    assertTrue(Files.exists(dir.resolve("bronze_orders/_delta_log/00000000000000000001.crc")), "Delta wrote a checksum");

    try (Stream<Path> log = Files.list(dir.resolve("bronze_orders/_delta_log"))) {
      for (Path checksum : log.filter(p -> p.toString().endsWith(".crc")).toList()) {
        Files.delete(checksum);
      }
    }
    DeltaLog.clearCache(); // a fresh process, which finds no checksum
    GuardedAppend.append(rows(1, 7), table, "event_date", APP, 1);
    assertEquals(7, countOf(1), "without a checksum the log itself says the batch is there");

    GuardedAppend.append(rows(2, 3), table, "event_date", APP, 2);
    assertEquals(15, count());
    assertEquals(List.of("event_date"), List.of(spark.sql("DESCRIBE DETAIL delta.`" + table + "`")
        .select("partitionColumns").first().getList(0).toArray()), "appends keep the table's partitioning");
  }

  @Test
  void rowsWithANewColumnGoThroughDeltasWriterAndAddIt() {
    GuardedAppend.append(rows(0, 4), table, "event_date", APP, 0);
    Dataset<Row> evolved = rows(1, 2).selectExpr("*", "'EUR' AS currency");
    GuardedAppend.append(evolved, table, "event_date", APP, 1);
    GuardedAppend.append(evolved, table, "event_date", APP, 1);
    Dataset<Row> now = spark.read().format("delta").load(table);
    assertTrue(List.of(now.columns()).contains("currency"));
    assertEquals(6, now.count());
  }

  @Test
  void aSecondWriterCommittingTheSameBatchMeanwhileMakesThisCommitFail() {
    GuardedAppend.append(rows(0, 4), table, "event_date", APP, 0);
    Runnable racer = () -> GuardedAppend.append(rows(1, 3), table, "event_date", APP, 1);
    assertThrows(ConcurrentTransactionException.class,
        () -> GuardedAppend.append(rows(1, 3), table, "event_date", APP, 1, racer));
    assertEquals(3, countOf(1), "the batch is in the table once: the racer's");
    GuardedAppend.append(rows(1, 3), table, "event_date", APP, 1); // the loser's retry skips it
    assertEquals(3, countOf(1));
  }

  @Test
  void anotherAppsCommitMeanwhileDoesNotConflict() {
    GuardedAppend.append(rows(0, 4), table, "event_date", APP, 0);
    Runnable replay = () -> GuardedAppend.append(rows(7, 2), table, "event_date", "assay-replay-r1", 0);
    GuardedAppend.append(rows(1, 3), table, "event_date", APP, 1, replay);
    assertEquals(9, count());
  }
}
