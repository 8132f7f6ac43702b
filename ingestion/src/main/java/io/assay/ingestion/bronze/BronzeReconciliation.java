package io.assay.ingestion.bronze;

import io.assay.lake.LakeLayout;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Proves Bronze against the producers' ledger: every message in Kafka is in exactly one of Bronze
 * or the dead-letter table, at its own topic/partition/offset; every fault landed in the category
 * it was built to produce; every dead letter kept the original bytes.
 */
public final class BronzeReconciliation {
  /** One failed check. */
  public record Mismatch(String check, Object expected, Object actual) {}

  /** What Bronze holds and how it compares with the ledger. */
  public record Result(Map<String, Long> bronzeRows, long deadLetters, Map<String, Long> deadLettersByCategory,
      Map<String, Long> deadLettersByTopic, List<Mismatch> mismatches) {}

  /** The ledger's columns this check reads; explicit, so a run without faults still has them. */
  private static final StructType LEDGER_SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType).add("topic", DataTypes.StringType).add("outcome", DataTypes.StringType)
      .add("fault", DataTypes.StringType).add("expected_category", DataTypes.StringType)
      .add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType).add("value_sha256", DataTypes.StringType);

  private BronzeReconciliation() {}

  public static Result reconcile(SparkSession spark, ContractCatalog catalog, LakeLayout lake, Path ledgerFile,
      Map<String, Long> messagesInKafka) {
    List<Mismatch> mismatches = new ArrayList<>();
    Dataset<Row> landed = null;
    Map<String, Long> bronzeRows = new TreeMap<>();
    for (Contract contract : catalog.contracts()) {
      Dataset<Row> bronze = streamedRows(spark.read().format("delta").load(lake.bronzeTable(contract.topic())))
          .select(col(RoutedSchema.TOPIC).as("topic"), col(RoutedSchema.PARTITION).as("partition"),
              col(RoutedSchema.OFFSET).as("offset"), lit(null).cast("string").as("category"),
              lit(null).cast("binary").as("original_value"));
      bronzeRows.put("bronze_" + contract.topic(), bronze.count());
      landed = landed == null ? bronze : landed.unionByName(bronze);
    }
    Dataset<Row> dlq = spark.read().format("delta").load(lake.table(LakeLayout.DLQ_TABLE));
    landed = landed.unionByName(dlq.select(col("source_topic").as("topic"), col("source_partition").as("partition"),
        col("source_offset").as("offset"), col("category"), col("original_value"))).cache();

    Map<String, Long> byCategory = counts(dlq.groupBy("category").count());
    Map<String, Long> deadByTopic = counts(dlq.groupBy("source_topic").count());
    long deadLetters = byCategory.values().stream().mapToLong(Long::longValue).sum();

    for (Contract contract : catalog.contracts()) {
      String topic = contract.topic();
      long inBronze = bronzeRows.get("bronze_" + topic) + deadByTopic.getOrDefault(topic, 0L);
      check(mismatches, "kafka_equals_bronze_plus_dead_letters." + topic, messagesInKafka.getOrDefault(topic, 0L), inBronze);
    }
    long distinctPositions = landed.select("topic", "partition", "offset").distinct().count();
    check(mismatches, "no_duplicates", landed.count(), distinctPositions);

    // Join the ledger's delivered events to where each one landed, by Kafka position.
    Dataset<Row> ledger = spark.read().schema(LEDGER_SCHEMA).json(ledgerFile.toString())
        .filter(col("outcome").isin("sent", "sent_faulty", "sent_corrupt"));
    Dataset<Row> joined = ledger.join(landed, ledger.col("topic").equalTo(landed.col("topic"))
            .and(ledger.col("partition").equalTo(landed.col("partition")))
            .and(ledger.col("offset").equalTo(landed.col("offset"))), "left")
        .select(ledger.col("outcome"), ledger.col("fault"), ledger.col("expected_category"), ledger.col("value_sha256"),
            landed.col("offset").isNotNull().as("found"), landed.col("category"), landed.col("original_value"));
    Row totals = joined.agg(
        count(lit(1)).as("delivered"),
        sum(when(col("found"), 1).otherwise(0)).as("found"),
        sum(when(col("outcome").equalTo("sent").and(col("found")).and(col("category").isNull()), 1).otherwise(0)).as("valid_in_bronze"),
        sum(when(col("outcome").equalTo("sent"), 1).otherwise(0)).as("valid_sent"),
        sum(when(col("expected_category").isNotNull().and(col("category").equalTo(col("expected_category"))), 1).otherwise(0)).as("faults_as_expected"),
        sum(when(col("expected_category").isNotNull(), 1).otherwise(0)).as("faults_sent"),
        sum(when(col("category").isNotNull().and(sha2(col("original_value"), 256).eqNullSafe(col("value_sha256"))), 1).otherwise(0)).as("bytes_identical"),
        sum(when(col("category").isNotNull(), 1).otherwise(0)).as("dead_letters_joined")).first();
    check(mismatches, "every_delivered_event_landed", totals.getLong(0), totals.getLong(1));
    check(mismatches, "valid_events_in_bronze", totals.getLong(3), totals.getLong(2));
    check(mismatches, "faults_dead_lettered_as_expected", totals.getLong(5), totals.getLong(4));
    check(mismatches, "dead_letters_keep_original_bytes", totals.getLong(7), totals.getLong(6));
    check(mismatches, "dead_letters_all_from_ledger", deadLetters, totals.getLong(7));
    Map<String, Long> byFault = counts(joined.filter(col("fault").isNotNull().and(col("category").equalTo(col("expected_category"))))
        .groupBy("fault").count());
    Map<String, Long> faultsSent = counts(joined.filter(col("expected_category").isNotNull()).groupBy("fault").count());
    check(mismatches, "dead_letters_per_fault_kind", faultsSent, byFault);
    checkMetrics(spark, lake, bronzeRows, deadByTopic, mismatches);
    landed.unpersist();
    return new Result(bronzeRows, deadLetters, byCategory, deadByTopic, mismatches);
  }

  /** The per-minute counts in {@code pipeline_metrics} must add up to what Bronze and the DLQ table hold. */
  private static void checkMetrics(SparkSession spark, LakeLayout lake, Map<String, Long> bronzeRows,
      Map<String, Long> deadByTopic, List<Mismatch> mismatches) {
    Map<String, Long> expected = new TreeMap<>();
    bronzeRows.forEach((table, rows) -> expected.put(table.substring("bronze_".length()) + "/valid", rows));
    deadByTopic.forEach((topic, rows) -> expected.put(topic + "/dead_letter", rows));
    expected.values().removeIf(rows -> rows == 0);
    Map<String, Long> counted = new TreeMap<>();
    for (Row row : spark.read().format("delta").load(lake.table(LakeLayout.METRICS_TABLE))
        .groupBy("topic", "status").agg(sum("records")).collectAsList()) {
      counted.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    check(mismatches, "pipeline_metrics_sum_to_bronze_and_dead_letters", expected, counted);
  }

  /** Rows the stream wrote: a dead letter replayed into Bronze later is accounted for by the dead-letter reconciliation. */
  public static Dataset<Row> streamedRows(Dataset<Row> bronze) {
    return java.util.Arrays.asList(bronze.columns()).contains(BronzeBatchWriter.REPLAY_RUN_COLUMN)
        ? bronze.filter(col(BronzeBatchWriter.REPLAY_RUN_COLUMN).isNull())
        : bronze;
  }

  private static void check(List<Mismatch> mismatches, String check, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      mismatches.add(new Mismatch(check, expected, actual));
    }
  }

  private static Map<String, Long> counts(Dataset<Row> grouped) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : grouped.collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }
}
