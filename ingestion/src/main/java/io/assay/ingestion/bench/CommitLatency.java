package io.assay.ingestion.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.split;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How long each record took from Kafka to a committed Delta table: the commit time of the Delta version
 * that added its file (the {@code commitInfo.timestamp} of that commit in {@code _delta_log}) minus the
 * record's Kafka timestamp. A record becomes visible to readers at its commit, not when its batch began.
 */
public final class CommitLatency {
  /** A table to measure and the column that holds each row's Kafka timestamp. */
  public record Source(String tablePath, String kafkaTimestampColumn) {}

  /** Percentiles of the delay, in seconds, over the records sent at or after {@code since}. */
  public record Summary(long events, double p50Seconds, double p95Seconds, double maxSeconds) {}

  private CommitLatency() {}

  /** One row per record sent at or after {@code since}: {@code delay_s} (null if no commit added its file). */
  private static Dataset<Row> delays(SparkSession spark, List<Source> sources, Instant since) {
    Dataset<Row> all = null;
    for (Source source : sources) {
      Dataset<Row> one = delays(spark, source, since);
      all = all == null ? one : all.unionByName(one);
    }
    if (all == null) {
      throw new IllegalArgumentException("no tables to measure");
    }
    return all;
  }

  public static Summary summarize(SparkSession spark, List<Source> sources, Instant since) {
    Row row = delays(spark, sources, since)
        .agg(expr("count(*)"), expr("percentile(delay_s, 0.5)"), expr("percentile(delay_s, 0.95)"), expr("max(delay_s)"),
            expr("count_if(delay_s IS NULL)"))
        .first();
    if (row.getLong(4) > 0) {
      throw new IllegalStateException(row.getLong(4) + " rows are in files no commit of their table's log added");
    }
    return row.getLong(0) == 0 ? new Summary(0, 0, 0, 0)
        : new Summary(row.getLong(0), row.getDouble(1), row.getDouble(2), row.getDouble(3));
  }

  private static Dataset<Row> delays(SparkSession spark, Source source, Instant since) {
    // Each commit file holds its commitInfo and the files it added; file names are unique within a table.
    Dataset<Row> log = spark.read().json(source.tablePath() + "/_delta_log/*.json").withColumn("commit_file", input_file_name());
    Dataset<Row> commitTimes = log.where(col("commitInfo").isNotNull())
        .groupBy("commit_file").agg(max("commitInfo.timestamp").as("committed_ms"));
    Dataset<Row> addedFiles = log.where(col("add").isNotNull())
        .select(col("commit_file"), element_at(split(col("add.path"), "/"), -1).as("file_name"));
    Dataset<Row> fileCommitted = addedFiles.join(commitTimes, "commit_file").select("file_name", "committed_ms");
    Dataset<Row> rows = spark.read().format("delta").load(source.tablePath())
        .select(col("_metadata.file_name").as("file_name"), col(source.kafkaTimestampColumn()).as("sent_at"))
        .where(col("sent_at").geq(java.sql.Timestamp.from(since)));
    return rows.join(fileCommitted, rows.col("file_name").equalTo(fileCommitted.col("file_name")), "left")
        .select(expr("CAST(committed_ms - unix_millis(sent_at) AS DOUBLE) / 1000").as("delay_s"));
  }
}
