package io.assay.transformations;

import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/** Reads lake tables back as comparable text: one "a|b|c" line per row, sorted by the chosen columns. */
final class LakeAssertions {
  private final SparkSession spark;
  private final String lakeRoot;

  LakeAssertions(SparkSession spark, String lakeRoot) {
    this.spark = spark;
    this.lakeRoot = lakeRoot;
  }

  /** The rows as text lines, sorted as text (so lead with the key columns). */
  List<String> rows(String table, String... columns) {
    List<String> lines = new ArrayList<>();
    for (Row row : spark.read().format("delta").load(lakeRoot + "/" + table).selectExpr(columns).collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        cells.add(text(row.get(i)));
      }
      lines.add(String.join("|", cells));
    }
    lines.sort(null);
    return lines;
  }

  long version(String table) {
    return DeltaTable.forPath(spark, lakeRoot + "/" + table).history(1).select("version").head().getLong(0);
  }

  Map<String, Long> versions(List<String> tables) {
    Map<String, Long> versions = new TreeMap<>();
    tables.forEach(t -> versions.put(t, version(t)));
    return versions;
  }

  String typeOf(String table, String column) {
    return spark.read().format("delta").load(lakeRoot + "/" + table).schema().apply(column).dataType().simpleString();
  }

  private static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return new TreeMap<>(JavaConverters.mapAsJavaMap(map)).entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }
    return value.toString();
  }
}
