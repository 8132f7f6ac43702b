package io.assay.quality;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/** Validates one check's options against a table schema: columns exist and fit, regexes and predicates parse. */
final class CheckValidator {
  private final StructType schema;

  CheckValidator(StructType schema) {
    this.schema = schema;
  }

  void validate(CheckDefinition check) {
    if (check.has("column")) {
      DataType type = columnType(check, "column", check.column());
      requireFitting(check, type);
    }
    if (check.has("columns")) {
      for (String column : check.columns()) {
        columnType(check, "columns", column);
      }
    }
    for (String key : new String[] {"min", "max", "value", "max_missing"}) {
      check.number(key);
    }
    if (check.has("values")) {
      check.option("values").texts("values");
    }
    if (check.has("regex")) {
      try {
        Pattern.compile(check.text("regex"));
      } catch (PatternSyntaxException e) {
        throw error(check, "regex", "malformed regex: " + e.getDescription() + " near index " + e.getIndex());
      }
    }
    for (String key : new String[] {"where", "predicate"}) {
      if (check.has(key)) {
        validatePredicate(check, key);
      }
    }
    for (String key : new String[] {"max_age", "max_future"}) {
      if (check.has(key)) {
        duration(check, key);
      }
    }
    if (check.type() == CheckType.RATIO && !check.has("min") && !check.has("max")) {
      throw new GateDefinitionException(check.location(), "check '" + check.name() + "': a ratio needs min or max");
    }
  }

  static Duration duration(CheckDefinition check, String key) {
    try {
      return Duration.parse(check.text(key));
    } catch (DateTimeParseException e) {
      throw error(check, key, "'" + check.text(key) + "' is not an ISO-8601 duration such as PT6H or P8D");
    }
  }

  private DataType columnType(CheckDefinition check, String key, String column) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw error(check, key, "table has no column '" + column + "' (columns: " + String.join(", ", schema.fieldNames()) + ")");
    }
    return schema.apply(column).dataType();
  }

  private void requireFitting(CheckDefinition check, DataType type) {
    boolean fits = switch (check.type()) {
      case MIN, MAX, NON_NEGATIVE -> type instanceof NumericType;
      case PATTERN -> type instanceof StringType;
      case FRESHNESS -> type instanceof TimestampType || type instanceof DateType;
      default -> true;
    };
    if (!fits) {
      throw error(check, "column", "column '" + check.column() + "' is " + type.simpleString()
          + ", which a " + check.type().yamlName() + " check cannot use");
    }
  }

  private void validatePredicate(CheckDefinition check, String key) {
    try {
      for (String column : PredicateColumns.of(check.text(key))) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
          throw error(check, key, key + " refers to column '" + column + "', which the table does not have");
        }
      }
    } catch (GateDefinitionException e) {
      throw e;
    } catch (Exception e) { // Spark's ParseException, checked in Java's eyes but undeclared by Scala
      throw error(check, key, key + " is not a valid SQL expression: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static GateDefinitionException error(CheckDefinition check, String key, String problem) {
    return new GateDefinitionException(check.locationOf(key), "check '" + check.name() + "': " + problem);
  }
}
