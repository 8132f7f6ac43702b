package io.assay.transformations;

import static org.apache.spark.sql.functions.expr;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Stages a {@code replace_days(<day column>)} (Gold) model. The days to rebuild are those of the
 * source rows added since the last committed version ({@code days_from} maps a source row to its
 * day); the SQL then runs over the whole pinned sources and only those days are kept, so a day's
 * aggregate is always computed from all of its rows. No state, a source without state, or a source
 * that went backwards (recreated) rebuilds the whole table.
 *
 * <p>Sources are read as committed: Silver must be committed before Gold is staged
 * ({@link ModelRunner} enforces it within a run).
 */
final class DayReplacingStager {
  private final SparkSession spark;
  private final LakeTables lake;
  private final ModelState state;
  private final StagingArea staging;

  DayReplacingStager(SparkSession spark, LakeTables lake, ModelState state, StagingArea staging) {
    this.spark = spark;
    this.lake = lake;
    this.state = state;
    this.staging = staging;
  }

  StagedModel stage(Model model) {
    String target = model.name();
    String dayColumn = model.header().dayColumn().orElseThrow();
    boolean tableExists = lake.exists(target);
    Map<String, Long> committed = tableExists ? state.versionsOf(target) : Map.of();
    ModelInputs inputs = new ModelInputs(spark, lake);
    Map<String, Long> pinned = inputs.pinVersions(model);
    if (tableExists && committed.equals(pinned)) {
      return StagedModel.unchanged(model, lake, pinned);
    }
    boolean wholeTable = !tableExists || pinned.entrySet().stream()
        .anyMatch(source -> !committed.containsKey(source.getKey()) || committed.get(source.getKey()) > source.getValue());
    List<LocalDate> days = wholeTable ? List.of() : changedDays(model, committed, pinned);
    StagingArea.Staged increment;
    try {
      inputs.register(model, pinned, lake::atVersion);
      Dataset<Row> rows = spark.sql(model.sql());
      if (!List.of(rows.columns()).contains(dayColumn) || !rows.schema().apply(dayColumn).dataType().equals(DataTypes.DateType)) {
        throw new ModelDefinitionException(model.origin() + ": replace_days(" + dayColumn + ") must name a DATE column the query returns");
      }
      if (!wholeTable) {
        rows = rows.filter(DayValues.predicate(dayColumn, days));
      }
      increment = staging.materialise(target, rows, model.header().partitionBy());
    } finally {
      inputs.dropViews();
    }
    if (wholeTable) {
      return new StagedModel(model, lake.path(target), StagedModel.Write.WHOLE_TABLE, increment, rows -> rows,
          rows -> DayValues.collect(rows.select(dayColumn).distinct()), committed, pinned);
    }
    long version = lake.latestVersion(target);
    StagedModel.Write write = days.isEmpty() ? StagedModel.Write.STATE_ONLY : StagedModel.Write.REPLACE_DAYS;
    return new StagedModel(model, lake.path(target), write, increment,
        rows -> lake.atVersion(target, version).filter("NOT (" + DayValues.predicate(dayColumn, days) + ")").unionByName(rows),
        rows -> days, committed, pinned);
  }

  /** Days of the rows each moved source gained since its committed version. */
  private List<LocalDate> changedDays(Model model, Map<String, Long> committed, Map<String, Long> pinned) {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (Map.Entry<String, Long> source : pinned.entrySet()) {
      long from = committed.get(source.getKey());
      if (from < source.getValue()) {
        String dayExpression = model.header().daysFrom().get(source.getKey());
        Dataset<Row> sourceDays = lake.insertsBetween(source.getKey(), from, source.getValue()).select(expr(dayExpression).as("day"));
        if (!sourceDays.schema().apply("day").dataType().equals(DataTypes.DateType)) {
          throw new ModelDefinitionException(model.origin() + ": days_from " + source.getKey() + ": '" + dayExpression
              + "' must give a DATE, not " + sourceDays.schema().apply("day").dataType().simpleString());
        }
        days.addAll(DayValues.collect(sourceDays.distinct()));
      }
    }
    return List.copyOf(days);
  }
}
