package io.assay.transformations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructType;

/**
 * What a model's leading {@code -- name: value} comment lines declare: how rows are keyed, how the
 * table is kept up to date, how it is partitioned, and (for day-replacing models) how a changed
 * source row maps to the day it affects. Comment lines that are not {@code name: value} are prose.
 */
public record ModelHeader(
    List<String> key,
    Incremental incremental,
    List<String> partitionBy,
    List<String> keepFirstBy,
    Map<String, String> daysFrom,
    Map<String, StructType> optionalTables) {

  /** Silver's default tie-break: the earliest Kafka record of a key wins. */
  public static final List<String> DEFAULT_KEEP_FIRST_BY = List.of("_source_partition", "_source_offset");

  private static final Pattern HEADER_LINE = Pattern.compile("^--\\s*([a-z_]+)\\s*:\\s*(.*?)\\s*$");
  private static final Pattern REPLACE_DAYS = Pattern.compile("replace_days\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");
  private static final Pattern TABLE_COLON_EXPRESSION = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(.+)");
  private static final Pattern TABLE_WITH_COLUMNS = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.+)\\)");

  /** How a model's table follows its sources. */
  public sealed interface Incremental permits AppendNew, ReplaceDays {}

  /** Only rows of keys the table does not hold yet are inserted (Silver). */
  public record AppendNew() implements Incremental {}

  /** The days touched by changed source rows are rebuilt and overwrite those days (Gold). */
  public record ReplaceDays(String dayColumn) implements Incremental {}

  public boolean replacesDays() {
    return incremental instanceof ReplaceDays;
  }

  public Optional<String> dayColumn() {
    return incremental instanceof ReplaceDays days ? Optional.of(days.dayColumn()) : Optional.empty();
  }

  /** Parses the comment lines before the first SQL line; {@code file} only names the source in errors. */
  public static ModelHeader parse(String file, String sql) {
    List<String> key = List.of();
    Incremental incremental = null;
    List<String> partitionBy = List.of();
    List<String> keepFirstBy = DEFAULT_KEEP_FIRST_BY;
    Map<String, String> daysFrom = new LinkedHashMap<>();
    Map<String, StructType> optional = new LinkedHashMap<>();
    String[] lines = sql.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith("--")) {
        break;
      }
      Matcher m = HEADER_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      String value = m.group(2);
      switch (m.group(1)) {
        case "key" -> key = columns(where, value);
        case "incremental" -> incremental = incremental(where, value);
        case "partition_by" -> partitionBy = columns(where, value);
        case "keep_first_by" -> keepFirstBy = columns(where, value);
        case "days_from" -> {
          Matcher tv = tableAndValue(TABLE_COLON_EXPRESSION, where, "days_from", value, "days_from: silver_orders: order_date");
          daysFrom.put(tv.group(1), tv.group(2));
        }
        case "optional" -> {
          Matcher tv = tableAndValue(TABLE_WITH_COLUMNS, where, "optional", value, "optional: quality_results (table_name STRING, status STRING)");
          optional.put(tv.group(1), ddl(where, tv.group(2)));
        }
        default -> throw new ModelDefinitionException(where + "unknown header '" + m.group(1)
            + "'; known: key, incremental, partition_by, keep_first_by, days_from, optional");
      }
    }
    if (key.isEmpty()) {
      throw new ModelDefinitionException(file + ": missing header '-- key: <column>[, <column>...]'");
    }
    if (incremental == null) {
      throw new ModelDefinitionException(file + ": missing header '-- incremental: append_new' or '-- incremental: replace_days(<date column>)'");
    }
    return new ModelHeader(key, incremental, partitionBy, keepFirstBy, Map.copyOf(daysFrom), Map.copyOf(optional));
  }

  private static Incremental incremental(String where, String value) {
    if (value.equals("append_new")) {
      return new AppendNew();
    }
    Matcher days = REPLACE_DAYS.matcher(value);
    if (days.matches()) {
      return new ReplaceDays(days.group(1));
    }
    throw new ModelDefinitionException(where + "incremental must be 'append_new' or 'replace_days(<date column>)', not '" + value + "'");
  }

  private static List<String> columns(String where, String value) {
    List<String> columns = new ArrayList<>();
    for (String part : value.split(",")) {
      String column = part.trim();
      if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new ModelDefinitionException(where + "'" + column + "' is not a column name");
      }
      columns.add(column);
    }
    return List.copyOf(columns);
  }

  private static Matcher tableAndValue(Pattern pattern, String where, String name, String value, String example) {
    Matcher tv = pattern.matcher(value);
    if (!tv.matches()) {
      throw new ModelDefinitionException(where + name + " must look like '" + example + "', not '" + value + "'");
    }
    return tv;
  }

  private static StructType ddl(String where, String ddl) {
    try {
      return StructType.fromDDL(ddl);
    } catch (RuntimeException e) {
      throw new ModelDefinitionException(where + "optional table schema '" + ddl + "' is not a column list: " + e.getMessage(), e);
    }
  }
}
