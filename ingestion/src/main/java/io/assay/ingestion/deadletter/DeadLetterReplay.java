package io.assay.ingestion.deadletter;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.assay.ingestion.bronze.BronzeBatchWriter;
import io.assay.ingestion.bronze.ContractSources;
import io.assay.lake.LakeLayout;
import io.assay.ingestion.bronze.RecordRouter;
import io.assay.ingestion.bronze.RegistryEndpoint;
import io.assay.ingestion.bronze.RoutedSchema;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-decodes and re-validates open dead letters with the contracts and registry in force now, through
 * the streaming job's own {@link RecordRouter} and Bronze row shape. Records that pass are inserted into
 * their Bronze table with their original Kafka coordinates and the run id in {@code _replay_run_id};
 * records that still fail stay open, with the new violation recorded in {@link ResolutionTable}.
 *
 * <p>Exactly once: dead letters are numbered in Kafka order and replayed in batches; every write is a
 * Delta MERGE that inserts only rows whose Kafka coordinates are not in the table yet, under Delta's
 * idempotent-write guard (txnAppId = {@code assay-replay-<run id>}, txnVersion = the batch number).
 * A run killed anywhere and run again (same run id or a new one), or run twice, adds nothing twice.
 */
public final class DeadLetterReplay {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

  /** What to replay and how. */
  public record Options(DeadLetterFilter filter, String runId, int batchSize, boolean dryRun) {
    public Options {
      if (batchSize < 1) {
        throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
      }
    }
  }

  /**
   * What a run did (or, dry, would do).
   *
   * @param recovered dead letters that pass now, closed as replayed (including any a killed earlier run had already put in Bronze)
   * @param insertedIntoBronze rows this run id holds in Bronze afterwards
   * @param recoveredByCategory recovered dead letters by their original category
   * @param stillFailingByCategory records still failing by the category the current contract gives them
   */
  public record Result(String runId, boolean dryRun, long candidates, long recovered, long insertedIntoBronze,
      long stillFailing, Map<String, Long> recoveredByTopic, Map<String, Long> recoveredByCategory,
      Map<String, Long> stillFailingByCategory, int batches) {}

  private final SparkSession spark;
  private final ContractCatalog catalog;
  private final LakeLayout lake;
  private final RecordRouter router;

  public DeadLetterReplay(SparkSession spark, ContractCatalog catalog, LakeLayout lake, RegistryEndpoint registry, int maxMessageBytes) {
    this.spark = spark;
    this.catalog = catalog;
    this.lake = lake;
    this.router = new RecordRouter(ContractSources.of(catalog), registry, maxMessageBytes, true);
  }

  public Result run(Options options) {
    Dataset<Row> candidates = candidates(options).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long total = candidates.count();
      int batches = (int) ((total + options.batchSize() - 1) / options.batchSize());
      Tally tally = new Tally();
      for (int batch = 0; batch < batches; batch++) {
        replayBatch(candidates.filter(col("_replay_batch").equalTo(batch)), batch, options, tally);
      }
      long inserted = options.dryRun() ? 0 : insertedBy(options.runId());
      return new Result(options.runId(), options.dryRun(), total, tally.recovered, inserted, tally.stillFailing,
          tally.recoveredByTopic, tally.recoveredByCategory, tally.stillFailingByCategory, batches);
    } finally {
      candidates.unpersist();
    }
  }

  /**
   * Open dead letters that match the filter, plus any this run id already touched (so a rerun with the
   * same id numbers its batches as the first attempt did), in Kafka order with their batch number.
   */
  private Dataset<Row> candidates(Options options) {
    Dataset<Row> state = DeadLetterState.load(spark, lake).filter(options.filter().predicate())
        .filter(col("status").equalTo(DeadLetterState.OPEN)
            .or(col("resolution_run_id").equalTo(options.runId()))
            .or(col("last_attempt_run_id").equalTo(options.runId())));
    return state.withColumn("_replay_batch", floor(row_number()
            .over(Window.orderBy("source_topic", "source_partition", "source_offset")).minus(1).divide(options.batchSize())).cast("int"))
        .select(originalKey(state).as("key"), col("original_value").as("value"), col("source_topic").as("topic"),
            col("source_partition").as("partition"), col("source_offset").as("offset"), col("kafka_timestamp").as("timestamp"),
            col("category").as("original_category"), col("_replay_batch"));
  }

  /**
   * The record's Kafka key as it arrived: {@code kafka_key_bytes}, keys being bytes end to end. Rows a
   * version before that column wrote have only the text form, which is exact for the UTF-8 keys it held.
   */
  private static Column originalKey(Dataset<Row> deadLetters) {
    boolean hasBytes = java.util.Arrays.asList(deadLetters.columns()).contains("kafka_key_bytes");
    return hasBytes ? coalesce(col("kafka_key_bytes"), col("kafka_key").cast("binary")) : col("kafka_key").cast("binary");
  }

  private void replayBatch(Dataset<Row> batch, int number, Options options, Tally tally) {
    Dataset<Row> routed = router.route(batch)
        .join(batch.select(col("topic").as(RoutedSchema.TOPIC), col("partition").as(RoutedSchema.PARTITION),
            col("offset").as(RoutedSchema.OFFSET), col("original_category")),
            scala.collection.JavaConverters.asScalaBuffer(List.of(RoutedSchema.TOPIC, RoutedSchema.PARTITION, RoutedSchema.OFFSET)).toSeq())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      String appId = "assay-replay-" + options.runId();
      if (!options.dryRun()) {
        Map<String, List<Object>> daysByTopic = new TreeMap<>();
        for (Row day : routed.filter(col(RoutedSchema.VALID)).select(col(RoutedSchema.TOPIC), to_date(col(RoutedSchema.EVENT_TIME)))
            .distinct().collectAsList()) {
          daysByTopic.computeIfAbsent(day.getString(0), t -> new java.util.ArrayList<>()).add(day.get(1));
        }
        for (Contract contract : catalog.contracts()) {
          List<Object> days = daysByTopic.get(contract.topic());
          if (days != null) {
            Dataset<Row> rows = BronzeBatchWriter.bronzeRows(routed, contract, number)
                .withColumn(BronzeBatchWriter.REPLAY_RUN_COLUMN, lit(options.runId()));
            BronzeInsert.newRowsOnly(spark, lake.bronzeTable(contract.topic()), rows, days, appId, number);
          }
        }
        ResolutionTable.record(spark, lake, resolutions(routed, options.runId()), appId, number);
      }
      for (Row count : routed.groupBy(col(RoutedSchema.VALID), col(RoutedSchema.TOPIC), col("original_category"), col(RoutedSchema.CATEGORY))
          .count().collectAsList()) {
        tally.add(count.getBoolean(0), count.getString(1), count.getString(2), count.getString(3), count.getLong(4));
      }
      LOG.info("replay {} batch {}: {}", options.runId(), number, tally);
    } finally {
      routed.unpersist();
    }
  }

  /**
   * One resolution row per routed dead letter: replayed by the run whose row is in Bronze (this one, or a
   * killed earlier one that got as far as Bronze), or still failing with the violation found now.
   */
  private Dataset<Row> resolutions(Dataset<Row> routed, String runId) {
    Dataset<Row> inBronze = null;
    for (Contract contract : catalog.contracts()) {
      Dataset<Row> table = spark.read().format("delta").load(lake.bronzeTable(contract.topic()))
          .select(col(RoutedSchema.TOPIC), col(RoutedSchema.PARTITION), col(RoutedSchema.OFFSET),
              col(BronzeBatchWriter.REPLAY_RUN_COLUMN).as("_in_bronze_by"), lit("bronze_" + contract.topic()).as("_bronze_table"));
      inBronze = inBronze == null ? table : inBronze.unionByName(table);
    }
    Dataset<Row> valid = routed.filter(col(RoutedSchema.VALID));
    Dataset<Row> replayed = valid.join(inBronze, scala.collection.JavaConverters.asScalaBuffer(
        List.of(RoutedSchema.TOPIC, RoutedSchema.PARTITION, RoutedSchema.OFFSET)).toSeq(), "left");
    Dataset<Row> closed = replayed.select(col(RoutedSchema.TOPIC).as("source_topic"), col(RoutedSchema.PARTITION).as("source_partition"),
        col(RoutedSchema.OFFSET).as("source_offset"),
        when(col("_in_bronze_by").isNotNull(), col("_in_bronze_by")).otherwise(lit(runId)).as("run_id"),
        current_timestamp().as("attempted_at"), lit(ResolutionTable.REPLAYED).as("resolution"), current_timestamp().as("resolved_at"),
        lit(null).cast("string").as("reason"), col("_bronze_table").as("bronze_table"),
        lit(null).cast("string").as("new_category"), lit(null).cast("string").as("new_field"),
        lit(null).cast("string").as("new_observed_value"), lit(null).cast("string").as("new_rule"), lit(null).cast("string").as("new_detail"));
    Dataset<Row> stillFailing = routed.filter(col(RoutedSchema.VALID).equalTo(false)).select(
        col(RoutedSchema.TOPIC).as("source_topic"), col(RoutedSchema.PARTITION).as("source_partition"),
        col(RoutedSchema.OFFSET).as("source_offset"), lit(runId).as("run_id"), current_timestamp().as("attempted_at"),
        lit(null).cast("string").as("resolution"), lit(null).cast("timestamp").as("resolved_at"),
        lit(null).cast("string").as("reason"), lit(null).cast("string").as("bronze_table"),
        col(RoutedSchema.CATEGORY).as("new_category"), col(RoutedSchema.FIELD).as("new_field"),
        col(RoutedSchema.OBSERVED_VALUE).as("new_observed_value"), col(RoutedSchema.RULE).as("new_rule"),
        col(RoutedSchema.DETAIL).as("new_detail"));
    return closed.unionByName(stillFailing);
  }

  private long insertedBy(String runId) {
    long inserted = 0;
    for (Contract contract : catalog.contracts()) {
      inserted += spark.read().format("delta").load(lake.bronzeTable(contract.topic()))
          .filter(col(BronzeBatchWriter.REPLAY_RUN_COLUMN).equalTo(runId)).count();
    }
    return inserted;
  }

  /** Running counts over a run's batches. */
  private static final class Tally {
    long recovered;
    long stillFailing;
    final Map<String, Long> recoveredByTopic = new TreeMap<>();
    final Map<String, Long> recoveredByCategory = new TreeMap<>();
    final Map<String, Long> stillFailingByCategory = new TreeMap<>();

    void add(boolean valid, String topic, String originalCategory, String newCategory, long count) {
      if (valid) {
        recovered += count;
        recoveredByTopic.merge(topic, count, Long::sum);
        recoveredByCategory.merge(originalCategory, count, Long::sum);
      } else {
        stillFailing += count;
        stillFailingByCategory.merge(newCategory, count, Long::sum);
      }
    }

    @Override
    public String toString() {
      return "recovered " + recoveredByCategory + ", still failing " + stillFailingByCategory;
    }
  }
}
