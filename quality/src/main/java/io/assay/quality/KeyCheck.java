package io.assay.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Uniqueness and primary keys in one grouping pass. Deequ's Uniqueness shuffles the key twice (once
 * to count groups, once to aggregate them), which measured as the largest part of a Silver gate;
 * this groups once, by a 64-bit hash of the key. A hash collision could only look like a duplicate,
 * so any duplicate found is recounted on the real key columns: the result is exact.
 */
final class KeyCheck {
  private KeyCheck() {}

  private record KeyCounts(long keyedRows, long uniqueRows, long nullKeyRows) {
    long duplicatedRows() {
      return keyedRows - uniqueRows;
    }
  }

  static CheckOutcome run(String layer, String table, CompiledCheck compiled, Dataset<Row> data) {
    CheckDefinition check = compiled.definition();
    boolean primaryKey = check.type() == CheckType.PRIMARY_KEY;
    double min = primaryKey ? 1.0 : check.number("min").orElse(1.0);
    KeyCounts counts = count(data, check.columns(), true);
    if (counts.duplicatedRows() > 0) {
      counts = count(data, check.columns(), false);
    }
    double uniqueness = counts.keyedRows() == 0 ? 1.0 : (double) counts.uniqueRows() / counts.keyedRows();
    boolean held = uniqueness >= min && (!primaryKey || counts.nullKeyRows() == 0);
    String observed = String.format("uniqueness %.4f (%d duplicated rows)", uniqueness, counts.duplicatedRows())
        + (primaryKey ? ", " + counts.nullKeyRows() + " rows with a null key column" : "");
    String constraint = (primaryKey ? "PrimaryKeyConstraint(" : "UniquenessConstraint(")
        + String.join(", ", check.columns()) + ")";
    return new CheckOutcome(layer, table, check.name(), constraint, check.severity(),
        CheckStatus.of(held, check.severity()), observed, compiled.bound(), "");
  }

  private static KeyCounts count(Dataset<Row> data, List<String> columns, boolean hashed) {
    Column[] key = columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    Column present = java.util.Arrays.stream(key).map(Column::isNotNull).reduce(Column::and).orElseThrow();
    Column grouped = hashed ? functions.xxhash64(key) : functions.struct(key);
    Dataset<Row> groups = data.select(when(present, grouped).as("key")).groupBy("key").count();
    Row totals = groups.agg(
        sum(when(col("key").isNotNull(), col("count")).otherwise(lit(0L))),
        sum(when(col("key").isNotNull().and(col("count").equalTo(1)), lit(1L)).otherwise(lit(0L))),
        sum(when(col("key").isNull(), col("count")).otherwise(lit(0L)))).first();
    return new KeyCounts(totals.isNullAt(0) ? 0 : totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1),
        totals.isNullAt(2) ? 0 : totals.getLong(2));
  }
}
