package io.assay.transformations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Stages an {@code append_new} (Silver) model: runs its SQL over the source rows added since the
 * last committed version, keeps the first row per key ({@code keep_first_by}, by default the lowest
 * Kafka partition and offset), and drops keys the table already holds, so a replayed event is never
 * inserted twice. A model without state (or without a table) reads its sources whole.
 */
final class NewKeysStager {
  private final SparkSession spark;
  private final LakeTables lake;
  private final ModelState state;
  private final StagingArea staging;

  NewKeysStager(SparkSession spark, LakeTables lake, ModelState state, StagingArea staging) {
    this.spark = spark;
    this.lake = lake;
    this.state = state;
    this.staging = staging;
  }

  StagedModel stage(Model model) {
    String target = model.name();
    boolean tableExists = lake.exists(target);
    Map<String, Long> committed = tableExists ? state.versionsOf(target) : Map.of();
    ModelInputs inputs = new ModelInputs(spark, lake);
    Map<String, Long> pinned = inputs.pinVersions(model);
    if (tableExists && committed.equals(pinned)) {
      return StagedModel.unchanged(model, lake, pinned);
    }
    StagingArea.Staged increment;
    try {
      inputs.register(model, pinned, (source, version) -> newSourceRows(source, committed.get(source), version));
      Dataset<Row> rows = firstPerKey(model, spark.sql(model.sql()));
      if (tableExists) {
        rows = withoutKnownKeys(model, rows, lake.latest(target));
      }
      increment = staging.materialise(target, rows, model.header().partitionBy());
    } finally {
      inputs.dropViews();
    }
    StagedModel.Write write = !tableExists ? StagedModel.Write.WHOLE_TABLE
        : increment.rowCount() > 0 ? StagedModel.Write.MERGE_NEW_KEYS : StagedModel.Write.STATE_ONLY;
    if (!tableExists) {
      return new StagedModel(model, lake.path(target), write, increment, rows -> rows, rows -> days(model, rows),
          committed, pinned);
    }
    long version = lake.latestVersion(target);
    return new StagedModel(model, lake.path(target), write, increment,
        rows -> lake.atVersion(target, version).unionByName(rows), rows -> days(model, rows), committed, pinned);
  }

  /**
   * What a source gained since the model last committed: its inserts after that version, nothing
   * if it has not moved, and the whole snapshot when there is no state or the table went back
   * (recreated), in which case the key anti-join keeps the result correct.
   */
  private Dataset<Row> newSourceRows(String source, Long committedVersion, long pinnedVersion) {
    if (committedVersion == null || committedVersion > pinnedVersion) {
      return lake.atVersion(source, pinnedVersion);
    }
    if (committedVersion == pinnedVersion) {
      return lake.atVersion(source, pinnedVersion).limit(0);
    }
    return lake.insertsBetween(source, committedVersion, pinnedVersion);
  }

  private static Dataset<Row> firstPerKey(Model model, Dataset<Row> rows) {
    requireColumns(model, rows, model.header().key(), "key");
    requireColumns(model, rows, model.header().keepFirstBy(), "keep_first_by");
    requireColumns(model, rows, model.header().partitionBy(), "partition_by");
    Column[] keys = model.header().key().stream().map(k -> col(k)).toArray(Column[]::new);
    Column[] order = model.header().keepFirstBy().stream().map(c -> col(c).asc_nulls_last()).toArray(Column[]::new);
    return rows.withColumn("_keep", row_number().over(Window.partitionBy(keys).orderBy(order)))
        .filter(col("_keep").equalTo(1))
        .drop("_keep");
  }

  private static Dataset<Row> withoutKnownKeys(Model model, Dataset<Row> rows, Dataset<Row> table) {
    Column sameKey = null;
    for (String key : model.header().key()) {
      Column equal = col("n." + key).equalTo(col("t." + key));
      sameKey = sameKey == null ? equal : sameKey.and(equal);
    }
    return rows.as("n").join(table.select(model.header().key().stream().map(k -> col(k)).toArray(Column[]::new)).as("t"), sameKey, "left_anti");
  }

  private static void requireColumns(Model model, Dataset<Row> rows, List<String> columns, String header) {
    List<String> have = List.of(rows.columns());
    for (String column : columns) {
      if (!have.contains(column)) {
        throw new ModelDefinitionException(model.origin() + ": header " + header + " names column " + column
            + ", which the query does not return; it returns " + have);
      }
    }
  }

  /** The increment's values of the first partition column, when that column holds dates. */
  static List<LocalDate> days(Model model, Dataset<Row> increment) {
    if (model.header().partitionBy().isEmpty()) {
      return List.of();
    }
    return DayValues.collect(increment.select(model.header().partitionBy().get(0)).distinct());
  }
}
