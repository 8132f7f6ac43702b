package io.assay.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The row-level reading of a check: a column that is true exactly for the rows that keep it, derived
 * from the same {@link CheckDefinition} the Deequ compiler reads, with Deequ's own semantics (nulls
 * pass min/max/non_negative/allowed_values/pattern, a predicate that is not true fails, {@code where}
 * scopes the check to the rows it matches). So the rows quarantined are the rows the Deequ check
 * counts as failing, and a gate file never spells a check twice.
 */
public final class RowPredicate {
  private RowPredicate() {}

  /** True for a row that keeps the check, never null. Only for {@link CheckType#rowLevel()} checks. */
  public static Column keeps(CheckDefinition check) {
    if (!check.type().rowLevel()) {
      throw new IllegalArgumentException("check '" + check.name() + "' (" + check.type().yamlName() + ") is not row-level");
    }
    Column value = check.has("column") ? col("`" + check.column() + "`") : null;
    Column holds = switch (check.type()) {
      case COMPLETENESS -> value.isNotNull();
      case MIN -> value.isNull().or(value.geq(lit(check.number("value").orElseThrow())));
      case MAX -> value.isNull().or(value.leq(lit(check.number("value").orElseThrow())));
      case NON_NEGATIVE -> value.isNull().or(value.geq(lit(0)));
      case ALLOWED_VALUES -> {
        List<String> values = check.option("values").texts("values");
        yield value.isNull().or(value.cast("string").isin(values.toArray()));
      }
      case PATTERN -> value.isNull().or(value.rlike(check.text("regex")));
      case SATISFIES -> expr(check.text("predicate"));
      default -> throw new IllegalStateException("not row-level: " + check.type());
    };
    Column kept = coalesce(holds, lit(false));
    return check.where().map(w -> coalesce(expr(w), lit(false)).unary_$bang().or(kept)).orElse(kept);
  }
}
