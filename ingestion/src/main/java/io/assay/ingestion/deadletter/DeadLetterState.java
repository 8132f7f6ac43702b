package io.assay.ingestion.deadletter;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.assay.lake.LakeLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The dead-letter table with each record's state joined on from {@link ResolutionTable}: {@code status}
 * is {@code open}, {@code replayed} or {@code discarded}; the resolution's run, time and reason; and the
 * violation the latest replay attempt found, for records still open.
 */
public final class DeadLetterState {
  public static final String OPEN = "open";
  private static final String[] KEY = {"source_topic", "source_partition", "source_offset"};

  private DeadLetterState() {}

  public static Dataset<Row> load(SparkSession spark, LakeLayout lake) {
    String table = lake.table(LakeLayout.DLQ_TABLE);
    if (!io.delta.tables.DeltaTable.isDeltaTable(spark, table)) {
      throw new IllegalStateException("table " + LakeLayout.DLQ_TABLE + " does not exist at " + table
          + ": run `./assay ingest` first (or point ASSAY_LAKE_ROOT at the lake that has it)");
    }
    Dataset<Row> dlq = spark.read().format("delta").load(table);
    Dataset<Row> resolutions = ResolutionTable.read(spark, lake);
    Dataset<Row> closing = first(resolutions.filter(col("resolution").isNotNull()), col("resolved_at").asc())
        .select(col(KEY[0]), col(KEY[1]), col(KEY[2]), col("resolution"), col("resolved_at"),
            col("run_id").as("resolution_run_id"), col("reason").as("resolution_reason"), col("bronze_table"));
    Dataset<Row> attempts = first(resolutions.filter(col("resolution").isNull()), col("attempted_at").desc())
        .select(col(KEY[0]), col(KEY[1]), col(KEY[2]), col("run_id").as("last_attempt_run_id"),
            col("attempted_at").as("last_attempt_at"), col("new_category"), col("new_field"),
            col("new_observed_value"), col("new_rule"), col("new_detail"));
    scala.collection.Seq<String> key = scala.collection.JavaConverters.asScalaBuffer(java.util.List.of(KEY)).toSeq();
    return dlq.join(closing, key, "left").join(attempts, key, "left")
        .withColumn("status", coalesce(col("resolution"), lit(OPEN)));
  }

  private static Dataset<Row> first(Dataset<Row> rows, org.apache.spark.sql.Column order) {
    return rows.withColumn("_n", row_number().over(Window.partitionBy(KEY[0], KEY[1], KEY[2]).orderBy(order)))
        .filter(col("_n").equalTo(1)).drop("_n");
  }
}
