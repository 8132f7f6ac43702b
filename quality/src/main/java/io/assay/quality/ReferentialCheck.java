package io.assay.quality;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every value of a column must exist in another table's column. Deequ has no cross-table metric, so
 * this is a left-anti join of distinct values, counted; nulls are completeness's business, not this.
 */
final class ReferentialCheck {
  private ReferentialCheck() {}

  static CheckOutcome run(String layer, String table, CompiledCheck compiled, Dataset<Row> data,
      Function<String, Dataset<Row>> otherTables) {
    CheckDefinition check = compiled.definition();
    String refTable = check.text("ref_table");
    String refColumn = check.text("ref_column");
    String constraint = "ReferentialConstraint(" + check.column() + " -> " + refTable + "." + refColumn + ")";
    Dataset<Row> other;
    try {
      other = otherTables.apply(refTable);
    } catch (RuntimeException e) {
      other = null;
    }
    if (other == null) {
      return new CheckOutcome(layer, table, check.name(), constraint, check.severity(),
          CheckStatus.of(false, check.severity()), "not checked", compiled.bound(),
          "table " + refTable + " was not available to check against");
    }
    Dataset<Row> missing = data.select(col("`" + check.column() + "`").as("value"))
        .where(col("value").isNotNull())
        .distinct()
        // Distinct on both sides: the shuffle then carries each id once, not once per order line.
        .join(other.select(col("`" + refColumn + "`").as("value")).distinct(), Scala.seq(List.of("value")), "left_anti");
    long count = missing.count();
    boolean held = count <= check.number("max_missing").orElse(0.0);
    String message = "";
    if (count > 0) {
      List<String> examples = missing.limit(3).collectAsList().stream().map(r -> String.valueOf(r.get(0))).toList();
      message = "e.g. " + String.join(", ", examples);
    }
    return new CheckOutcome(layer, table, check.name(), constraint, check.severity(),
        CheckStatus.of(held, check.severity()), count + " missing", compiled.bound(), message);
  }
}
