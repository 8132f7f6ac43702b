package io.assay.transformations;

import static org.apache.spark.sql.functions.current_timestamp;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
  private Map<String, Map<String, Long>> cache;

  ModelState(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /** Source table to last processed version; empty for a model that never committed. */
  Map<String, Long> versionsOf(String model) {
    return Map.copyOf(all().getOrDefault(model, Map.of()));
  }

  /**
   * Read once per runner and kept in step by {@link #record}: a run stages many models and each
   * would otherwise scan the table again. One runner at a time owns a lake's state.
   */
  private Map<String, Map<String, Long>> all() {
    if (cache == null) {
      cache = new HashMap<>();
      if (DeltaTable.isDeltaTable(spark, path)) {
        for (Row row : spark.read().format("delta").load(path).select("model", "source_table", "source_version").collectAsList()) {
          cache.computeIfAbsent(row.getString(0), m -> new HashMap<>()).put(row.getString(1), row.getLong(2));
        }
      }
    }
    return cache;
  }

  /**
   * Replaces the given models' rows in one Delta commit. The table is partitioned by model, so this is
   * a partition overwrite rather than a MERGE: no join, and other models' rows are not touched.
   */
  void record(Map<String, Map<String, Long>> versionsByModel, String runId) {
    List<Row> rows = new ArrayList<>();
    versionsByModel.forEach((model, versions) ->
        versions.forEach((table, version) -> rows.add(RowFactory.create(model, table, version, runId))));
    Dataset<Row> updates = spark.createDataFrame(rows, SCHEMA).withColumn("updated_at", current_timestamp());
    if (!DeltaTable.isDeltaTable(spark, path)) {
      updates.write().format("delta").mode("append").partitionBy("model").save(path);
    } else {
      String models = versionsByModel.keySet().stream().map(model -> "'" + model + "'").collect(Collectors.joining(", "));
      updates.write().format("delta").mode("overwrite")
          .option("replaceWhere", "model IN (" + models + ")") // model names are [a-z0-9_], checked by ModelCatalog
          .save(path);
    }
    versionsByModel.forEach((model, versions) -> all().put(model, new HashMap<>(versions)));
  }
}
