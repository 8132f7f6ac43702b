package io.assay.ingestion.bench;

import io.assay.ingestion.bronze.StepTimes;
import io.assay.ingestion.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The benchmark's baseline: the same Kafka source, trigger and {@code foreachBatch} Delta append as the
 * Bronze job, with no decoding and no validation, so the ratio isolates what the contracts cost.
 */
public final class RawCopyJob {
  private RawCopyJob() {}

  public static StreamingQuery start(SparkSession spark, KafkaSettings kafka, List<String> topics, String tablePath,
      String checkpoint, long maxOffsetsPerTrigger, StepTimes steps) {
    VoidFunction2<Dataset<Row>, Long> copy = (batch, batchId) -> steps.timed(new HashMap<>(), "write", () -> batch
        .select("key", "value", "topic", "partition", "offset", "timestamp")
        .write().format("delta").mode("append")
        .option("txnAppId", "assay-raw-copy").option("txnVersion", batchId) // same write guard as Bronze
        .save(tablePath));
    return DrainQuery.start(spark, kafka, topics, "assay-raw-copy", checkpoint, maxOffsetsPerTrigger, copy);
  }
}
