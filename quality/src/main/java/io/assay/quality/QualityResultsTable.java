package io.assay.quality;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
      .add("check_date", DataTypes.DateType, false);

  private QualityResultsTable() {}

  /** Appends every outcome of the reports in one Delta commit; creates the table on first use. */
  public static void append(SparkSession spark, String path, List<GateReport> reports) {
    List<Row> rows = new ArrayList<>();
    for (GateReport report : reports) {
      Timestamp checkedAt = Timestamp.from(report.checkedAt());
      Date checkDate = Date.valueOf(report.checkedAt().atZone(ZoneOffset.UTC).toLocalDate());
      for (CheckOutcome outcome : report.outcomes()) {
        rows.add(RowFactory.create(report.runId(), outcome.layer(), outcome.table(), outcome.checkName(),
            outcome.constraint(), outcome.severity().name(), outcome.status().name(), outcome.observed(),
            outcome.bound(), outcome.message(), checkedAt, checkDate));
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    spark.createDataFrame(rows, SCHEMA).write().format("delta").mode("append").save(path);
  }
}
