package io.assay.ingestion.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;

import io.assay.ingestion.bronze.BronzeBatchWriter;
import io.assay.ingestion.bronze.ConcurrentWrites;
import io.assay.ingestion.bronze.StepTimes;
import io.assay.ingestion.kafka.KafkaSettings;
import io.assay.lake.LakeLayout;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.avro.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.storage.StorageLevel;

/**
 * The benchmark's fair baseline: what a user without contracts would write. Spark's built-in
 * {@code from_avro} on each value after its 5-byte Confluent header (magic byte + schema id), with the
 * topic's schema as writer and reader, into one typed Delta table per topic with Bronze's columns and
 * partitioning. No validation and no dead letters: a value that does not decode becomes a null event
 * ({@code PERMISSIVE}), as Spark does by default for a user who asked for no checks.
 */
public final class TypedCopyJob {
  private TypedCopyJob() {}

  public static StreamingQuery start(SparkSession spark, KafkaSettings kafka, ContractCatalog catalog, LakeLayout lake,
      String checkpoint, long maxOffsetsPerTrigger, StepTimes steps) {
    VoidFunction2<Dataset<Row>, Long> copy = (batch, batchId) -> {
      // The Kafka source cannot filter by topic, so the batch's bytes are read once and kept, as a user would.
      Dataset<Row> records = batch.select("key", "value", "topic", "partition", "offset", "timestamp")
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Map<String, Long> millis = new LinkedHashMap<>();
        steps.timed(millis, "read", records::count);
        // The tables at once and one task per core, as Bronze's writer does: the baseline gets the same.
        Map<String, Runnable> writes = new LinkedHashMap<>();
        for (Contract contract : catalog.contracts()) {
          writes.put(contract.topic(), () -> BronzeBatchWriter.atMostOneTaskPerCore(typed(records, contract, batchId)).write().format("delta")
              .mode("append")
              .option("txnAppId", "assay-typed-copy").option("txnVersion", batchId) // same write guard as Bronze
              .partitionBy("event_date")
              .save(lake.bronzeTable(contract.topic())));
        }
        steps.timed(millis, "writes", () -> ConcurrentWrites.run(steps, millis, writes));
      } finally {
        records.unpersist();
      }
    };
    return DrainQuery.start(spark, kafka, catalog.topics(), "assay-typed-copy", checkpoint, maxOffsetsPerTrigger, copy);
  }

  /** One topic's records decoded by Spark into Bronze's columns (the schema version is the registry's, unknown here). */
  static Dataset<Row> typed(Dataset<Row> records, Contract contract, long batchId) {
    Column payload = expr("substring(value, 6)");
    Dataset<Row> decoded = records.filter(col("topic").equalTo(contract.topic())).select(
        functions.from_avro(payload, contract.schema().toString(), Map.of("mode", "PERMISSIVE")).as("event"),
        col("topic"), col("partition"), col("offset"), col("timestamp"),
        conv(hex(expr("substring(value, 2, 4)")), 16, 10).cast("int").as("schema_id"));
    List<Column> columns = new ArrayList<>();
    contract.schema().getFields().forEach(field -> columns.add(col("event." + field.name()).as(field.name())));
    Column eventTime = to_timestamp(col("event." + contract.eventTime().field()));
    columns.add(col("topic").as("_source_topic"));
    columns.add(col("partition").as("_source_partition"));
    columns.add(col("offset").as("_source_offset"));
    columns.add(col("timestamp").as("_kafka_timestamp"));
    columns.add(col("schema_id").as("_schema_id"));
    columns.add(lit(null).cast("int").as("_schema_version"));
    columns.add(current_timestamp().as("_ingested_at"));
    columns.add(lit(batchId).as("_batch_id"));
    columns.add(eventTime.as("_event_time"));
    columns.add(to_date(eventTime).as("event_date"));
    columns.add(lit(null).cast("string").as("_replay_run_id"));
    return decoded.select(columns.toArray(Column[]::new));
  }
}
