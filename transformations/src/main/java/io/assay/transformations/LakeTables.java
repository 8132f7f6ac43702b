package io.assay.transformations;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  long latestVersion(String table) {
    return DeltaTable.forPath(spark, path(table)).history(1).select("version").head().getLong(0);
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
    Row detail = DeltaTable.forPath(spark, path(table)).detail().select("properties").head();
    Map<String, String> properties = detail.getJavaMap(0);
    return "true".equalsIgnoreCase(properties.getOrDefault(CHANGE_FEED_PROPERTY, "false"));
  }
}
