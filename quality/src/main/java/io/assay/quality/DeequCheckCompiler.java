package io.assay.quality;

import static io.assay.quality.Scala.assertion;
import static io.assay.quality.Scala.none;

import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel$;
import com.amazon.deequ.checks.CheckWithLastConstraintFilterable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import scala.util.matching.Regex;

/**
 * The one place gate definitions become Deequ checks. Each gate check is one Deequ {@link Check}
 * named after it, so a whole gate runs as one verification suite and every check keeps its own
 * status. Referential and key checks have no Deequ check: {@link ReferentialCheck} and
 * {@link KeyCheck} run them. Freshness is judged against the instant passed in, never the wall clock, so tests are
 * deterministic.
 */
final class DeequCheckCompiler {
  private static final DoubleFunction<String> NUMBER = DeequCheckCompiler::number;
  private static final DoubleFunction<String> FRACTION = v -> String.format("%.4f", v);

  private final StructType schema;
  private final Instant now;

  DeequCheckCompiler(StructType schema, Instant now) {
    this.schema = schema;
    this.now = now;
  }

  CompiledCheck compile(CheckDefinition check) {
    Check empty = new Check(
        check.severity() == Severity.ERROR ? CheckLevel$.MODULE$.Error() : CheckLevel$.MODULE$.Warning(),
        check.name(), Scala.seq(List.of()));
    return switch (check.type()) {
      case ROW_COUNT -> {
        double min = check.number("min").orElse(0.0);
        double max = check.number("max").orElse(Double.MAX_VALUE);
        yield deequ(check, empty.hasSize(assertion(v -> v >= min && v <= max), none()),
            range(check.number("min"), check.number("max"), "rows"), NUMBER);
      }
      case COMPLETENESS -> {
        double min = check.number("min").orElse(1.0);
        // Deequ's Completeness rejects nested columns (items, shipping_address); for those the same
        // share of non-null values is a Compliance over "IS NOT NULL".
        boolean nested = !(schema.apply(check.column()).dataType() instanceof AtomicType);
        CheckWithLastConstraintFilterable completeness = nested
            ? empty.satisfies("`" + check.column() + "` IS NOT NULL", check.name(), assertion(v -> v >= min), none(),
                Scala.list(List.of()), none())
            : empty.hasCompleteness(check.column(), assertion(v -> v >= min), none(), none());
        yield deequ(check, where(check, completeness), "completeness >= " + min, FRACTION);
      }
      case UNIQUENESS -> new CompiledCheck(check, Optional.empty(),
          "uniqueness of (" + String.join(", ", check.columns()) + ") >= " + check.number("min").orElse(1.0),
          NUMBER, Map.of());
      case PRIMARY_KEY -> new CompiledCheck(check, Optional.empty(),
          "(" + String.join(", ", check.columns()) + ") unique and complete", NUMBER, Map.of());
      case MIN -> {
        double value = check.number("value").orElseThrow();
        yield deequ(check, where(check, empty.hasMin(check.column(), assertion(v -> v >= value), none(), none())),
            "min(" + check.column() + ") >= " + bound(value, check.column()), valueFormat(check.column()));
      }
      case MAX -> {
        double value = check.number("value").orElseThrow();
        yield deequ(check, where(check, empty.hasMax(check.column(), assertion(v -> v <= value), none(), none())),
            "max(" + check.column() + ") <= " + bound(value, check.column()), valueFormat(check.column()));
      }
      case ALLOWED_VALUES -> {
        double min = check.number("min").orElse(1.0);
        List<String> values = check.option("values").texts("values");
        yield deequ(check, where(check, empty.isContainedIn(check.column(), values.toArray(new String[0]),
                assertion(v -> v >= min), none(), none())),
            "share of " + check.column() + " in " + values + " >= " + min, FRACTION);
      }
      case PATTERN -> {
        double min = check.number("min").orElse(1.0);
        Regex regex = new Regex(check.text("regex"), Scala.seq(List.of()));
        // Patterns judge present values only; completeness is a check of its own.
        String present = "`" + check.column() + "` IS NOT NULL";
        String filter = check.where().map(w -> "(" + w + ") AND " + present).orElse(present);
        yield deequ(check, empty.hasPattern(check.column(), regex, assertion(v -> v >= min), none(), none(), none())
                .where(filter),
            "share of " + check.column() + " matching " + check.text("regex") + " >= " + min, FRACTION);
      }
      case NON_NEGATIVE -> deequ(check,
          where(check, empty.isNonNegative(check.column(), assertion(v -> v == 1.0), none())),
          "every " + check.column() + " >= 0", FRACTION);
      case FRESHNESS -> freshness(check, empty);
      case RATIO -> {
        double min = check.number("min").orElse(0.0);
        double max = check.number("max").orElse(1.0);
        yield deequ(check, empty.satisfies(check.text("predicate"), check.name(),
                assertion(v -> v >= min && v <= max), none(), Scala.list(List.of()), none()),
            "share of rows with " + check.text("predicate") + " " + range(check.number("min"), check.number("max"), ""),
            FRACTION);
      }
      case SATISFIES -> {
        double min = check.number("min").orElse(1.0);
        yield deequ(check, empty.satisfies(check.text("predicate"), check.name(),
                assertion(v -> v >= min), none(), Scala.list(List.of()), none()),
            "share of rows with " + check.text("predicate") + " >= " + min, FRACTION);
      }
      case REFERENTIAL -> new CompiledCheck(check, Optional.empty(),
          "at most " + number(check.number("max_missing").orElse(0.0)) + " values of " + check.column()
              + " missing from " + check.text("ref_table") + "." + check.text("ref_column"),
          NUMBER, Map.of());
    };
  }

  /**
   * Newest value within [now - max_age, now + max_future], as Deequ's Maximum over epoch seconds of a
   * helper column, so it is computed in the same scan as every other metric.
   */
  private CompiledCheck freshness(CheckDefinition check, Check empty) {
    Duration maxAge = CheckValidator.duration(check, "max_age");
    Duration maxFuture = check.has("max_future") ? CheckValidator.duration(check, "max_future") : Duration.ofMinutes(5);
    long oldest = now.minus(maxAge).getEpochSecond();
    long newest = now.plus(maxFuture).getEpochSecond();
    String column = check.column();
    Column source = functions.col("`" + column + "`");
    Column timestamp = schema.apply(column).dataType() instanceof DateType ? source.cast("timestamp") : source;
    String helper = "__assay_epoch_s_" + column;
    return new CompiledCheck(check,
        Optional.of(empty.hasMax(helper, assertion(v -> v >= oldest && v <= newest), none(), none())),
        "newest " + column + " between " + Instant.ofEpochSecond(oldest) + " (now - " + maxAge + ") and "
            + Instant.ofEpochSecond(newest),
        v -> Instant.ofEpochSecond((long) v).toString(),
        Map.of(helper, timestamp.cast("long")));
  }

  private static Check where(CheckDefinition check, CheckWithLastConstraintFilterable deequCheck) {
    return check.where().<Check>map(deequCheck::where).orElse(deequCheck);
  }

  private static CompiledCheck deequ(CheckDefinition check, Check deequCheck, String bound, DoubleFunction<String> format) {
    String scoped = check.where().map(w -> bound + " where " + w).orElse(bound);
    return new CompiledCheck(check, Optional.of(deequCheck), scoped, format, Map.of());
  }

  private static String range(Optional<Double> min, Optional<Double> max, String unit) {
    List<String> parts = new ArrayList<>();
    min.ifPresent(v -> parts.add(">= " + number(v)));
    max.ifPresent(v -> parts.add("<= " + number(v)));
    String text = parts.isEmpty() ? "any" : String.join(" and ", parts);
    return unit.isEmpty() ? text : unit + " " + text;
  }

  /**
   * How a column's values print: a decimal column at its scale ({@code -5.00}, not {@code -5.0}),
   * anything else as a plain number. Deequ computes minimum and maximum as doubles, which hold a
   * decimal exactly up to 15 significant digits.
   */
  private DoubleFunction<String> valueFormat(String column) {
    return decimalScale(column).<DoubleFunction<String>>map(scale ->
        v -> BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).toPlainString()).orElse(NUMBER);
  }

  /** A bound as written, padded to a decimal column's scale ({@code 0} becomes {@code 0.00}); never rounded. */
  private String bound(double value, String column) {
    return decimalScale(column).map(scale -> {
      BigDecimal written = BigDecimal.valueOf(value).stripTrailingZeros();
      return written.setScale(Math.max(scale, written.scale())).toPlainString();
    }).orElseGet(() -> number(value));
  }

  private Optional<Integer> decimalScale(String column) {
    return schema.apply(column).dataType() instanceof DecimalType decimal ? Optional.of(decimal.scale()) : Optional.empty();
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
