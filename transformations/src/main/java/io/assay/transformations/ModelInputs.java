package io.assay.transformations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A model's source tables as the SQL sees them: each referenced name becomes a temporary view over
 * a pinned version of the Delta table (or over the rows that version range added), so the version
 * recorded in {@code _model_state} is exactly the data the model read.
 */
final class ModelInputs {
  private final SparkSession spark;
  private final LakeTables lake;
  private final List<String> registeredViews = new ArrayList<>();

  ModelInputs(SparkSession spark, LakeTables lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** The current version of every tracked source; a missing one is an error that says what to run first. */
  Map<String, Long> pinVersions(Model model) {
    Map<String, Long> pinned = new LinkedHashMap<>();
    for (String source : model.trackedSources()) {
      if (!lake.exists(source)) {
        throw new MissingSourceTableException(model.name(), source, lake.path(source), howToCreate(source));
      }
      pinned.put(source, lake.latestVersion(source));
    }
    return pinned;
  }

  /**
   * Registers a view per source: {@code rows.apply(source, pinnedVersion)} for tracked sources, the
   * latest snapshot (or an empty table of the declared columns) for optional ones.
   */
  void register(Model model, Map<String, Long> pinned, BiFunction<String, Long, Dataset<Row>> rows) {
    for (Map.Entry<String, Long> source : pinned.entrySet()) {
      view(source.getKey(), rows.apply(source.getKey(), source.getValue()));
    }
    for (Map.Entry<String, StructType> optional : model.header().optionalTables().entrySet()) {
      String table = optional.getKey();
      view(table, lake.exists(table) ? lake.latest(table) : spark.createDataFrame(List.<Row>of(), optional.getValue()));
    }
  }

  /** Drops the views so they never leak into later queries of the same session. */
  void dropViews() {
    for (String view : registeredViews) {
      spark.catalog().dropTempView(view);
    }
    registeredViews.clear();
  }

  private void view(String name, Dataset<Row> rows) {
    rows.createOrReplaceTempView(name);
    registeredViews.add(name);
  }

  private static String howToCreate(String source) {
    if (source.startsWith(ModelCatalog.BRONZE_PREFIX)) {
      return "Bronze tables are written by ingestion; run ingest first (e.g. ./assay demo or the streaming job) so "
          + source + " exists";
    }
    return source + " is a model: run and commit it first (Silver is committed before Gold is staged)";
  }
}
