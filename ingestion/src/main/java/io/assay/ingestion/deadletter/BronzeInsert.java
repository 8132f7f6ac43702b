package io.assay.ingestion.deadletter;

import io.assay.ingestion.bronze.RoutedSchema;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Inserts replayed rows into a Bronze table unless a row with the same Kafka topic, partition and offset is
 * already there: an insert-only MERGE on the coordinates, limited to the rows' event days so Delta reads
 * only those partitions. Two replays racing on a table conflict in Delta and one fails, rather than both
 * inserting. Replayed rows reach Silver through the change feed as ordinary inserts.
 */
final class BronzeInsert {
  private BronzeInsert() {}

  static void newRowsOnly(SparkSession spark, String table, Dataset<Row> rows, List<Object> eventDays, String appId, long version) {
    String days = eventDays.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "));
    String sameRecord = "t." + RoutedSchema.TOPIC + " = s." + RoutedSchema.TOPIC
        + " AND t." + RoutedSchema.PARTITION + " = s." + RoutedSchema.PARTITION
        + " AND t." + RoutedSchema.OFFSET + " = s." + RoutedSchema.OFFSET
        + " AND t.event_date IN (" + days + ")";
    boolean evolve = !List.of(spark.read().format("delta").load(table).columns()).containsAll(List.of(rows.columns()));
    String autoMerge = "spark.databricks.delta.schema.autoMerge.enabled";
    String before = spark.conf().get(autoMerge, "false");
    if (evolve) {
      spark.conf().set(autoMerge, "true"); // a Bronze table made before replays existed gains _replay_run_id
    }
    try {
      IdempotentMerge.run(spark, appId, version, () -> DeltaTable.forPath(spark, table).as("t")
          .merge(rows.as("s"), sameRecord)
          .whenNotMatched().insertAll()
          .execute());
    } finally {
      spark.conf().set(autoMerge, before);
    }
  }
}
