package io.assay.promotion;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.assay.lake.LakeCatalog;
import io.assay.lake.LakeLayout;
import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code <table>_quarantine}: the rows of a Silver table that its quarantine checks set aside, with
 * the table's own columns and types (so they are read, fixed and replayed with the same SQL as the
 * table) plus the checks each broke, the run and the time. Written before the table's own commit
 * and merged on the model's key, insert-only: a run that crashes in between and is rerun sets the
 * same rows aside again, and they are stored once.
 */
final class QuarantineTable {
  static final String RUN_COLUMN = "_quarantine_run_id";
  static final String TIME_COLUMN = "_quarantined_at";

  private final SparkSession spark;
  private final LakeLayout lake;

  QuarantineTable(SparkSession spark, LakeLayout lake) {
    this.spark = spark;
    this.lake = lake;
  }

  void setAside(String table, List<String> key, Dataset<Row> rows, String runId) {
    String name = LakeLayout.quarantineTable(table);
    String path = lake.table(name);
    Dataset<Row> stamped = rows.withColumn(RUN_COLUMN, lit(runId)).withColumn(TIME_COLUMN, current_timestamp());
    if (!DeltaTable.isDeltaTable(spark, path)) {
      stamped.write().format("delta").mode("append").save(path);
    } else {
      Column sameKey = null;
      for (String column : key) {
        Column equal = col("q.`" + column + "`").equalTo(col("n.`" + column + "`"));
        sameKey = sameKey == null ? equal : sameKey.and(equal);
      }
      DeltaTable.forPath(spark, path).as("q").merge(stamped.as("n"), sameKey).whenNotMatched().insertAll().execute();
    }
    new LakeCatalog(spark).register(name, path);
  }

  /** The rows set aside from a table so far, if any ever were. */
  Optional<Dataset<Row>> existing(String table) {
    String path = lake.table(LakeLayout.quarantineTable(table));
    return DeltaTable.isDeltaTable(spark, path) ? Optional.of(spark.read().format("delta").load(path)) : Optional.empty();
  }

  /**
   * Per quarantine table of the given tables (those that have one): {@code rows} held in all, then
   * rows per check (a row breaking two checks counts under both).
   */
  Map<String, Map<String, Long>> held(List<String> tables) {
    Map<String, Map<String, Long>> held = new LinkedHashMap<>();
    for (String table : tables) {
      String path = lake.table(LakeLayout.quarantineTable(table));
      if (DeltaTable.isDeltaTable(spark, path)) {
        Map<String, Long> byCheck = new LinkedHashMap<>();
        byCheck.put("rows", spark.read().format("delta").load(path).count());
        for (Row row : spark.read().format("delta").load(path)
            .selectExpr("explode(" + QuarantineSplit.CHECKS_COLUMN + ") AS check_name").groupBy("check_name").count()
            .orderBy("check_name").collectAsList()) {
          byCheck.put(row.getString(0), row.getLong(1));
        }
        held.put(LakeLayout.quarantineTable(table), byCheck);
      }
    }
    return held;
  }
}
