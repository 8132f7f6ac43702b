package io.assay.ingestion.bronze;

import io.assay.ingestion.kafka.KafkaSettings;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.ingestion.ledger.LedgerWriter;
import io.assay.ingestion.produce.ProduceOptions;
import io.assay.ingestion.produce.ProducerRun;
import io.assay.ingestion.produce.ProgressListener;
import io.assay.ingestion.weather.OfflineWeather;
import io.assay.lake.LakeLayout;
import io.assay.lake.SparkSessions;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.registry.RegistrySettings;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.schemas.wire.RegistrySchemaIds;
import io.assay.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;

/** A real stack, lake and Spark session for one test class, with the steps the tests repeat. */
public final class BronzeHarness implements AutoCloseable {
  public static final ContractCatalog CATALOG = ContractCatalog.fromClasspath();

  public final LocalStack stack;
  public final KafkaSettings kafka;
  public final RegistrySettings registry;
  public final RegistrySchemaIds schemaIds;
  public final LakeLayout lake;
  public final SparkSession spark;

  public BronzeHarness(Path dir) {
    stack = LocalStack.start(dir.resolve("stack"), 0, 0, 2);
    kafka = KafkaSettings.plaintext(stack.bootstrapServers(), 2);
    new TopicProvisioner(kafka).ensureTopics(CATALOG.topics());
    registry = RegistrySettings.of(stack.registryUrl().toString());
    schemaIds = new RegistrySchemaIds(new SchemaRegistryClient(registry));
    lake = new LakeLayout(dir.resolve("lake").toString(), dir.resolve("checkpoints").toString());
    spark = SparkSessions.getOrCreate("assay-test", lake.root());
  }

  public IngestSettings settings(long maxOffsetsPerTrigger) {
    return new IngestSettings(kafka, RegistryEndpoint.of(registry, Duration.ofSeconds(30)), lake, "assay-bronze",
        Optional.empty(), maxOffsetsPerTrigger, 1024 * 1024, Duration.ofMinutes(10));
  }

  public Path produce(Path ledgerFile, long events, double faultRate, long seed) {
    ProduceOptions options = new ProduceOptions(events, 0, faultRate, CATALOG.topics(), seed);
    try (LedgerWriter ledger = new LedgerWriter(ledgerFile)) {
      ProducerRun.forDemo(kafka, schemaIds, CATALOG, options, new OfflineWeather(new Random(seed)), ProgressListener.SILENT)
          .run(options, "run-" + seed, ledger);
    }
    return ledgerFile;
  }

  /** Drains every topic into Bronze, then brings the metrics up to date. */
  public void drain(long maxOffsetsPerTrigger) throws StreamingQueryException {
    IngestSettings settings = settings(maxOffsetsPerTrigger);
    BronzeJob.start(spark, CATALOG, settings).awaitTermination();
    PipelineMetricsJob.start(spark, CATALOG, settings).awaitTermination();
  }

  /** Every message of the dead-letter topic, read as a plain consumer with {@code read_committed} would. */
  public List<ConsumerRecord<byte[], byte[]>> deadLetterTopicMessages() {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    List<ConsumerRecord<byte[], byte[]>> messages = new ArrayList<>();
    long expected = TopicOffsets.committedMessages(kafka, TopicProvisioner.DEAD_LETTER_TOPIC);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(TopicProvisioner.DEAD_LETTER_TOPIC).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.currentTimeMillis() + 60_000;
      while (messages.size() < expected && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(300)).forEach(messages::add);
      }
    }
    return messages;
  }

  public static String header(ConsumerRecord<byte[], byte[]> message, String name) {
    return new String(message.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    PublisherPool.closeAll(); // its clients would keep calling this stack's broker after it stopped
    stack.close();
  }
}
