package io.assay.promotion;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.assay.quality.CheckDefinition;
import io.assay.quality.CheckOutcome;
import io.assay.quality.Gate;
import io.assay.quality.GateReport;
import io.assay.quality.RowPredicate;
import io.assay.transformations.ModelRunner;
import io.assay.transformations.StagedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One Silver model's staged increment split by its gate's quarantine checks: each staged row is
 * tagged with the names of the quarantine checks it breaks (one pass, each check's predicate from
 * {@link RowPredicate}), the untagged rows are what the gate verifies and the commit writes, the
 * tagged ones what {@link QuarantineTable} sets aside once the whole layer's gate has passed. The
 * tagged rows are first only counted; a tagged copy is written to staging only when some row breaks
 * a check, so an increment without such rows is committed from its own staged files.
 */
record QuarantineSplit(StagedModel kept, Dataset<Row> setAside, long stagedRows, long setAsideRows,
    Map<String, Long> rowsByCheck, Map<String, Double> maxRatioByCheck) {
  /** The column of a quarantined row naming the checks it broke. */
  static final String CHECKS_COLUMN = "_quarantine_checks";

  /**
   * The split of a staged model, or empty when its gate has no quarantine check or nothing is staged.
   * Failing rows whose key {@code held} already holds were set aside by an earlier run (a run that
   * crashed after writing the quarantine, or a replayed event): they are neither set aside again nor
   * counted, so a rerun does not judge its share on rows that are not new.
   */
  static Optional<QuarantineSplit> of(StagedModel staged, Gate gate, ModelRunner runner, Optional<Dataset<Row>> held) {
    List<CheckDefinition> checks = gate.quarantineChecks();
    if (checks.isEmpty() || !staged.writesTable() || staged.incrementRows() == 0) {
      return Optional.empty();
    }
    List<Column> failedNames = new ArrayList<>();
    for (CheckDefinition check : checks) {
      failedNames.add(when(RowPredicate.keeps(check).unary_$bang(), lit(check.name())));
    }
    Dataset<Row> tagging = staged.increment().withColumn(CHECKS_COLUMN,
        filter(array(failedNames.toArray(Column[]::new)), name -> name.isNotNull()));
    Map<String, Double> maxRatios = new LinkedHashMap<>();
    checks.forEach(check -> maxRatios.put(check.name(), check.maxQuarantineRatio()));
    if (tagging.agg(count_if(size(col(CHECKS_COLUMN)).gt(0))).head().getLong(0) == 0) {
      // The usual case: nothing to set aside, so no tagged copy is written and the staged files stay committable as they are.
      Map<String, Long> none = new LinkedHashMap<>();
      checks.forEach(check -> none.put(check.name(), 0L));
      return Optional.of(new QuarantineSplit(staged, tagging.limit(0), staged.incrementRows(), 0, none, maxRatios));
    }
    Dataset<Row> tagged = runner.materialise(staged.name() + "__quarantine_split", tagging);
    Dataset<Row> failing = tagged.filter(size(col(CHECKS_COLUMN)).gt(0));
    Dataset<Row> kept = tagged.filter(size(col(CHECKS_COLUMN)).equalTo(0)).drop(CHECKS_COLUMN);
    long heldAgain = 0;
    if (held.isPresent()) {
      Dataset<Row> all = failing;
      failing = withoutHeldKeys(failing, held.get(), staged.model().header().key());
      heldAgain = all.count() - failing.count();
    }
    List<Column> counts = new ArrayList<>();
    counts.add(count_if(size(col(CHECKS_COLUMN)).gt(0)));
    for (CheckDefinition check : checks) {
      counts.add(count_if(array_contains(col(CHECKS_COLUMN), check.name())));
    }
    Row counted = failing.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).head();
    long setAsideRows = counted.getLong(0);
    long stagedRows = staged.incrementRows() - heldAgain;
    Map<String, Long> byCheck = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      byCheck.put(checks.get(i).name(), counted.getLong(i + 1));
    }
    StagedModel promoted = setAsideRows + heldAgain == 0 ? staged : staged.keeping(kept, stagedRows - setAsideRows);
    return Optional.of(new QuarantineSplit(promoted, failing, stagedRows, setAsideRows, byCheck, maxRatios));
  }

  private static Dataset<Row> withoutHeldKeys(Dataset<Row> rows, Dataset<Row> held, List<String> key) {
    Column sameKey = null;
    for (String column : key) {
      Column equal = col("n.`" + column + "`").equalTo(col("h.`" + column + "`"));
      sameKey = sameKey == null ? equal : sameKey.and(equal);
    }
    Dataset<Row> heldKeys = held.select(key.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new)).distinct();
    return rows.as("n").join(heldKeys.as("h"), sameKey, "left_anti");
  }

  /**
   * The gate's report with each quarantine check's outcome counting the rows it set aside, and
   * failing when their share of the staged rows is above the check's max_quarantine_ratio.
   */
  GateReport account(GateReport report) {
    List<CheckOutcome> outcomes = new ArrayList<>();
    for (CheckOutcome outcome : report.outcomes()) {
      Long rows = rowsByCheck.get(outcome.checkName());
      outcomes.add(rows == null ? outcome : outcome.quarantined(rows, stagedRows, maxRatioByCheck.get(outcome.checkName())));
    }
    return report.withOutcomes(outcomes);
  }
}
