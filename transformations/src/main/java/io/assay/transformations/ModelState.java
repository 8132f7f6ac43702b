package io.assay.transformations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta table {@code <lake>/_model_state}: per model and source table, the last source version
 * the model's committed output includes. A model's next run reads only the source versions after it.
 */
final class ModelState {
  static final StructType SCHEMA = new StructType()
      .add("model", DataTypes.StringType, false)
      .add("source_table", DataTypes.StringType, false)
      .add("source_version", DataTypes.LongType, false)
      .add("run_id", DataTypes.StringType, false);

  private final SparkSession spark;
  private final String path;

  ModelState(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /** Source table to last processed version; empty for a model that never committed. */
  Map<String, Long> versionsOf(String model) {
    Map<String, Long> versions = new HashMap<>();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return versions;
    }
    for (Row row : spark.read().format("delta").load(path)
        .filter(col("model").equalTo(model))
        .select("source_table", "source_version").collectAsList()) {
      versions.put(row.getString(0), row.getLong(1));
    }
    return versions;
  }

  /** Upserts one row per source in one Delta commit. */
  void record(String model, Map<String, Long> versions, String runId) {
    List<Row> rows = new ArrayList<>();
    versions.forEach((table, version) -> rows.add(RowFactory.create(model, table, version, runId)));
    Dataset<Row> updates = spark.createDataFrame(rows, SCHEMA).withColumn("updated_at", current_timestamp());
    if (!DeltaTable.isDeltaTable(spark, path)) {
      updates.write().format("delta").mode("append").save(path);
      return;
    }
    DeltaTable.forPath(spark, path).as("s")
        .merge(updates.as("u"), col("s.model").equalTo(col("u.model")).and(col("s.source_table").equalTo(col("u.source_table"))))
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }
}
