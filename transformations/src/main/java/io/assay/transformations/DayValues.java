package io.assay.transformations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Dates as collected from Spark and as written back into predicates. */
final class DayValues {
  private DayValues() {}

  /** The non-null values of a one-column frame of dates, ascending; empty if the column is not a date. */
  static List<LocalDate> collect(Dataset<Row> oneDateColumn) {
    if (!oneDateColumn.schema().fields()[0].dataType().equals(DataTypes.DateType)) {
      return List.of();
    }
    List<LocalDate> days = new ArrayList<>();
    for (Row row : oneDateColumn.collectAsList()) {
      Object value = row.get(0);
      if (value instanceof LocalDate day) {
        days.add(day);
      } else if (value instanceof java.sql.Date date) {
        days.add(date.toLocalDate());
      }
    }
    days.sort(null);
    return days;
  }

  /** {@code `column` IN (DATE'...', ...)}, or {@code false} for no days: usable as filter and replaceWhere. */
  static String predicate(String column, List<LocalDate> days) {
    if (days.isEmpty()) {
      return "false";
    }
    return "`" + column + "` IN (" + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")";
  }
}
