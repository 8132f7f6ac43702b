package io.assay.transformations;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model's output for this run, materialised under the staging root but not yet in its table.
 * {@link #increment()} is exactly what {@code commit} writes; {@link #candidate()} is the whole
 * table as it will be after the commit, for gates that check the table rather than the change.
 */
public final class StagedModel {
  /** What committing this staged model does to its target table. */
  enum Write {
    /** Sources unchanged since the last commit: nothing at all is written. */
    NONE,
    /** Sources moved but produced no rows to write: only {@code _model_state} advances. */
    STATE_ONLY,
    /** First run of a Silver model, or Gold rebuilt from scratch: the table is (re)written whole. */
    WHOLE_TABLE,
    /** Silver: insert-only MERGE of the increment on the key. */
    MERGE_NEW_KEYS,
    /** Gold: overwrite of the affected days only (replaceWhere). */
    REPLACE_DAYS
  }

  private final Model model;
  private final String targetPath;
  private final Write write;
  private final Dataset<Row> increment;
  private final long incrementRows;
  private final Optional<String> stagedTable;
  private final Function<Dataset<Row>, Dataset<Row>> candidateOver;
  private final Function<Dataset<Row>, List<LocalDate>> affectedDays;
  private final Map<String, Long> committedVersions;
  private final Map<String, Long> pinnedVersions;
  private List<LocalDate> affectedDaysMemo;

  /**
   * @param candidateOver the whole table after committing a given increment
   * @param affectedDays the days committing a given increment writes
   */
  StagedModel(Model model, String targetPath, Write write, StagingArea.Staged increment,
              Function<Dataset<Row>, Dataset<Row>> candidateOver, Function<Dataset<Row>, List<LocalDate>> affectedDays,
              Map<String, Long> committedVersions, Map<String, Long> pinnedVersions) {
    this(model, targetPath, write, increment.rows(), increment.rowCount(), Optional.of(increment.path()), candidateOver,
        affectedDays, committedVersions, pinnedVersions);
  }

  private StagedModel(Model model, String targetPath, Write write, Dataset<Row> increment, long incrementRows,
              Optional<String> stagedTable, Function<Dataset<Row>, Dataset<Row>> candidateOver,
              Function<Dataset<Row>, List<LocalDate>> affectedDays, Map<String, Long> committedVersions,
              Map<String, Long> pinnedVersions) {
    this.model = model;
    this.targetPath = targetPath;
    this.write = write;
    this.increment = increment;
    this.incrementRows = incrementRows;
    this.stagedTable = stagedTable;
    this.candidateOver = candidateOver;
    this.affectedDays = affectedDays;
    this.committedVersions = Map.copyOf(committedVersions);
    this.pinnedVersions = Map.copyOf(pinnedVersions);
  }

  /** Sources unchanged since the last commit: the table as it is, and nothing to write. */
  static StagedModel unchanged(Model model, LakeTables lake, Map<String, Long> sourceVersions) {
    String target = model.name();
    long version = lake.latestVersion(target);
    return new StagedModel(model, lake.path(target), Write.NONE, lake.atVersion(target, version).limit(0), 0,
        Optional.empty(), increment -> lake.atVersion(target, version), increment -> List.of(), sourceVersions, sourceVersions);
  }

  /**
   * The same staging with fewer rows to write (the rows a quarantine check kept): the candidate and
   * affected days follow, and a merge left with no rows only advances the model's state. Only for an
   * {@code append_new} model, whose rows are independent of each other.
   */
  public StagedModel keeping(Dataset<Row> kept, long keptRows) {
    if (write != Write.WHOLE_TABLE && write != Write.MERGE_NEW_KEYS) {
      throw new IllegalStateException(name() + ": only a Silver increment (" + write + ") can set rows aside");
    }
    Write keptWrite = write == Write.MERGE_NEW_KEYS && keptRows == 0 ? Write.STATE_ONLY : write;
    return new StagedModel(model, targetPath, keptWrite, kept, keptRows, Optional.empty(), candidateOver, affectedDays,
        committedVersions, pinnedVersions);
  }

  public Model model() {
    return model;
  }

  public String name() {
    return model.name();
  }

  public String targetPath() {
    return targetPath;
  }

  /** The rows this commit writes: new keys for Silver, the rebuilt days for Gold. Read from staging. */
  public Dataset<Row> increment() {
    return increment;
  }

  /** How many rows {@link #increment()} holds (counted by the staging write). */
  public long incrementRows() {
    return incrementRows;
  }

  /** The whole table as it will be after commit: current ∪ increment (Silver), current with the affected days replaced (Gold). */
  public Dataset<Row> candidate() {
    return candidateOver.apply(increment);
  }

  /**
   * The days this commit writes, ascending: Gold's replaced days; for Silver the values of its
   * date partition column in the increment. Empty when nothing is written.
   */
  public synchronized List<LocalDate> affectedDays() {
    if (affectedDaysMemo == null) {
      affectedDaysMemo = List.copyOf(affectedDays.apply(increment));
    }
    return affectedDaysMemo;
  }

  /** True when committing writes to the target table (not just to {@code _model_state}). */
  public boolean writesTable() {
    return write == Write.WHOLE_TABLE || write == Write.MERGE_NEW_KEYS || write == Write.REPLACE_DAYS;
  }

  /** Source table to the version this staging read; recorded in {@code _model_state} on commit. */
  public Map<String, Long> sourceVersions() {
    return pinnedVersions;
  }

  /**
   * The staged Delta table whose files are exactly {@link #increment()}, which a commit can move into the
   * target as they are; empty when the increment is derived from it (rows set aside) or nothing was staged.
   */
  Optional<String> stagedTable() {
    return stagedTable;
  }

  Write write() {
    return write;
  }

  Map<String, Long> committedVersions() {
    return committedVersions;
  }

  @Override
  public String toString() {
    return name() + " [" + write + ", sources " + pinnedVersions + "]";
  }
}
