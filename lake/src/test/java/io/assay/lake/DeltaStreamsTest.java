package io.assay.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream from a table's start sees every appended row, whether or not the log still holds version 0. */
class DeltaStreamsTest {
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.getOrCreate("delta-streams-test", dir.resolve("lake").toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void readsEveryRowFromTheFirstCommit() throws Exception {
    String table = dir.resolve("whole").toString();
    appendThrice(table);

    assertTrue(DeltaStreams.holdsFirstCommit(spark, table));
    assertEquals(30L, drain(table, "whole_rows"), "rows of all three commits");
  }

  @Test
  void startsFromASnapshotOnceTheLogNoLongerHoldsVersionZero() throws Exception {
    String table = dir.resolve("cleaned").toString();
    appendThrice(table); // a checkpoint at version 2 (interval 2), so versions 0 and 1 may go, as Delta's clean-up would
    Path log = Path.of(table, "_delta_log");
    Files.delete(log.resolve("00000000000000000000.json"));
    Files.delete(log.resolve("00000000000000000001.json"));

    assertFalse(DeltaStreams.holdsFirstCommit(spark, table));
    assertEquals(30L, drain(table, "cleaned_rows"), "the snapshot at the checkpoint holds every row");
  }

  /** Version 0 creates the table, 1-3 append ten rows each. */
  private static void appendThrice(String table) {
    DeltaTable.create(spark).location(table).addColumn("id", "BIGINT").property("delta.checkpointInterval", "2").execute();
    for (int commit = 0; commit < 3; commit++) {
      spark.range(commit * 10L, (commit + 1) * 10L).write().format("delta").mode("append").save(table);
    }
  }

  private static long drain(String table, String name) throws StreamingQueryException, TimeoutException {
    DeltaStreams.fromStart(spark, table).writeStream().format("memory").queryName(name)
        .option("checkpointLocation", dir.resolve("checkpoints").resolve(name).toString())
        .trigger(Trigger.AvailableNow()).start().awaitTermination();
    return spark.table(name).count();
  }
}
