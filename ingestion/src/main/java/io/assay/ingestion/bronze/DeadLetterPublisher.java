package io.assay.ingestion.bronze;

import io.assay.ingestion.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a micro-batch's dead letters to the DLQ topic, original bytes as the value, in one Kafka
 * transaction tagged with the batch id. A batch replayed after a crash finds its id already
 * committed and writes nothing, so read_committed consumers see each dead letter exactly once.
 */
public final class DeadLetterPublisher implements AutoCloseable {
  public static final String BATCH_HEADER = "assay_batch_id";
  public static final String APP_HEADER = "assay_app";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
  private static final int TAIL_TO_SCAN = 64;

  /** One dead letter as it goes to Kafka. */
  public record DeadLetterMessage(byte[] key, byte[] value, String category, String sourceTopic,
      int partition, long offset, String detail) {}

  private final KafkaSettings kafka;
  private final String topic;
  private final String appId;
  private KafkaProducer<byte[], byte[]> producer;

  public DeadLetterPublisher(KafkaSettings kafka, String topic, String appId) {
    this.kafka = kafka;
    this.topic = topic;
    this.appId = appId;
  }

  /** Returns how many messages were written: 0 when the batch was already published. */
  public int publish(long batchId, List<DeadLetterMessage> deadLetters) {
    if (deadLetters.isEmpty()) {
      return 0;
    }
    // initTransactions first: it aborts a crashed run's open transaction, so what we read next is final.
    KafkaProducer<byte[], byte[]> out = producer();
    if (lastPublishedBatch() >= batchId) {
      LOG.info("dead letters of batch {} are already in {}; not writing them again", batchId, topic);
      return 0;
    }
    out.beginTransaction();
    try {
      for (DeadLetterMessage letter : deadLetters) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, letter.key(), letter.value());
        record.headers()
            .add("error_type", utf8(letter.category()))
            .add("source_topic", utf8(letter.sourceTopic()))
            .add("original_partition", utf8(Integer.toString(letter.partition())))
            .add("original_offset", utf8(Long.toString(letter.offset())))
            .add("error_detail", utf8(letter.detail()))
            .add(BATCH_HEADER, utf8(Long.toString(batchId)))
            .add(APP_HEADER, utf8(appId));
        out.send(record);
      }
      out.commitTransaction();
    } catch (RuntimeException e) {
      closeProducer(); // a fenced or failed producer cannot be reused; the batch fails and Spark replays it
      throw e;
    }
    return deadLetters.size();
  }

  /** The highest batch id this app committed to the DLQ topic, or -1. */
  long lastPublishedBatch() {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long last = -1;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
      long remaining = 0;
      for (TopicPartition partition : partitions) {
        long from = Math.max(starts.get(partition), ends.get(partition) - TAIL_TO_SCAN);
        consumer.seek(partition, from);
        remaining += ends.get(partition) - from;
      }
      long deadline = System.currentTimeMillis() + 30_000;
      while (remaining > 0 && System.currentTimeMillis() < deadline) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          if (appId.equals(header(record, APP_HEADER))) {
            last = Math.max(last, Long.parseLong(header(record, BATCH_HEADER)));
          }
        }
        remaining = 0;
        for (TopicPartition partition : partitions) {
          remaining += Math.max(0, ends.get(partition) - consumer.position(partition));
        }
      }
    }
    return last;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Properties props = kafka.clientProperties();
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "assay-dlq-" + appId);
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      // Dead letters keep their original bytes, oversized ones included (the embedded broker takes 8 MiB).
      props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
      producer = new KafkaProducer<>(props);
      producer.initTransactions(); // fences an older instance and aborts its open transaction
    }
    return producer;
  }

  private static byte[] utf8(String text) {
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  private void closeProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(5));
      } finally {
        producer = null;
      }
    }
  }

  @Override
  public void close() {
    closeProducer();
  }
}
