package io.assay.cli.steps;

import io.assay.cli.commands.RunIds;
import io.assay.cli.config.AssayConfig;
import io.assay.ingestion.bronze.BronzeJob;
import io.assay.ingestion.bronze.IngestLineage;
import io.assay.ingestion.bronze.IngestSettings;
import io.assay.ingestion.bronze.PipelineMetricsJob;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.lake.SparkSessions;
import io.assay.lake.lineage.LineageEmitter;
import io.assay.schemas.contract.ContractCatalog;
import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;

/** Runs Kafka → Bronze and the pipeline metrics: drained once ({@code availableNow}) or continuously. */
public final class IngestStep {
  private IngestStep() {}

  /** The session every command uses: the configured lake, and its catalog and lineage as configured. */
  public static SparkSession session(AssayConfig config) {
    return SparkSessions.getOrCreate("assay", config.lake().root(), config.session());
  }

  /** With no trigger: drains every topic, updates the metrics, returns. With one: runs until stopped. */
  public static void run(AssayConfig config, Optional<Duration> trigger) {
    ContractCatalog catalog = config.contracts();
    TopicProvisioner topics = new TopicProvisioner(config.kafka());
    topics.checkReachable();
    topics.ensureTopics(catalog.topics());
    IngestSettings settings = config.ingest(trigger);
    SparkSession spark = session(config);
    IngestLineage lineage = new IngestLineage(
        LineageEmitter.of(config.lineage(), spark.sparkContext().getConf(), RunIds.next()), config.lake());
    try {
      StreamingQuery bronze = BronzeJob.start(spark, catalog, settings);
      if (settings.availableNow()) {
        bronze.awaitTermination();
        PipelineMetricsJob.start(spark, catalog, settings).awaitTermination();
        lineage.ingest(config.kafka().bootstrapServers(), catalog.topics(), true);
      } else {
        PipelineMetricsJob.start(spark, catalog, settings);
        lineage.ingest(config.kafka().bootstrapServers(), catalog.topics(), false);
        spark.streams().awaitAnyTermination();
      }
    } catch (StreamingQueryException e) {
      throw new IllegalStateException("the streaming query failed: " + e.getMessage(), e);
    }
  }
}
