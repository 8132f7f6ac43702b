package io.assay.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A staged table's files join their target in one commit, unmoved rows and all, with the target's layout kept. */
class StagedTableCommitTest {
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.getOrCreate("staged-commit-test", dir.resolve("lake").toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void createsANewTableFromTheStagedFilesWithItsPartitioningAndChangeFeed() throws Exception {
    String staged = stage("new-staged", "SELECT id, DATE'2026-12-01' + CAST(id % 3 AS INT) AS day FROM range(30)");
    String target = dir.resolve("new-target").toString();
    new StagedTableCommit(spark, staged).createTable(target);

    assertEquals(0L, DeltaTable.forPath(spark, target).history(1).head().getLong(0), "one commit: version 0");
    assertEquals(435L, spark.read().format("delta").load(target).agg(org.apache.spark.sql.functions.sum("id")).head().getLong(0));
    Row detail = spark.sql("DESCRIBE DETAIL delta.`" + target + "`").head();
    assertEquals(List.of("day"), detail.getList(detail.fieldIndex("partitionColumns")));
    assertEquals(30L, spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", 0).load(target)
        .where("_change_type = 'insert'").count(), "the change data feed is on, as staged");
    assertEquals(0L, dataFiles(staged), "the files moved rather than copied");
    assertThrows(IllegalStateException.class, () -> new StagedTableCommit(spark, stage("again", "SELECT 1L AS id, DATE'2026-12-01' AS day"))
        .createTable(target), "a second create over an existing table is refused");
  }

  @Test
  void appendsAndTheChangeFeedShowsOnlyTheNewRows() {
    String target = stage("append-target", "SELECT id, DATE'2026-12-01' AS day FROM range(10)");
    StagedTableCommit increment = new StagedTableCommit(spark, stage("append-staged", "SELECT id, DATE'2026-12-02' AS day FROM range(10, 15)"));
    assertTrue(increment.fits(target));
    long version = increment.append(target);

    assertEquals(1L, version);
    assertEquals(15L, spark.read().format("delta").load(target).count());
    List<Row> changes = spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", 1).load(target)
        .select("id", "_change_type").orderBy("id").collectAsList();
    assertEquals(5, changes.size());
    assertEquals(10L, changes.get(0).getLong(0));
    assertTrue(changes.stream().allMatch(r -> r.getString(1).equals("insert")));
  }

  @Test
  void replacesExactlyTheNamedPartitions() {
    String target = stage("replace-target", "SELECT id, DATE'2026-12-01' + CAST(id % 3 AS INT) AS day FROM range(30)");
    StagedTableCommit rebuilt = new StagedTableCommit(spark, stage("replace-staged", "SELECT 100L + id AS id, DATE'2026-12-02' AS day FROM range(4)"));
    rebuilt.replacePartitions(target, "day", Set.of("2026-12-02"), "day = DATE'2026-12-02'");

    var table = spark.read().format("delta").load(target);
    assertEquals(10L, table.where("day = DATE'2026-12-01'").count(), "other days keep their rows");
    assertEquals(10L, table.where("day = DATE'2026-12-03'").count());
    assertEquals(List.of(100L, 101L, 102L, 103L), table.where("day = DATE'2026-12-02'").orderBy("id").select("id").as(
        org.apache.spark.sql.Encoders.LONG()).collectAsList(), "the replaced day holds the staged rows only");
    assertEquals("WRITE", DeltaTable.forPath(spark, target).history(1).head().getAs("operation"));
  }

  @Test
  void refusesStagedFilesOutsideTheReplacedPartitions() {
    String target = stage("outside-target", "SELECT id, DATE'2026-12-01' AS day FROM range(3)");
    StagedTableCommit rebuilt = new StagedTableCommit(spark, stage("outside-staged", "SELECT id, DATE'2026-12-05' AS day FROM range(3)"));
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> rebuilt.replacePartitions(target, "day", Set.of("2026-12-01"), "day = DATE'2026-12-01'"));
    assertTrue(error.getMessage().contains("day=2026-12-05"), error.getMessage());
    assertEquals(3L, spark.read().format("delta").load(target).count(), "the target is untouched");
  }

  @Test
  void fitsOnlyATableOfTheSameColumnsAndPartitioning() {
    StagedTableCommit increment = new StagedTableCommit(spark, stage("fit-staged", "SELECT id, DATE'2026-12-01' AS day FROM range(3)"));
    assertFalse(increment.fits(dir.resolve("no-table-here").toString()));
    assertFalse(increment.fits(stage("fit-other-columns", "SELECT id, 'x' AS name, DATE'2026-12-01' AS day FROM range(3)")));
    String unpartitioned = dir.resolve("fit-unpartitioned").toString();
    spark.sql("SELECT id, DATE'2026-12-01' AS day FROM range(3)").write().format("delta").save(unpartitioned);
    assertFalse(increment.fits(unpartitioned));
    assertTrue(increment.fits(stage("fit-same", "SELECT id + 7 AS id, DATE'2026-12-09' AS day FROM range(2)")));
    String constrained = stage("fit-constrained", "SELECT id, DATE'2026-12-01' AS day FROM range(3)");
    spark.sql("ALTER TABLE delta.`" + constrained + "` ADD CONSTRAINT positive_id CHECK (id >= 0)");
    assertFalse(increment.fits(constrained), "a table with a CHECK constraint is written through Delta, which enforces it");
  }

  @Test
  void aTableWrittenMoreThanOnceIsNotTakenForAStagedOne() {
    String twice = stage("twice", "SELECT id, DATE'2026-12-01' AS day FROM range(3)");
    spark.sql("SELECT 9L AS id, DATE'2026-12-01' AS day").write().format("delta").mode("append").save(twice);
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> new StagedTableCommit(spark, twice));
    assertTrue(error.getMessage().contains("is at version 1"), error.getMessage());
  }

  @Test
  void aPathWithoutAStagedTableIsAClearError() {
    String path = dir.resolve("not-staged").toString();
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new StagedTableCommit(spark, path));
    assertEquals("no staged Delta table at " + path, error.getMessage());
  }

  /** A one-commit table partitioned by day with the change data feed on, as staging writes it. */
  private static String stage(String name, String sql) {
    String path = dir.resolve(name).toString();
    spark.sql(sql).repartition(2).write().format("delta").option("delta.enableChangeDataFeed", "true")
        .partitionBy("day").save(path);
    return path;
  }

  private static long dataFiles(String table) throws Exception {
    try (Stream<Path> files = Files.walk(Path.of(table))) {
      return files.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log")).count();
    }
  }
}
