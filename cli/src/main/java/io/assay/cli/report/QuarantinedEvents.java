package io.assay.cli.report;

import io.assay.lake.LakeLayout;
import io.delta.tables.DeltaTable;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The events of a topic that Silver's quarantine checks kept out of Gold, by Kafka position
 * ("partition:offset", as the ledger records each send): those with a row in
 * {@code silver_<topic>_quarantine} and none left in {@code silver_<topic>}. An order with one line
 * quarantined and others promoted still counts in Gold (its total and count come from the lines
 * kept), so it is not subtracted.
 */
final class QuarantinedEvents {
  private QuarantinedEvents() {}

  static Set<String> of(SparkSession spark, LakeLayout lake, String topic) {
    String silver = "silver_" + topic;
    String quarantine = lake.table(LakeLayout.quarantineTable(silver));
    Set<String> positions = new HashSet<>();
    if (!DeltaTable.isDeltaTable(spark, quarantine)) {
      return positions;
    }
    Dataset<Row> set = spark.read().format("delta").load(quarantine).select("_source_partition", "_source_offset").distinct();
    if (DeltaTable.isDeltaTable(spark, lake.table(silver))) {
      set = set.except(spark.read().format("delta").load(lake.table(silver)).select("_source_partition", "_source_offset"));
    }
    for (Row row : set.collectAsList()) {
      positions.add(((Number) row.get(0)).longValue() + ":" + ((Number) row.get(1)).longValue());
    }
    return positions;
  }
}
