package io.assay.ingestion.bronze;

import io.assay.ingestion.kafka.KafkaSettings;
import io.assay.lake.LakeLayout;
import java.time.Duration;
import java.util.Optional;

/**
 * How the Kafka → Bronze job runs.
 *
 * @param appId names the query, its checkpoint and its idempotent-write guard; keep it stable
 * @param processingTime trigger interval; empty means {@code availableNow} (drain what is there, then stop)
 * @param maxOffsetsPerTrigger cap on records per micro-batch (also bounds the dead letters sent from the driver)
 * @param maxMessageBytes larger values are dead-lettered as oversized
 * @param metricsWatermark how late a record may arrive and still be counted in its minute of {@code pipeline_metrics}
 * @param registryRetryBudget how long to wait out a registry outage before failing the batch
 */
public record IngestSettings(
    KafkaSettings kafka,
    RegistryEndpoint registry,
    LakeLayout lake,
    String appId,
    Optional<Duration> processingTime,
    long maxOffsetsPerTrigger,
    int maxMessageBytes,
    Duration metricsWatermark) {

  public boolean availableNow() {
    return processingTime.isEmpty();
  }
}
