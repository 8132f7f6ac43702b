package io.assay.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pinned read holds one version's rows, prunes partitions, and names a missing table. */
class PinnedDeltaReadTest {
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.getOrCreate("pinned-read-test", dir.resolve("lake").toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void holdsTheVersionItWasMadeAtWhileLaterReadsSeeNewCommits() {
    String path = dir.resolve("orders").toString();
    append(path, "SELECT id, CAST(id % 2 AS INT) AS day FROM range(10)");
    var pinned = PinnedDeltaRead.latest(spark, path);
    append(path, "SELECT id, CAST(id % 2 AS INT) AS day FROM range(10, 15)");

    assertEquals(10L, pinned.count(), "rows of the version pinned");
    assertEquals(45L, pinned.agg(org.apache.spark.sql.functions.sum("id")).head().getLong(0), "the same files every action");
    assertEquals(15L, PinnedDeltaRead.latest(spark, path).count(), "a new read sees the new commit");
    assertEquals(15L, spark.read().format("delta").load(path).count());
  }

  @Test
  void filtersOnPartitionColumnsPruneFilesAndSelectColumns() {
    String path = dir.resolve("clicks").toString();
    append(path, "SELECT id, CAST(id % 3 AS INT) AS day FROM range(30)");
    var day1 = PinnedDeltaRead.latest(spark, path).where("day = 1").select("id");
    List<Row> rows = day1.collectAsList();
    assertEquals(10, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.getLong(0) % 3 == 1));
    String plan = day1.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("PartitionFilters: [isnotnull(day"), plan);
  }

  @Test
  void aTableOfOneCommitIsReadFromThatCommitsFiles() {
    String path = dir.resolve("staged").toString();
    spark.sql("SELECT id, CAST(id % 4 AS INT) AS day FROM range(100)").repartition(3)
        .write().format("delta").partitionBy("day").save(path);
    var pinned = PinnedDeltaRead.latest(spark, path);
    assertEquals(100L, pinned.count());
    assertEquals(4950L, pinned.agg(org.apache.spark.sql.functions.sum("id")).head().getLong(0));
    assertEquals(25L, pinned.where("day = 3").count());
    assertEquals(spark.read().format("delta").load(path).inputFiles().length, pinned.inputFiles().length,
        "the same data files as Delta's own read");
  }

  @Test
  void aFirstVersionGivesItsFilesAndTheRowsItsWriteRecordedAndRefusesALaterVersion() {
    String path = dir.resolve("staged-once").toString();
    spark.sql("SELECT id, CAST(id % 4 AS INT) AS day FROM range(37)").repartition(3)
        .write().format("delta").partitionBy("day").save(path);
    var first = PinnedDeltaRead.firstVersion(spark, path);
    assertEquals(37L, first.rows().count());
    assertEquals(java.util.OptionalLong.of(37L), first.writtenRows(), "Delta's numOutputRows of the write");
    assertEquals(spark.read().format("delta").load(path).inputFiles().length, first.rows().inputFiles().length);

    append(path, "SELECT id, CAST(id % 4 AS INT) AS day FROM range(5)");
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> PinnedDeltaRead.firstVersion(spark, path));
    assertEquals(path + " is at version 1, not a table of one commit", error.getMessage());
  }

  @Test
  void aMissingTableIsAClearError() {
    String path = dir.resolve("nothing-here").toString();
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PinnedDeltaRead.latest(spark, path));
    assertEquals("no Delta table at " + path, error.getMessage());
    assertTrue(PinnedDeltaRead.latestIfExists(spark, path).isEmpty());
  }

  private static void append(String path, String sql) {
    spark.sql(sql).write().format("delta").mode("append").partitionBy("day").save(path);
  }
}
