package io.assay.ingestion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.lake.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLatencyTest {
  @TempDir Path dir;

  /** Appends rows sent {@code secondsAgo} before now, in a partitioned table, and returns when the write began. */
  private static long append(SparkSession spark, String table, int rows, int secondsAgo) {
    long began = System.currentTimeMillis();
    spark.sql("SELECT id, timestamp_millis(" + (began - secondsAgo * 1000L) + ") AS _kafka_timestamp, id % 2 AS part"
            + " FROM range(" + rows + ")")
        .write().format("delta").mode("append").partitionBy("part").save(table);
    return began;
  }

  @Test
  void eachRowIsTimedFromItsKafkaTimestampToTheCommitThatAddedItsFile() {
    SparkSession spark = SparkSessions.getOrCreate("assay-test", dir.toString());
    String table = dir.resolve("t").toString();
    Instant since = Instant.now().minusSeconds(60);
    long firstBegan = append(spark, table, 10, 30);
    long secondBegan = append(spark, table, 30, 5);
    long ended = System.currentTimeMillis();
    List<CommitLatency.Source> sources = List.of(new CommitLatency.Source(table, "_kafka_timestamp"));

    CommitLatency.Summary summary = CommitLatency.summarize(spark, sources, since);

    assertEquals(40, summary.events());
    // 30 of the 40 rows were sent 5 s before their write began, so the median is theirs: 5 s plus the write.
    assertTrue(summary.p50Seconds() >= 5 && summary.p50Seconds() <= 5 + (ended - secondBegan) / 1000.0, summary.toString());
    assertTrue(summary.maxSeconds() >= 30 && summary.maxSeconds() <= 30 + (secondBegan - firstBegan) / 1000.0, summary.toString());
    assertTrue(summary.p95Seconds() >= summary.p50Seconds() && summary.p95Seconds() <= summary.maxSeconds(), summary.toString());
    // Rows sent before the window are left out.
    assertEquals(30, CommitLatency.summarize(spark, sources, Instant.ofEpochMilli(secondBegan - 10_000)).events());
  }

  @Test
  void aRowWithoutACommitTimeIsAnErrorNotASilentGap() throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("assay-test", dir.toString());
    String table = dir.resolve("u").toString();
    append(spark, table, 3, 1);
    append(spark, table, 4, 1);
    // Drop the second commit's commitInfo: Delta still reads the table, but nothing says when its files were committed.
    Path second = dir.resolve("u/_delta_log/00000000000000000001.json");
    Files.write(second, Files.readAllLines(second).stream().filter(line -> !line.startsWith("{\"commitInfo\"")).toList());
    Files.deleteIfExists(second.resolveSibling(".00000000000000000001.json.crc")); // Hadoop's checksum of the old text
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> CommitLatency.summarize(spark, List.of(new CommitLatency.Source(table, "_kafka_timestamp")), Instant.EPOCH));
    assertTrue(error.getMessage().contains("4 rows are in files no commit"), error.getMessage());
  }
}
