package io.assay.ingestion.bronze;

import io.assay.lake.LakeLayout;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code foreachBatch} body: routes one micro-batch of Kafka records once, then appends valid
 * rows to each topic's Bronze table and dead letters to {@code bronze_dlq_audit} and the DLQ topic,
 * those writes at the same time ({@link ConcurrentWrites}).
 * Every Delta append carries Delta's idempotent-write guard ({@code txnAppId} = the query's app id,
 * {@code txnVersion} = the batch id), so a batch replayed after a crash is skipped by tables that
 * already have it and written by those that do not.
 */
public final class BronzeBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  private static final Logger LOG = LoggerFactory.getLogger(BronzeBatchWriter.class);
  /** Which dead-letter replay run put a row into Bronze; null for rows streamed from Kafka. */
  public static final String REPLAY_RUN_COLUMN = "_replay_run_id";

  private final ContractCatalog catalog;
  private final RecordRouter router;
  private final LakeLayout lake;
  private final String appId;
  private final DeadLetterPublisher publisher;
  private final StepTimes steps;

  public BronzeBatchWriter(ContractCatalog catalog, RecordRouter router, LakeLayout lake, String appId, DeadLetterPublisher publisher) {
    this(catalog, router, lake, appId, publisher, new StepTimes());
  }

  /** @param steps where each batch's per-step time is summed (the benchmark reads it) */
  public BronzeBatchWriter(ContractCatalog catalog, RecordRouter router, LakeLayout lake, String appId,
      DeadLetterPublisher publisher, StepTimes steps) {
    this.steps = steps;
    this.catalog = catalog;
    this.router = router;
    this.lake = lake;
    this.appId = appId;
    this.publisher = publisher;
  }

  @Override
  public void call(Dataset<Row> kafkaBatch, Long batchId) {
    RDD<InternalRow> routedRows = router.routedRows(kafkaBatch).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> routed = router.asDataFrame(kafkaBatch.sparkSession(), routedRows);
    Map<String, Long> millis = new LinkedHashMap<>(); // where a batch's time goes, for the log and the benchmark
    try {
      Map<String, Long> validByTopic = new HashMap<>();
      long[] deadLetters = {0};
      steps.timed(millis, "route", () -> {
        for (Row count : routed.groupBy(RoutedSchema.TOPIC, RoutedSchema.VALID).count().collectAsList()) {
          if (count.getBoolean(1)) {
            validByTopic.put(count.getString(0), count.getLong(2));
          } else {
            deadLetters[0] += count.getLong(2);
          }
        }
      });
      Map<String, Runnable> writes = new LinkedHashMap<>();
      for (Contract contract : catalog.contracts()) {
        if (validByTopic.getOrDefault(contract.topic(), 0L) > 0) {
          writes.put(contract.topic(), () ->
              append(bronzeRows(routed, contract, batchId), lake.bronzeTable(contract.topic()), "event_date", batchId));
        }
      }
      if (deadLetters[0] > 0) {
        writes.put("dlq_table", () -> append(deadLetterRows(routed, batchId), lake.table(LakeLayout.DLQ_TABLE), "ingest_date", batchId));
        writes.put("dlq_topic", () -> publishFromExecutors(routed, batchId));
      }
      steps.timed(millis, "writes", () -> ConcurrentWrites.run(steps, millis, writes));
      LOG.info("batch {}: bronze rows {}, dead letters {}; ms {}", batchId, validByTopic, deadLetters[0], millis);
    } finally {
      routedRows.unpersist(false);
    }
  }

  /** A topic's valid routed rows in Bronze's shape; {@code _replay_run_id} is null for rows the stream wrote. */
  public static Dataset<Row> bronzeRows(Dataset<Row> routed, Contract contract, long batchId) {
    String eventColumn = RoutedSchema.eventColumn(contract.topic());
    List<Column> columns = new ArrayList<>();
    for (String field : ((StructType) routed.schema().apply(eventColumn).dataType()).fieldNames()) {
      columns.add(col(eventColumn + "." + field).as(field));
    }
    columns.add(col(RoutedSchema.TOPIC));
    columns.add(col(RoutedSchema.PARTITION));
    columns.add(col(RoutedSchema.OFFSET));
    columns.add(col(RoutedSchema.KAFKA_TIMESTAMP));
    columns.add(col(RoutedSchema.SCHEMA_ID));
    columns.add(col(RoutedSchema.SCHEMA_VERSION));
    columns.add(current_timestamp().as("_ingested_at"));
    columns.add(lit(batchId).as("_batch_id"));
    columns.add(col(RoutedSchema.EVENT_TIME).as("_event_time"));
    columns.add(to_date(col(RoutedSchema.EVENT_TIME)).as("event_date"));
    columns.add(lit(null).cast("string").as(REPLAY_RUN_COLUMN));
    return routed
        .filter(col(RoutedSchema.TOPIC).equalTo(contract.topic()).and(col(RoutedSchema.VALID)))
        .select(columns.toArray(Column[]::new));
  }

  static Dataset<Row> deadLetterRows(Dataset<Row> routed, long batchId) {
    return routed.filter(col(RoutedSchema.VALID).equalTo(false)).select(
        col(RoutedSchema.CATEGORY), col(RoutedSchema.TOPIC).as("source_topic"),
        col(RoutedSchema.PARTITION).as("source_partition"), col(RoutedSchema.OFFSET).as("source_offset"),
        col(RoutedSchema.KAFKA_TIMESTAMP).as("kafka_timestamp"), col(RoutedSchema.KAFKA_KEY_TEXT).as("kafka_key"),
        col(RoutedSchema.KAFKA_KEY).as("kafka_key_bytes"),
        col(RoutedSchema.FIELD), col(RoutedSchema.OBSERVED_VALUE), col(RoutedSchema.RULE), col(RoutedSchema.DETAIL),
        col(RoutedSchema.SCHEMA_ID).as("schema_id"), col(RoutedSchema.VIOLATIONS), col(RoutedSchema.ORIGINAL_VALUE),
        current_timestamp().as("ingested_at"), lit(batchId).as("batch_id"),
        to_date(col(RoutedSchema.KAFKA_TIMESTAMP)).as("ingest_date"));
  }

  /**
   * The routed rows keep the Kafka source's partitioning (one task per topic-partition, which the
   * dead-letter publisher relies on), but each table holds one topic's rows: without this every table's
   * write would run a task per topic-partition of every topic, most of them empty, each paying a task's
   * fixed cost. Never more tasks than cores; a coalesce never adds partitions, so on a cluster with more
   * cores than topic-partitions it changes nothing (and asking the plan for its partition count first would
   * plan every write twice).
   */
  public static Dataset<Row> atMostOneTaskPerCore(Dataset<Row> rows) {
    return rows.coalesce(rows.sparkSession().sparkContext().defaultParallelism());
  }

  /** Each task publishes its own dead letters (see {@link DeadLetterPublisher}): none pass through the driver. */
  private void publishFromExecutors(Dataset<Row> routed, long batchId) {
    DeadLetterPublisher out = publisher;
    routed.filter(col(RoutedSchema.VALID).equalTo(false))
        .select(DeadLetterPublisher.COLUMNS.stream().map(name -> col(name)).toArray(Column[]::new))
        .foreachPartition((ForeachPartitionFunction<Row>) rows -> out.publish(batchId, rows));
  }

  private void append(Dataset<Row> rows, String path, String partitionColumn, long batchId) {
    GuardedAppend.append(atMostOneTaskPerCore(rows), path, partitionColumn, appId, batchId);
  }
}
