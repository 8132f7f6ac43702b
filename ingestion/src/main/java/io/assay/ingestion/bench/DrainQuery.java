package io.assay.ingestion.bench;

import io.assay.ingestion.kafka.KafkaSettings;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/** A baseline's query: the Bronze job's Kafka source and trigger, drained once, each micro-batch to {@code body}. */
final class DrainQuery {
  private DrainQuery() {}

  static StreamingQuery start(SparkSession spark, KafkaSettings kafka, List<String> topics, String name,
      String checkpoint, long maxOffsetsPerTrigger, VoidFunction2<Dataset<Row>, Long> body) {
    try {
      return spark.readStream().format("kafka")
          .options(kafka.sparkOptions())
          .option("subscribe", String.join(",", topics))
          .option("startingOffsets", "earliest")
          .option("maxOffsetsPerTrigger", maxOffsetsPerTrigger)
          .load()
          .writeStream()
          .queryName(name)
          .option("checkpointLocation", checkpoint)
          .trigger(Trigger.AvailableNow())
          .foreachBatch(body)
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("the " + name + " query did not start: " + e.getMessage(), e);
    }
  }
}
