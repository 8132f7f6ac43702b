package io.assay.ingestion.deadletter;

import io.assay.lake.LakeCatalog;
import io.assay.lake.LakeLayout;
import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bronze_dlq_resolution}: what became of dead letters after they were written, one row per dead
 * letter and run that touched it, keyed by the dead letter's Kafka coordinates. The dead-letter table
 * itself is never rewritten (the metrics stream reads it as an append-only source, and its rows are
 * the record of what arrived). A row with a {@code resolution} ({@code replayed} or {@code discarded})
 * closes the dead letter; a row without one is a replay attempt that still failed, with the violation
 * the current contract found.
 */
public final class ResolutionTable {
  public static final String NAME = LakeLayout.DLQ_RESOLUTION_TABLE;
  public static final String REPLAYED = "replayed";
  public static final String DISCARDED = "discarded";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("source_topic", DataTypes.StringType, false),
      DataTypes.createStructField("source_partition", DataTypes.IntegerType, false),
      DataTypes.createStructField("source_offset", DataTypes.LongType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("attempted_at", DataTypes.TimestampType, false),
      DataTypes.createStructField("resolution", DataTypes.StringType, true),
      DataTypes.createStructField("resolved_at", DataTypes.TimestampType, true),
      DataTypes.createStructField("reason", DataTypes.StringType, true),
      DataTypes.createStructField("bronze_table", DataTypes.StringType, true),
      DataTypes.createStructField("new_category", DataTypes.StringType, true),
      DataTypes.createStructField("new_field", DataTypes.StringType, true),
      DataTypes.createStructField("new_observed_value", DataTypes.StringType, true),
      DataTypes.createStructField("new_rule", DataTypes.StringType, true),
      DataTypes.createStructField("new_detail", DataTypes.StringType, true)));

  /**
   * A row is new unless the dead letter is already closed, or this run already recorded it: so a
   * dead letter is closed at most once, whatever crashes or reruns happen.
   */
  private static final String ALREADY_RECORDED = "t.source_topic = s.source_topic AND t.source_partition = s.source_partition"
      + " AND t.source_offset = s.source_offset AND (t.resolution IS NOT NULL OR t.run_id = s.run_id)";

  private ResolutionTable() {}

  public static String path(LakeLayout lake) {
    return lake.table(NAME);
  }

  /** Creates the table empty when missing and names it in the catalog (assay_bronze, beside the dead letters) when there is one. */
  public static void ensureExists(SparkSession spark, LakeLayout lake) {
    if (!DeltaTable.isDeltaTable(spark, path(lake))) {
      spark.createDataFrame(List.of(), SCHEMA).write().format("delta").mode("append").save(path(lake));
    }
    new LakeCatalog(spark).register(NAME, path(lake));
  }

  /** The table, or no rows when nothing was ever resolved. */
  public static Dataset<Row> read(SparkSession spark, LakeLayout lake) {
    return DeltaTable.isDeltaTable(spark, path(lake))
        ? spark.read().format("delta").load(path(lake))
        : spark.createDataFrame(List.of(), SCHEMA);
  }

  /** Inserts the rows not already recorded, as one idempotent Delta commit ({@code appId}, {@code version}). */
  public static void record(SparkSession spark, LakeLayout lake, Dataset<Row> rows, String appId, long version) {
    ensureExists(spark, lake);
    IdempotentMerge.run(spark, appId, version, () -> DeltaTable.forPath(spark, path(lake)).as("t")
        .merge(inSchemaOrder(rows).as("s"),
            ALREADY_RECORDED)
        .whenNotMatched().insertAll()
        .execute());
  }

  static Dataset<Row> inSchemaOrder(Dataset<Row> rows) {
    return rows.select(java.util.Arrays.stream(SCHEMA.fieldNames()).map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new));
  }
}
