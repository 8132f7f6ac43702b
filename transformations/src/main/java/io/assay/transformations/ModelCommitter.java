package io.assay.transformations;

import static org.apache.spark.sql.functions.col;

import io.assay.lake.CrashPoint;
import io.assay.lake.LakeCatalog;
import io.assay.lake.StagedTableCommit;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes staged models to their tables, each in one Delta commit, then advances {@code _model_state}
 * for all of them in one more commit. The tables are written before the state: a crash in between
 * makes the next run redo the same increments, which staging's drop of keys the table holds or the
 * day overwrite absorbs, instead of skipping data. A table is named in the session's catalog, if
 * any, once written.
 *
 * <p>A staged increment laid out as its table (the usual case) is committed by moving its files into
 * the table ({@link StagedTableCommit}): what the gate read is what the table gains, without writing
 * the rows a second time. Otherwise (rows set aside by a quarantine check, a changed schema) the
 * increment is written: an insert-only MERGE, a replaceWhere overwrite, or a whole table.
 */
final class ModelCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCommitter.class);

  private final ModelState state;
  private final String runId;

  ModelCommitter(ModelState state, String runId) {
    this.state = state;
    this.runId = runId;
  }

  /** Writes the model's table; false when its sources did not move, so its state stays as it is. */
  boolean write(StagedModel staged) {
    ModelHeader header = staged.model().header();
    switch (staged.write()) {
      case NONE -> {
        LOG.info("{}: sources unchanged, nothing to commit", staged.name());
        return false;
      }
      case STATE_ONLY -> LOG.info("{}: no new rows", staged.name());
      case WHOLE_TABLE -> createTable(staged, header);
      case MERGE_NEW_KEYS -> appendNewKeys(staged, header);
      case REPLACE_DAYS -> replaceDays(staged, header);
    }
    CrashPoint.reached(staged.name() + ".written"); // table written, state not yet: the next run redoes the increment
    register(staged);
    return true;
  }

  /**
   * Advances the written models' state in one commit: a state commit is a fixed Delta cost (about
   * 1-1.5 s on the test machine) whatever its size, so a layer pays it once rather than once per model.
   */
  void recordState(List<StagedModel> written) {
    if (written.isEmpty()) {
      return;
    }
    Map<String, Map<String, Long>> versions = new LinkedHashMap<>();
    written.forEach(model -> versions.put(model.name(), model.sourceVersions()));
    state.record(versions, runId);
    for (StagedModel model : written) {
      LOG.info("{}: committed ({}), sources now at {}", model.name(), model.write(), model.sourceVersions());
      CrashPoint.reached(model.name() + ".committed");
    }
  }

  /** A new table takes the staged table's files as they are; an existing one (Gold rebuilt) is overwritten. */
  private static void createTable(StagedModel staged, ModelHeader header) {
    SparkSession spark = staged.increment().sparkSession();
    if (staged.stagedTable().isPresent() && !DeltaTable.isDeltaTable(spark, staged.targetPath())) {
      new StagedTableCommit(spark, staged.stagedTable().get()).createTable(staged.targetPath());
    } else {
      newTableWriter(staged, header).save(staged.targetPath());
    }
  }

  /**
   * Staging already dropped the keys the table holds (one runner per lake), so the new keys are appended:
   * the staged files themselves when their layout fits the table, else an insert-only MERGE on the key.
   */
  private static void appendNewKeys(StagedModel staged, ModelHeader header) {
    Optional<StagedTableCommit> files = filesThatFit(staged);
    if (files.isPresent()) {
      files.get().append(staged.targetPath());
    } else {
      mergeNewKeys(staged, header);
    }
  }

  /** The affected days' partitions swapped for the staged files when the table is partitioned by the day alone. */
  private static void replaceDays(StagedModel staged, ModelHeader header) {
    String dayColumn = header.dayColumn().orElseThrow();
    String predicate = DayValues.predicate(dayColumn, staged.affectedDays());
    Optional<StagedTableCommit> files = header.partitionBy().equals(List.of(dayColumn)) ? filesThatFit(staged) : Optional.empty();
    if (files.isPresent()) {
      Set<String> days = staged.affectedDays().stream().map(LocalDate::toString).collect(Collectors.toSet());
      files.get().replacePartitions(staged.targetPath(), dayColumn, days, predicate);
    } else {
      staged.increment().write().format("delta").mode("overwrite").option("replaceWhere", predicate).save(staged.targetPath());
    }
  }

  private static Optional<StagedTableCommit> filesThatFit(StagedModel staged) {
    return staged.stagedTable()
        .map(path -> new StagedTableCommit(staged.increment().sparkSession(), path))
        .filter(files -> files.fits(staged.targetPath()));
  }

  /** Names the table in the catalog (when the session has one) once it exists; later commits hit a cache. */
  private static void register(StagedModel staged) {
    LakeCatalog catalog = new LakeCatalog(staged.increment().sparkSession());
    if (catalog.enabled() && DeltaTable.isDeltaTable(staged.increment().sparkSession(), staged.targetPath())) {
      catalog.register(staged.name(), staged.targetPath());
    }
  }

  /** Change data feed on, so models downstream of this one can read only what it gained. */
  private static DataFrameWriter<Row> newTableWriter(StagedModel staged, ModelHeader header) {
    DataFrameWriter<Row> writer = staged.increment().write().format("delta").mode("overwrite")
        .option("overwriteSchema", "true")
        .option("delta.enableChangeDataFeed", "true");
    if (!header.partitionBy().isEmpty()) {
      writer = writer.partitionBy(header.partitionBy().toArray(String[]::new));
    }
    return writer;
  }

  private static void mergeNewKeys(StagedModel staged, ModelHeader header) {
    Column sameKey = null;
    for (String key : header.key()) {
      Column equal = col("t." + key).equalTo(col("n." + key));
      sameKey = sameKey == null ? equal : sameKey.and(equal);
    }
    DeltaTable.forPath(staged.increment().sparkSession(), staged.targetPath()).as("t")
        .merge(staged.increment().as("n"), sameKey)
        .whenNotMatched().insertAll()
        .execute();
  }
}
