package io.assay.transformations;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/** Reads the lake's Delta tables by name: existence, latest version, a pinned snapshot, new rows between versions. */
final class LakeTables {
  private static final Logger LOG = LoggerFactory.getLogger(LakeTables.class);
  private static final String CHANGE_FEED_PROPERTY = "delta.enableChangeDataFeed";

  private final SparkSession spark;
  private final TransformSettings settings;

  LakeTables(SparkSession spark, TransformSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  String path(String table) {
    return settings.tablePath(table);
  }

  boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** From the table's log on the driver: a history query costs a Spark job (about 0.1 s) per call. */
  long latestVersion(String table) {
    return snapshot(table).version();
  }

  private Snapshot snapshot(String table) {
    return DeltaLog.forTable(spark, path(table)).update(false, Option.empty(), Option.empty());
  }

  Dataset<Row> latest(String table) {
    return spark.read().format("delta").load(path(table));
  }

  Dataset<Row> atVersion(String table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  /**
   * Rows inserted after {@code afterVersion} up to and including {@code upToVersion}, read from the
   * change data feed. A table without the feed falls back to its whole snapshot: still correct for
   * an insert-only MERGE on the key, only slower, and logged so the table can be fixed.
   */
  Dataset<Row> insertsBetween(String table, long afterVersion, long upToVersion) {
    if (!changeFeedEnabled(table)) {
      LOG.warn("{} has no change data feed ({}=true); reading its whole snapshot at version {}", path(table), CHANGE_FEED_PROPERTY, upToVersion);
      return atVersion(table, upToVersion);
    }
    return spark.read().format("delta")
        .option("readChangeFeed", "true")
        .option("startingVersion", afterVersion + 1)
        .option("endingVersion", upToVersion)
        .load(path(table))
        .filter(col("_change_type").equalTo("insert"))
        .drop("_change_type", "_commit_version", "_commit_timestamp");
  }

  boolean changeFeedEnabled(String table) {
    Option<String> enabled = snapshot(table).metadata().configuration().get(CHANGE_FEED_PROPERTY);
    return enabled.isDefined() && "true".equalsIgnoreCase(enabled.get());
  }
}
