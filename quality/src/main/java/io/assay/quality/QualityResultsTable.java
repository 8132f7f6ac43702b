package io.assay.quality;

import io.assay.lake.LakeCatalog;
import io.assay.lake.LakeLayout;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The Delta table {@code <lake>/quality_results}: one row per check outcome, so gate history is queryable data. */
public final class QualityResultsTable {
  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("layer", DataTypes.StringType, false)
      .add("table_name", DataTypes.StringType, false)
      .add("check_name", DataTypes.StringType, false)
      .add("constraint", DataTypes.StringType, true)
      .add("severity", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("observed", DataTypes.StringType, true)
      .add("bound", DataTypes.StringType, true)
      .add("message", DataTypes.StringType, true)
      .add("checked_at", DataTypes.TimestampType, false)
      .add("check_date", DataTypes.DateType, false)
      // Rows a quarantine check set aside in this run (0 for every other check); added by issue 11, so
      // a table written before it gains the column on the next append.
      .add("quarantined_rows", DataTypes.LongType, true);

  private QualityResultsTable() {}

  /**
   * The last gate outcome of every table that was ever gated, by table name: PASSED, WARNED (a
   * warning-level check did not hold) or FAILED (an error-level check did not hold), with the check
   * count, run and time of that table's latest verification.
   */
  public static Map<String, String> lastOutcomes(SparkSession spark, String path) {
    Map<String, String> outcomes = new TreeMap<>();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return outcomes;
    }
    spark.read().format("delta").load(path).createOrReplaceTempView("assay_quality_results_now");
    for (Row row : spark.sql("""
        SELECT table_name, run_id, checked_at, count(*) AS checks,
               CASE WHEN count_if(status = 'FAILED') > 0 THEN 'FAILED'
                    WHEN count_if(status = 'WARNED') > 0 THEN 'WARNED' ELSE 'PASSED' END AS outcome
        FROM (SELECT *, max(checked_at) OVER (PARTITION BY table_name) AS last_checked FROM assay_quality_results_now)
        WHERE checked_at = last_checked
        GROUP BY table_name, run_id, checked_at""").collectAsList()) {
      outcomes.put(row.getString(0), row.getString(4) + " (" + row.getLong(3) + " checks, " + row.getString(1) + ", "
          + row.getTimestamp(2).toInstant() + ")");
    }
    return outcomes;
  }

  /** Appends every outcome of the reports in one Delta commit; creates (and names) the table on first use. */
  public static void append(SparkSession spark, String path, List<GateReport> reports) {
    List<Row> rows = new ArrayList<>();
    for (GateReport report : reports) {
      Timestamp checkedAt = Timestamp.from(report.checkedAt());
      Date checkDate = Date.valueOf(report.checkedAt().atZone(ZoneOffset.UTC).toLocalDate());
      for (CheckOutcome outcome : report.outcomes()) {
        rows.add(RowFactory.create(report.runId(), outcome.layer(), outcome.table(), outcome.checkName(),
            outcome.constraint(), outcome.severity().name(), outcome.status().name(), outcome.observed(),
            outcome.bound(), outcome.message(), checkedAt, checkDate, outcome.quarantinedRows()));
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    spark.createDataFrame(rows, SCHEMA).write().format("delta").mode("append").option("mergeSchema", "true").save(path);
    new LakeCatalog(spark).register(LakeLayout.QUALITY_RESULTS_TABLE, path);
  }
}
