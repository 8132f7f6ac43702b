package io.assay.ingestion.deadletter;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.assay.lake.LakeLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Marks open dead letters as knowingly dropped, with a reason; Bronze is not touched. */
public final class DeadLetterDiscard {
  private DeadLetterDiscard() {}

  /** Returns how many dead letters this call closed (0 when run again). */
  public static long discard(SparkSession spark, LakeLayout lake, DeadLetterFilter filter, String runId, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("--reason is required: say why these records are dropped, for whoever reads the audit later");
    }
    ResolutionTable.ensureExists(spark, lake);
    Dataset<Row> open = DeadLetterState.load(spark, lake).filter(filter.predicate())
        .filter(col("status").equalTo(DeadLetterState.OPEN));
    long before = open.count();
    Dataset<Row> rows = open.select(col("source_topic"), col("source_partition"), col("source_offset"),
        lit(runId).as("run_id"), current_timestamp().as("attempted_at"), lit(ResolutionTable.DISCARDED).as("resolution"),
        current_timestamp().as("resolved_at"), lit(reason).as("reason"), lit(null).cast("string").as("bronze_table"),
        lit(null).cast("string").as("new_category"), lit(null).cast("string").as("new_field"),
        lit(null).cast("string").as("new_observed_value"), lit(null).cast("string").as("new_rule"),
        lit(null).cast("string").as("new_detail"));
    ResolutionTable.record(spark, lake, rows.localCheckpoint(), "assay-discard-" + runId, 0);
    return before;
  }
}
