package io.assay.ingestion.bronze;

import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.schemas.contract.ContractCatalog;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Kafka → Bronze: one Structured Streaming query over every contract's topic, one generic path.
 * Each micro-batch is routed and written by {@link BronzeBatchWriter}; the checkpoint plus Delta's
 * transaction guard make every record land exactly once in Bronze or the dead-letter table.
 */
public final class BronzeJob {
  private BronzeJob() {}

  public static StreamingQuery start(SparkSession spark, ContractCatalog catalog, IngestSettings settings) {
    return start(spark, catalog, settings, new StepTimes());
  }

  /** @param steps where each micro-batch's per-step time is summed */
  public static StreamingQuery start(SparkSession spark, ContractCatalog catalog, IngestSettings settings, StepTimes steps) {
    RecordRouter router = new RecordRouter(ContractSources.of(catalog), settings.registry(), settings.maxMessageBytes());
    boolean oneExecutor = spark.sparkContext().isLocal();
    DeadLetterPublisher publisher = new DeadLetterPublisher(settings.kafka(), TopicProvisioner.DEAD_LETTER_TOPIC, settings.appId(),
        oneExecutor);
    BronzeBatchWriter writer = new BronzeBatchWriter(catalog, router, settings.lake(), settings.appId(), publisher, steps);
    BronzeTables.ensureExist(spark, catalog, settings.lake());
    Dataset<Row> kafka = spark.readStream().format("kafka")
        .options(settings.kafka().sparkOptions())
        .option("subscribe", String.join(",", catalog.topics()))
        .option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger())
        .load();
    try {
      StreamingQuery query = kafka.writeStream()
          .queryName(settings.appId())
          .option("checkpointLocation", settings.lake().checkpoint(settings.appId()))
          .trigger(trigger(settings))
          .foreachBatch((VoidFunction2<Dataset<Row>, Long>) writer)
          .start();
      if (oneExecutor) {
        PublisherPool.closeWhenStopped(spark, query);
      }
      return query;
    } catch (TimeoutException e) {
      throw new IllegalStateException("the Bronze query did not start: " + e.getMessage(), e);
    }
  }

  static Trigger trigger(IngestSettings settings) {
    return settings.processingTime()
        .map(interval -> Trigger.ProcessingTime(interval.toMillis()))
        .orElseGet(Trigger::AvailableNow);
  }
}
